import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, axeViolations, PHONE, signIn, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
const ANALYST = 'analyst@tsunagari.example';
const STAFF_ORG = '小樽市 男女共同参画課';

const sys = useSystem();

/** A form label, with or without the "必須" (required) tag after it. */
const field = (label: string) => new RegExp(`^${label}(必須)?$`);

/** The text of everything a control's aria-describedby points at: its hint and its error. */
const description = (locator: Locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

async function staffPage(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await sys.current.context(viewport)).newPage();
  await signIn(page, STAFF);
  return page;
}

async function apiWindows(q: string) {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({
    method: 'GET',
    url: `/api/v1/consultation-windows?q=${encodeURIComponent(q)}`,
    headers,
  });
  return res.json().items as { id: string; name: string }[];
}

async function apiCreateWindow(name: string) {
  const headers = await sys.current.apiSession(STAFF);
  const orgs = await sys.current.app.inject({ method: 'GET', url: '/api/v1/organisations?limit=500', headers });
  const organisationId = orgs.json().items.find((o: { name: string }) => o.name === STAFF_ORG).id as string;
  const res = await sys.current.app.inject({
    method: 'POST',
    url: '/api/v1/consultation-windows',
    headers,
    payload: {
      name,
      topics: ['women_general'],
      organisationId,
      place: '市役所別館2階',
      channels: ['phone'],
      validFrom: '2021-04-01',
      schedule: [{ weekday: 3, opens: '13:00', closes: '16:00' }],
    },
  });
  if (res.statusCode !== 201) throw new Error(`window not created: ${res.body}`);
  return res.json() as { id: string; name: string };
}

