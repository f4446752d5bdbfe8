import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, PHONE, signIn, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
/** The door's tablet, held in landscape. */
const TABLET = { width: 1024, height: 768 };

const sys = useSystem();

interface Registration {
  id: string;
  name: string;
  status: string;
  checkedInAt: string | null;
  ticketToken: string;
  waitlistPosition: number | null;
}

async function api<T>(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  extra: Record<string, string> = {},
) {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...headers, ...extra },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return { body: res.json() as T, etag: String(res.headers.etag ?? '') };
}

/** Today in Japan, whatever the machine's zone: the event is on the day the door opens. */
const tokyoToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** An open event later than now with a public link, seats for two at the venue and one online, and people registered. */
async function seedEvent(title: string, people: [string, string, 'venue' | 'online'][]) {
  const start = new Date(Date.now() + 2 * 3600_000);
  const { body: event } = await api<{ id: string; publicRegistrationToken: string }>('POST', '/training-events', {
    title,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    venueName: '小樽市総合福祉センター研修室',
    venueCapacity: 2,
    onlineCapacity: 1,
    onlineJoinDetails: 'Zoom ID 000 0000 0000（架空）',
    intendedAudiences: ['minsei_jido_iin', 'teacher'],
    status: 'open',
    publicRegistration: true,
  });
  const registrations: Registration[] = [];
  for (const [name, nameKana, mode] of people) {
    const { body } = await api<Registration>('POST', `/training-events/${event.id}/registrations`, {
      name,
      nameKana,
      affiliation: 'minsei_jido_iin',
      organisationName: '長橋地区',
      mode,
    });
    registrations.push(body);
  }
  return { event, registrations };
}

async function registration(eventId: string, id: string) {
  return (await api<Registration>('GET', `/training-events/${eventId}/registrations/${id}`)).body;
}

async function staffPage(viewport = DESKTOP): Promise<Page> {
  const page = await (await sys.current.context(viewport)).newPage();
  await signIn(page, STAFF);
  return page;
}

async function openCheckIn(page: Page, eventId: string, title: string) {
  await page.goto(`/training/${eventId}/check-in`);
  await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
}

/** The answer box at the top of the check-in screen. */
const result = (page: Page) => page.locator('.checkin-result');