describe('consultation windows in the browser', () => {
  it('staff creates a window through the form, finds it in the list, opens it and sees it on the public page', async () => {
    const page = await staffPage();
    const name = `E2E 女性のための夜間相談 ${Date.now()}`;

    await page.getByRole('link', { name: '窓口を登録' }).click();
    await page.getByRole('heading', { level: 1, name: '相談窓口を登録' }).waitFor();
    await page.getByLabel(field('窓口名')).fill(name);
    await page.getByLabel(field('運営する組織')).selectOption({ label: STAFF_ORG });
    await page.getByLabel('説明（公開ページに表示）').fill('仕事帰りにも相談できる窓口です。');
    await page.getByRole('checkbox', { name: '女性相談全般' }).check();
    await page.getByRole('checkbox', { name: 'DV・暴力' }).check();
    await page.getByRole('checkbox', { name: '電話', exact: true }).check();
    await page.getByRole('checkbox', { name: '窓口（来所）' }).check();
    await page.getByRole('checkbox', { name: '女性専用', exact: true }).check();
    await page.getByLabel(field('場所')).fill('市役所別館2階');
    await page.getByLabel('電話番号').fill('0134-32-4111');
    await page.getByLabel('内線').fill('204');
    await page.getByLabel(field('開始日')).fill('2021-04-01');
    await page.getByRole('checkbox', { name: '祝日も開く' }).check();
    // Every day, all day: "open now" holds whenever the test runs. Times are typed the way
    // people write them ("0:00", full-width "２４：００") and sent as HH:MM.
    for (const day of ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日']) {
      await page.getByRole('button', { name: `${day}に時間帯を追加` }).click();
      await page.getByLabel(`${day} 1 開始`).fill('0:00');
      await page.getByLabel(`${day} 1 終了`).fill(day === '日曜日' ? '２４：００' : '24:00');
    }
    await page.getByLabel('月曜日 1 開始').focus();
    await page.getByLabel('火曜日 1 開始').focus();
    expect(await page.getByLabel('月曜日 1 開始').inputValue()).toBe('00:00');
    await page.getByRole('button', { name: '登録', exact: true }).click();

    // The detail page of the new window, with the schedule as a grid.
    await page.waitForURL(/\/windows\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `「${name}」を登録しました。` })
      .waitFor();
    const grid = page.getByRole('table', { name: '曜日ごとの受付時間（日本時間）' });
    expect(await grid.getByRole('row', { name: /月曜日/ }).textContent()).toContain('0:00〜24:00');
    expect(await grid.getByRole('row', { name: /日曜日/ }).textContent()).toContain('0:00〜24:00');
    expect(await page.getByRole('link', { name: '0134-32-4111' }).getAttribute('href')).toBe('tel:0134324111');
    expect(await page.locator('.badges').first().textContent()).toContain('女性専用');

    // It is stored, as the API says.
    expect((await apiWindows(name)).map((w) => w.name)).toEqual([name]);

    // Found in the list by name, and by topic with "open now" on.
    await page.getByRole('link', { name: '← 相談窓口の一覧' }).click();
    await page.getByLabel('名前で検索').fill('夜間相談');
    await page.waitForURL(/q=/);
    await page.getByRole('link', { name }).waitFor();
    await page.getByLabel('名前で検索').fill('');
    await page.getByLabel('相談内容').selectOption('domestic_violence');
    await page.getByLabel('今受付中の窓口だけ').check();
    await page.waitForURL(/open=1/);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // On the public directory, on a phone, without signing in.
    const publicPage = await (await sys.current.context(PHONE)).newPage();
    await publicPage.goto('/directory?card=OTARU-01');
    const card = publicPage.getByRole('article', { name });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('受付中');
    expect(text).toContain('女性専用');
    expect(text).toContain('DV・暴力');
    expect(await card.getByRole('link', { name: /電話する 0134-32-4111/ }).getAttribute('href')).toBe('tel:0134324111');
  });

  it('shows form errors at their fields and sends nothing', async () => {
    const page = await staffPage();
    const before = await apiWindows('');
    await page.goto('/windows/new');
    await page.getByLabel(field('窓口名')).fill('エラー確認用の窓口');
    await page.getByLabel('電話番号').fill('abc');
    await page.getByRole('button', { name: '月曜日に時間帯を追加' }).click();
    await page.getByLabel('月曜日 1 開始').fill('10:00');
    await page.getByLabel('月曜日 1 終了').fill('09:00');
    await page.getByRole('button', { name: '登録', exact: true }).click();

    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    const phone = page.getByLabel('電話番号');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await description(phone)).toContain('数字とハイフンで入力してください');
    const closes = page.getByLabel('月曜日 1 終了');
    expect(await closes.getAttribute('aria-invalid')).toBe('true');
    expect(await description(closes)).toContain('終了時刻は開始時刻より後にしてください。');
    expect(await description(page.getByRole('group', { name: /相談内容/ }))).toContain('1つ以上選んでください。');
    expect(await description(page.getByLabel(field('運営する組織')))).toContain('選んでください。');
    expect(await page.getByLabel(field('窓口名')).getAttribute('aria-invalid')).toBeNull();

    expect(page.url()).toMatch(/\/windows\/new$/);
    expect((await apiWindows('')).length).toBe(before.length);

    // Correcting a field clears its error on the next try.
    await phone.fill('0134-32-4111');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBeNull();
  });

  it("places the API's own refusal at its field: an organisation deleted while the form was open", async () => {
    const admin = await sys.current.apiSession(ADMIN_EMAIL);
    const orgName = `E2E 一時的な団体 ${Date.now()}`;
    const org = await sys.current.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { name: orgName, kind: 'partner' },
    });
    expect(org.statusCode).toBe(201);

    const page = await staffPage();
    await page.goto('/windows/new');
    await page.getByLabel(field('窓口名')).fill('消える団体の窓口');
    await page.getByLabel(field('運営する組織')).selectOption({ label: orgName });
    await page.getByRole('checkbox', { name: 'その他' }).check();
    await page.getByRole('checkbox', { name: '電話', exact: true }).check();
    await page.getByLabel(field('場所')).fill('どこか');

    const removed = await sys.current.app.inject({
      method: 'DELETE',
      url: `/api/v1/organisations/${org.json().id}`,
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);

    await page.getByRole('button', { name: '登録', exact: true }).click();
    const select = page.getByLabel(field('運営する組織'));
    await page.waitForFunction(() =>
      document.querySelector('select[aria-invalid="true"]')?.getAttribute('aria-describedby'),
    );
    expect(await description(select)).toContain('この組織は見つかりません');
    expect(page.url()).toMatch(/\/windows\/new$/);
  });

  it('an edit that crossed another one is refused with a clear message and can start again from the latest version', async () => {
    const created = await apiCreateWindow(`E2E 同時編集 ${Date.now()}`);
    const page = await staffPage();
    await page.goto(`/windows/${created.id}/edit`);
    await page.getByLabel(field('場所')).fill('市役所本館1階');

    // Someone else saves first.
    const headers = await sys.current.apiSession(ADMIN_EMAIL);
    const read = await sys.current.app.inject({
      method: 'GET',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers,
    });
    const other = await sys.current.app.inject({
      method: 'PATCH',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers: { ...headers, 'if-match': String(read.headers.etag) },
      payload: { reservationNote: '電話で予約してください' },
    });
    expect(other.statusCode).toBe(200);

    await page.getByRole('button', { name: '保存' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'ほかの人が変更しました' });
    await alert.waitFor();
    const after = await sys.current.app.inject({
      method: 'GET',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers,
    });
    expect(after.json().place).toBe('市役所別館2階');

    await alert.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.waitForFunction(
      () => (document.querySelector('textarea[name="reservationNote"]') as HTMLTextAreaElement)?.value !== '',
    );
    expect(await page.getByLabel('予約について').inputValue()).toBe('電話で予約してください');
    await page.getByLabel(field('場所')).fill('市役所本館1階');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '変更を保存しました。' }).waitFor();
    const saved = await sys.current.app.inject({
      method: 'GET',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers,
    });
    expect(saved.json()).toMatchObject({ place: '市役所本館1階', reservationNote: '電話で予約してください' });
  });

  it('deletes a window only after confirmation', async () => {
    const created = await apiCreateWindow(`E2E 削除する窓口 ${Date.now()}`);
    const page = await staffPage();
    await page.goto(`/windows/${created.id}`);
    await page.getByRole('heading', { level: 1, name: created.name }).waitFor();

    await page.getByRole('button', { name: '削除', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '窓口を削除しますか？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'やめる' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await apiWindows(created.name)).toHaveLength(1);

    // Changed by someone else while the dialog is open: not deleted, and said so.
    await page.getByRole('button', { name: '削除', exact: true }).click();
    const headers = await sys.current.apiSession(ADMIN_EMAIL);
    const read = await sys.current.app.inject({
      method: 'GET',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers,
    });
    const changed = await sys.current.app.inject({
      method: 'PATCH',
      url: `/api/v1/consultation-windows/${created.id}`,
      headers: { ...headers, 'if-match': String(read.headers.etag) },
      payload: { place: '市役所別館3階' },
    });
    expect(changed.statusCode).toBe(200);
    await dialog.getByRole('button', { name: '削除する' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'ほかの人が変更しました' }).waitFor();
    expect(await apiWindows(created.name)).toHaveLength(1);
    await dialog.getByRole('button', { name: 'やめる' }).click();
    await page.getByText('市役所別館3階').waitFor();

    await page.getByRole('button', { name: '削除', exact: true }).click();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.waitForURL(/\/windows$/);
    await page
      .getByRole('status')
      .filter({ hasText: `「${created.name}」を削除しました。` })
      .waitFor();
    expect(await apiWindows(created.name)).toHaveLength(0);
  });

  it('shows partner and analyst accounts the windows read-only', async () => {
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ANALYST);
    await page.getByText('閲覧のみ').waitFor();
    expect(await page.getByRole('link', { name: '窓口を登録' }).count()).toBe(0);
    await page.getByRole('link', { name: '女性相談室' }).click();
    await page.getByRole('heading', { level: 1, name: '女性相談室' }).waitFor();
    expect(await page.getByRole('link', { name: '編集' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '削除' }).count()).toBe(0);
    await page.goto('/windows/new');
    await page.getByRole('heading', { level: 1, name: 'この操作の権限がありません' }).waitFor();
  });

  describe('accessibility (axe-core reports no violations)', () => {
    it('sign-in page', async () => {
      const page = await (await sys.current.context()).newPage();
      await page.goto('/sign-in');
      await page.getByRole('heading', { level: 1, name: 'サインイン' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'サインイン' }).click();
      await page.getByText('入力してください。').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });

    it('windows list, window detail and its delete dialog', async () => {
      const page = await staffPage();
      await page.getByRole('table').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: '女性専用相談' }).click();
      await page.getByRole('heading', { level: 1, name: '女性専用相談' }).waitFor();
      await page.getByText('15日・75時間').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '削除', exact: true }).click();
      await page.getByRole('dialog').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });

    it('window form, empty and with errors', async () => {
      const page = await staffPage();
      await page.goto('/windows/new');
      await page.getByLabel(field('窓口名')).waitFor();
      await page.getByRole('button', { name: '土曜日に時間帯を追加' }).click();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '登録', exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });

    it('public directory on a phone, in Japanese and in English', async () => {
      const page = await (await sys.current.context(PHONE)).newPage();
      await page.goto('/directory');
      await page.getByRole('article').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Where to get help' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