/** What a camera reads from an image on the screen. */
async function readQr(image: Locator): Promise<string | undefined> {
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const png = PNG.sync.read(await image.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('training check-in at the door (tablet)', () => {
  it('finds a registrant by kana, checks her in with one tap and counts her', async () => {
    const title = `E2E 受付テスト ${Date.now()}`;
    const { event, registrations } = await seedEvent(title, [
      ['山田 花子', 'やまだ はなこ', 'venue'],
      ['佐藤 由美', 'さとう ゆみ', 'venue'],
      ['高橋 真理', 'たかはし まり', 'online'],
    ]);
    const page = await staffPage(TABLET);
    await openCheckIn(page, event.id, title);
    await expect.poll(() => page.getByTestId('count-venue').textContent()).toBe('0 / 2');
    await expect.poll(() => page.getByTestId('count-total').textContent()).toBe('0 / 3');

    // Katakana typed, hiragana stored: the search meets them.
    await page.getByLabel('氏名・ふりがなで探す').fill('サトウ');
    const row = page.getByRole('listitem').filter({ hasText: '佐藤 由美' });
    await row.waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: '山田 花子' }).count()).toBe(0);
    await row.getByRole('button', { name: 'チェックイン（佐藤 由美 さん）' }).click();

    await result(page).getByText('受付しました').waitFor();
    expect(await result(page).textContent()).toContain('佐藤 由美 さん（会場）');
    await expect.poll(() => page.getByTestId('count-venue').textContent()).toBe('1 / 2');
    await expect.poll(() => page.getByTestId('count-total').textContent()).toBe('1 / 3');
    // Ready for the next person: the search box is empty and has the focus.
    expect(await page.getByLabel('氏名・ふりがなで探す').inputValue()).toBe('');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    expect((await registration(event.id, registrations[1]!.id)).checkedInAt).not.toBeNull();

    // Found again, she shows as checked in; the check-in can be undone from there.
    await page.getByLabel('氏名・ふりがなで探す').fill('さとう');
    const again = page.getByRole('listitem').filter({ hasText: '佐藤 由美' });
    await again.getByText(/受付済み \d{1,2}:\d{2}/).waitFor();
    await again.getByRole('button', { name: '受付を取り消す（佐藤 由美 さん）' }).click();
    await result(page).getByText('佐藤 由美 さんの受付を取り消しました。').waitFor();
    await expect.poll(() => page.getByTestId('count-venue').textContent()).toBe('0 / 2');
    expect((await registration(event.id, registrations[1]!.id)).checkedInAt).toBeNull();
  });

  it('checks in by a scanned ticket (the URL typed and Enter), and says when it was used already or is unknown', async () => {
    const title = `E2E チケット受付 ${Date.now()}`;
    const { event, registrations } = await seedEvent(title, [
      ['鈴木 恵子', 'すずき けいこ', 'venue'],
      ['伊藤 和美', 'いとう かずみ', 'online'],
    ]);
    const online = registrations[1]!;
    const page = await staffPage(TABLET);
    await openCheckIn(page, event.id, title);
    const ticket = page.getByLabel('QRチケット');
    const ticketUrl = `${sys.current.url}/tickets/${online.ticketToken}`;

    // A USB scanner types the URL the QR code holds, then Enter.
    await ticket.fill(ticketUrl);
    await ticket.press('Enter');
    await result(page).getByText('受付しました').waitFor();
    expect(await result(page).textContent()).toContain('伊藤 和美 さん（オンライン）');
    await expect.poll(() => page.getByTestId('count-online').textContent()).toBe('1 / 1');
    expect(await ticket.inputValue()).toBe('');
    expect((await registration(event.id, online.id)).checkedInAt).not.toBeNull();

    await ticket.fill(ticketUrl);
    await ticket.press('Enter');
    await result(page)
      .getByText(/すでに受付済みです/)
      .waitFor();
    await expect.poll(() => page.getByTestId('count-online').textContent()).toBe('1 / 1');

    await ticket.fill(`${sys.current.url}/tickets/${'x'.repeat(32)}`);
    await ticket.press('Enter');
    await result(page).getByText('このチケットは見つかりません。名前で探してください。').waitFor();

    // A scanner that types into the search box instead works too.
    await page.getByLabel('氏名・ふりがなで探す').fill(`${sys.current.url}/tickets/${registrations[0]!.ticketToken}`);
    await page.getByLabel('氏名・ふりがなで探す').press('Enter');
    await result(page).getByText('受付しました').waitFor();
    expect(await result(page).textContent()).toContain('鈴木 恵子 さん（会場）');
  });

  it('reads the QR code of a ticket opened from the registration table, and checks its holder in with it', async () => {
    const title = `E2E QRチケット ${Date.now()}`;
    const { event, registrations } = await seedEvent(title, [
      ['木村 典子', 'きむら のりこ', 'venue'],
      ['林 里美', 'はやし さとみ', 'venue'],
      ['森 智子', 'もり ともこ', 'venue'],
    ]);
    const page = await staffPage(TABLET);
    await page.goto(`/training/${event.id}`);
    const [ticketPage] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'QRチケットを開く・印刷する（木村 典子 さん・新しいタブ）' }).click(),
    ]);
    await ticketPage.getByText('参加が確定しています').waitFor();
    await ticketPage.getByRole('button', { name: 'チケットを印刷する' }).waitFor();
    const qr = ticketPage.getByRole('img', { name: '受付用のQRコード（木村 典子 さんのチケット）' });
    const scanned = await readQr(qr);
    expect(scanned).toBe(`${sys.current.url}/tickets/${registrations[0]!.ticketToken}`);

    // The scanner at the door types what the code holds.
    await openCheckIn(page, event.id, title);
    const ticket = page.getByLabel('QRチケット');
    await ticket.fill(scanned as string);
    await ticket.press('Enter');
    await result(page).getByText('受付しました').waitFor();
    expect(await result(page).textContent()).toContain('木村 典子 さん（会場）');
    await expect.poll(() => page.getByTestId('count-venue').textContent()).toBe('1 / 2');
    expect((await registration(event.id, registrations[0]!.id)).checkedInAt).not.toBeNull();

    // A waitlisted holder's ticket: the screen says whose it is and asks; "やめる" checks no one in.
    await ticket.fill(`${sys.current.url}/tickets/${registrations[2]!.ticketToken}`);
    await ticket.press('Enter');
    await result(page)
      .getByText('森 智子 さん（会場）はキャンセル待ち 1番です。定員を超えて受け付けますか？')
      .waitFor();
    await result(page).getByRole('button', { name: 'やめる' }).click();
    await result(page).getByText('名前で探すか、QRチケットを読み取ってください。').waitFor();
    expect((await registration(event.id, registrations[2]!.id)).checkedInAt).toBeNull();
  });

  it('takes a walk-in, and seats one beyond a full mode only when staff say so', async () => {
    const title = `E2E 当日参加 ${Date.now()}`;
    const { event } = await seedEvent(title, [['中村 美香', 'なかむら みか', 'online']]);
    const page = await staffPage(TABLET);
    await openCheckIn(page, event.id, title);

    await page.getByRole('button', { name: '当日参加を受け付ける' }).click();
    const dialog = page.getByRole('dialog', { name: '当日参加の受付' });
    await dialog.getByLabel(/^氏名/).fill('小林 裕子');
    await dialog.getByLabel('ふりがな').fill('コバヤシ ユウコ');
    await dialog.getByLabel(/^所属区分/).selectOption({ label: '教職員' });
    await dialog.getByRole('radio', { name: /オンライン/ }).check();
    await dialog.getByRole('button', { name: '登録して受付' }).click();
    await dialog.getByText('オンラインは満席です。定員を超えて受け付けますか？').waitFor();
    await dialog.getByRole('button', { name: '定員を超えて受け付ける' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await result(page).getByText('当日参加で受け付けました').waitFor();
    await expect.poll(() => page.getByTestId('count-online').textContent()).toBe('1 / 2');

    const { body } = await api<{ items: (Registration & { walkIn: boolean; nameKana: string })[] }>(
      'GET',
      `/training-events/${event.id}/registrations?q=${encodeURIComponent('こばやし')}`,
    );
    expect(body.items).toMatchObject([{ name: '小林 裕子', walkIn: true, status: 'confirmed' }]);
    expect(body.items[0]?.checkedInAt).not.toBeNull();
  });
});

describe('training event page', () => {
  it('cancels a registration and names who moved up from the waitlist', async () => {
    const title = `E2E 取消と繰上げ ${Date.now()}`;
    const { event, registrations } = await seedEvent(title, [
      ['山本 洋子', 'やまもと ようこ', 'venue'],
      ['渡辺 幸子', 'わたなべ さちこ', 'venue'],
      ['田中 直子', 'たなか なおこ', 'venue'],
    ]);
    expect(registrations.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const page = await staffPage();
    await page.goto(`/training/${event.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.getByText('キャンセル待ち 1番').count()).toBe(1);

    await page.getByRole('button', { name: '申込取消（山本 洋子 さん）' }).click();
    const dialog = page.getByRole('dialog', { name: '申込を取り消しますか？' });
    await dialog.getByRole('button', { name: '申込を取り消す' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText:
          '山本 洋子 さんの申込を取り消しました。キャンセル待ちの 田中 直子 さん（会場）が繰り上がりました（確定）。',
      })
      .waitFor();
    expect((await registration(event.id, registrations[2]!.id)).status).toBe('confirmed');
  });

  it('checks a CSV file first, names the bad line, imports nothing until the file is right', async () => {
    const title = `E2E CSV取込 ${Date.now()}`;
    const { event } = await seedEvent(title, []);
    const page = await staffPage();
    await page.goto(`/training/${event.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: 'CSVから取り込む' }).click();
    const dialog = page.getByRole('dialog', { name: 'CSVから申込者を取り込む' });

    const bom = '\uFEFF';
    const bad = `${bom}氏名,ふりがな,所属区分,所属,メール,参加方法\r\n青木 愛,あおき あい,教職員,花園小,,会場\r\n石井 舞,Ishii,民生児童委員,手宮地区,,会場\r\n`;
    await dialog
      .getByLabel('CSVファイル')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await dialog.getByText('1件の誤りがあります。ファイルを直してから、もう一度選んでください。').waitFor();
    expect(await dialog.locator('.import-errors li').textContent()).toBe(
      '3行目 ふりがな：ひらがなかカタカナで入力してください。',
    );
    expect(await dialog.getByRole('button', { name: /取り込む$/ }).isDisabled()).toBe(true);

    const good = bad.replace('Ishii', 'いしい まい');
    await dialog
      .getByLabel('CSVファイル')
      .setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await dialog.getByText('2行を取り込めます。').waitFor();
    expect(await dialog.textContent()).toContain('確定 2名・キャンセル待ち 0名になります（文字コード：UTF-8）');
    const { body: before } = await api<{ items: unknown[] }>('GET', `/training-events/${event.id}/registrations`);
    expect(before.items).toHaveLength(0);

    await dialog.getByRole('button', { name: '2名を取り込む' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '2名を取り込みました（確定 2名・キャンセル待ち 0名）。' })
      .waitFor();
    await page.getByRole('rowheader', { name: /石井 舞/ }).waitFor();
  });

  it('refuses to save over someone else’s change (412) and offers the latest version', async () => {
    const title = `E2E 編集 ${Date.now()}`;
    const { event } = await seedEvent(title, []);
    const page = await staffPage();
    await page.goto(`/training/${event.id}/edit`);
    await page.getByLabel(/^研修会名/).waitFor();

    const read = await api<unknown>('GET', `/training-events/${event.id}`);
    await api('PATCH', `/training-events/${event.id}`, { lecturer: '別の講師' }, { 'if-match': read.etag });

    await page.getByLabel(/^会場の定員/).fill('25');
    await page.getByRole('button', { name: '保存する' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '別の人が変更しました' });
    await alert.waitFor();
    expect((await api<{ venueCapacity: number }>('GET', `/training-events/${event.id}`)).body.venueCapacity).toBe(2);

    await alert.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await expect.poll(() => page.getByLabel('講師').inputValue()).toBe('別の講師');
    await page.getByLabel(/^会場の定員/).fill('25');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    const saved = await api<{ venueCapacity: number; lecturer: string }>('GET', `/training-events/${event.id}`);
    expect(saved.body).toMatchObject({ venueCapacity: 25, lecturer: '別の講師' });
  });
});

describe('public registration on a phone', () => {
  it('registers through the link and shows the ticket, with the waitlist place once the seats are gone', async () => {
    const title = `E2E 公開申込 ${Date.now()}`;
    const { event } = await seedEvent(title, [['山田 花子', 'やまだ はなこ', 'online']]);
    const page = await (await sys.current.context(PHONE)).newPage();
    await page.goto(`/t/${event.publicRegistrationToken}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('.public-seats').textContent()).toContain('残り2席');

    await page.getByLabel(/^氏名/).fill('青木 愛');
    await page.getByLabel('ふりがな').fill('あおき あい');
    await page.getByLabel(/^所属区分/).selectOption({ label: '教職員' });
    await page.getByRole('radio', { name: /オンライン/ }).check();
    await page.getByRole('button', { name: '申し込む' }).click();

    await page.waitForURL(/\/tickets\/[\w-]+$/);
    await page.getByText('キャンセル待ち 1番目').waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('キャンセル待ちとして受け付けました');
    const link = page.locator('.ticket-url a');
    expect(await link.textContent()).toBe(page.url());
  });
});

describe('accessibility of the training screens (axe-core reports no violations)', () => {
  it('event list, calendar and event page', async () => {
    const title = `E2E axe 研修会 ${Date.now()}`;
    const { event } = await seedEvent(title, [
      ['山田 花子', 'やまだ はなこ', 'venue'],
      ['佐藤 由美', 'さとう ゆみ', 'online'],
      ['高橋 真理', 'たかはし まり', 'online'],
    ]);
    const page = await staffPage();
    await page.goto('/training');
    await page.getByRole('link', { name: title }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`/training?view=calendar&month=${tokyoToday().slice(0, 7)}`);
    await page.getByRole('table').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`/training/${event.id}`);
    await page.getByRole('rowheader', { name: /高橋 真理/ }).waitFor();
    await page.getByText('出席 0名（申込 3名）').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('check-in screen with results and a confirmation (tablet)', async () => {
    const title = `E2E axe 受付 ${Date.now()}`;
    const { event } = await seedEvent(title, [
      ['山田 花子', 'やまだ はなこ', 'venue'],
      ['山田 恵', 'やまだ めぐみ', 'venue'],
    ]);
    const page = await staffPage(TABLET);
    await openCheckIn(page, event.id, title);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('氏名・ふりがなで探す').fill('やまだ');
    await page.getByRole('button', { name: 'チェックイン（山田 花子 さん）' }).click();
    await result(page).getByText('受付しました').waitFor();
    await page.getByLabel('氏名・ふりがなで探す').fill('やまだ');
    await page.getByRole('button', { name: 'チェックイン（山田 恵 さん）' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('public registration page and ticket (phone)', async () => {
    const title = `E2E axe 公開 ${Date.now()}`;
    const { event, registrations } = await seedEvent(title, [['山田 花子', 'やまだ はなこ', 'venue']]);
    const page = await (await sys.current.context(PHONE)).newPage();
    await page.goto(`/t/${event.publicRegistrationToken}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // With the form's errors showing.
    await page.getByRole('button', { name: '申し込む' }).click();
    await page.getByText('入力してください。').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`/tickets/${registrations[0]!.ticketToken}`);
    await page.getByText('参加が確定しています').waitFor();
    await page.getByRole('img', { name: /受付用のQRコード/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
