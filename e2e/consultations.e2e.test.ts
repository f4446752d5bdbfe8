import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, signIn, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
const ANALYST = 'analyst@tsunagari.example';
/** The staff account's organisation runs this window: the quick entry starts there. */
const STAFF_WINDOW = '女性相談室';
const SATURDAY_WINDOW = '女性専用相談';

const sys = useSystem();

interface StoredConsultation {
  id: string;
  windowName: string;
  occurredAt: string;
  channel: string;
  topics: string[];
  referralSource: string;
  cardCode: string | null;
  ageBand: string | null;
  isRepeat: boolean;
  followUpNeeded: boolean;
  referredToExternal: string | null;
  note: string | null;
  outsideOpeningHours: boolean;
}

/** Every consultation recorded on or after 2026-01-01 (the demo data is FY2021, so: those the tests made). */
async function recentConsultations(): Promise<StoredConsultation[]> {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({
    method: 'GET',
    url: '/api/v1/consultations?from=2023-01-01&limit=500',
    headers,
  });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function signedIn(email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await sys.current.context(viewport)).newPage();
  await signIn(page, email);
  return page;
}

/** The text of everything a control's aria-describedby points at: its hint, warning and error. */
const description = (locator: Locator) =>
  locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

const focusedValue = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);

async function openQuickEntryByKeyboard(page: Page) {
  // One click (here: one key) from any page: the menu's "record a consultation".
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '相談を記録' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/consultations\/new$/);
  await page.getByRole('heading', { level: 1, name: '相談を記録' }).waitFor();
  await page.getByRole('button', { name: '記録する' }).waitFor();
}

describe('consultations in the browser', () => {
  it('records a consultation by keyboard only through the quick entry, then shows it in the list', async () => {
    const page = await signedIn(STAFF);
    const before = await recentConsultations();
    await openQuickEntryByKeyboard(page);

    // Defaults: the user's window, now, in person; focus waits on the topics.
    expect(await page.getByRole('combobox', { name: /^窓口/ }).inputValue()).not.toBe('');
    expect(await page.getByRole('combobox', { name: /^窓口/ }).locator('option:checked').textContent()).toBe(
      STAFF_WINDOW,
    );
    expect(await page.getByRole('radio', { name: '窓口（来所）' }).isChecked()).toBe(true);
    expect(await focusedValue(page)).toBe('women_general');

    // Topics by their number keys: 8 = DV・暴力, 1 = 女性相談全般.
    await page.keyboard.press('8');
    await page.keyboard.press('1');
    expect(await page.getByRole('checkbox', { name: 'DV・暴力' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '女性相談全般' }).isChecked()).toBe(true);
    // Back to the channel (one Tab stop for the whole group), the arrow picks "phone".
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '電話' }).isChecked()).toBe(true);
    // Forward through the topics (one stop) to how she heard of it: from "unknown" the arrow wraps to the card.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '案内カード' }).isChecked()).toBe(true);
    // The card code field appears right after, in the tab order.
    await page.keyboard.press('Tab');
    await page.keyboard.type('otr-fuk');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '30代' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('法テラス');
    await page.keyboard.press('Tab');
    const note = `チラシを見て来所 ${Date.now()}`;
    await page.keyboard.type(note);
    // Enter saves from the note (Shift+Enter would be a new line).
    await page.keyboard.press('Enter');

    const status = page.locator('.cf-saved');
    await status.waitFor();
    const statusText = await status.textContent();
    expect(statusText).toContain('記録しました（1件目）');
    expect(statusText).toContain(STAFF_WINDOW);
    expect(statusText).toContain('電話');
    expect(statusText).toContain('DV・暴力');

    // Stored once, with what was chosen.
    const after = await recentConsultations();
    expect(after.length).toBe(before.length + 1);
    const saved = after.find((c) => c.note === note);
    expect(saved).toMatchObject({
      windowName: STAFF_WINDOW,
      channel: 'phone',
      referralSource: 'guidance_card',
      cardCode: 'OTR-FUK',
      ageBand: '30s',
      isRepeat: true,
      followUpNeeded: true,
      referredToExternal: '法テラス',
    });
    expect([...(saved?.topics ?? [])].sort()).toEqual(['domestic_violence', 'women_general']);
    expect(Math.abs(Date.parse(saved?.occurredAt ?? '') - Date.now())).toBeLessThan(3 * 60_000);

    // Ready for the next one: window and channel kept, the rest cleared, focus back on the topics.
    expect(await page.getByRole('combobox', { name: /^窓口/ }).locator('option:checked').textContent()).toBe(
      STAFF_WINDOW,
    );
    expect(await page.getByRole('radio', { name: '電話' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'DV・暴力' }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: '不明・聞いていない' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'メモ' }).inputValue()).toBe('');
    expect(await focusedValue(page)).toBe('women_general');

    // In the list, with its flags; outside the window's hours it says so.
    await page.getByRole('navigation', { name: '相談記録のページ' }).getByRole('link', { name: '記録の一覧' }).click();
    await page.waitForURL(/\/consultations$/);
    const row = page.getByRole('row').filter({ hasText: note });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain(STAFF_WINDOW);
    expect(rowText).toContain('電話');
    expect(rowText).toContain('案内カード');
    expect(rowText).toContain('要フォロー');
    expect(rowText?.includes('受付時間外')).toBe(saved?.outsideOpeningHours);

    // The window is remembered on this device for the next visit.
    await page.goto('/consultations/new');
    await page.getByRole('button', { name: '記録する' }).waitFor();
    expect(await page.getByRole('combobox', { name: /^窓口/ }).locator('option:checked').textContent()).toBe(
      STAFF_WINDOW,
    );
  });

  it('refuses a note with a phone number at the note field and stores nothing; a date and time are fine', async () => {
    const page = await signedIn(STAFF);
    await page.goto('/consultations/new');
    await page.getByRole('button', { name: '記録する' }).waitFor();
    const before = await recentConsultations();

    await page.keyboard.press('1');
    const note = page.getByRole('textbox', { name: 'メモ' });
    await note.fill('折り返し希望 090-1234-5678 まで');
    // Said while typing, before anything is sent…
    expect(await description(note)).toContain('電話番号のような文字が含まれています');
    await note.press('Enter');

    // …and refused by the API (422 personal_data_detected), at the field, which takes the focus.
    await page.locator('.field-error').first().waitFor();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await description(note)).toContain('電話番号が含まれているため保存しませんでした');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await page.locator('.cf-saved').count()).toBe(0);
    expect((await recentConsultations()).length).toBe(before.length);

    // Rewritten without it (dates, times and amounts are not contact details), it is recorded.
    await note.fill('2022年1月15日 10:00 に再来所予定、交通費 1,200円');
    expect(await note.getAttribute('aria-invalid')).toBeNull();
    await note.press('Enter');
    await page.locator('.cf-saved').waitFor();
    expect((await recentConsultations()).length).toBe(before.length + 1);
  });

  it('edits with If-Match and says so when someone else saved first; deletes after a confirmation', async () => {
    const page = await signedIn(STAFF);
    const headers = await sys.current.apiSession(STAFF);
    const windows = await sys.current.app.inject({ method: 'GET', url: '/api/v1/consultation-windows', headers });
    const windowId = windows.json().items.find((w: { name: string }) => w.name === STAFF_WINDOW).id;
    const created = await sys.current.app.inject({
      method: 'POST',
      url: '/api/v1/consultations',
      headers,
      payload: { windowId, occurredAt: '2022-01-12T10:30:00+09:00', channel: 'in_person', topics: ['family'] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    await page.goto(`/consultations/${id}/edit`);
    await page.getByRole('button', { name: '保存' }).waitFor();
    // Someone else changes it while the form is open.
    const etag = created.headers.etag as string;
    const behind = await sys.current.app.inject({
      method: 'PATCH',
      url: `/api/v1/consultations/${id}`,
      headers: { ...headers, 'if-match': etag },
      payload: { isRepeat: true },
    });
    expect(behind.statusCode).toBe(200);

    await page.getByRole('textbox', { name: 'メモ' }).fill('次回は電話で');
    await page.getByRole('button', { name: '保存' }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'ほかの人が変更しました' });
    await stale.waitFor();
    await stale.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.getByRole('textbox', { name: 'メモ' }).fill('次回は電話で');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(new RegExp(`/consultations/${id}$`));
    expect(await page.getByRole('status').first().textContent()).toContain('変更を保存しました。');
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('次回は電話で');

    await page.getByRole('button', { name: '削除' }).click();
    const dialog = page.getByRole('dialog', { name: '相談記録を削除しますか？' });
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.waitForURL(/\/consultations$/);
    const gone = await sys.current.app.inject({ method: 'GET', url: `/api/v1/consultations/${id}`, headers });
    expect(gone.statusCode).toBe(404);
  });

  it('analyses a period: heatmap, charts, CSV links and the Saturday window that no one came to', async () => {
    const page = await signedIn(STAFF);
    await page.goto('/consultations/analysis?from=2021-11-13&to=2022-02-26');
    const callout = page.getByRole('note').filter({ hasText: '相談のなかった窓口' });
    await callout.waitFor();
    expect(await callout.textContent()).toContain(`${SATURDAY_WINDOW}15日・75時間 開設して、相談は0件でした。`);
    const row = page.getByRole('row').filter({ hasText: SATURDAY_WINDOW });
    expect(await row.textContent()).toMatch(/相談なし.*15日.*75時間.*0/);

    const heatmap = page.getByRole('table', { name: '曜日と時間帯（日本時間）ごとの相談件数' });
    // No one on Saturdays or Sundays in this period (the Saturday window is the only one open then).
    expect(await heatmap.getByRole('row', { name: /^土/ }).locator('td').last().textContent()).toBe('0');
    const csv = await page.getByRole('link', { name: 'CSVをダウンロード' }).first().getAttribute('href');
    expect(csv).toBe('/api/v1/reports/consultations?from=2021-11-13&to=2022-02-26&groupBy=weekday%2Chour&format=csv');

    // A fiscal year picked from the list applies at once and is kept in the address.
    await page.getByLabel('年度').selectOption('2021');
    await page.waitForURL(/from=2021-04-01&to=2022-03-31/);
  });

  it('shows an analyst the analysis only, with small counts as "<3" and why', async () => {
    const page = await signedIn(ANALYST);
    await page.goto('/consultations?from=2021-11-13&to=2021-12-31');
    // No record-level view for analysts: the same period, analysed.
    await page.waitForURL(/\/consultations\/analysis\?from=2021-11-13&to=2021-12-31$/);
    await page.getByRole('complementary', { name: '少ない件数は伏せています' }).waitFor();
    expect(await page.locator('.suppressed').first().textContent()).toMatch(/^(<3|x)/);
    expect(await page.getByRole('link', { name: '記録の一覧' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('has no accessibility violations on the quick entry, the list, a record and the analysis', async () => {
    const page = await signedIn(STAFF);
    await page.goto('/consultations/new');
    await page.getByRole('button', { name: '記録する' }).waitFor();
    // With the card code field and an error shown, too.
    await page.getByRole('radio', { name: '案内カード' }).check();
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/consultations?from=2022-01-01&to=2022-03-31');
    await page.getByRole('button', { name: 'さらに表示' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('row').nth(1).getByRole('link').click();
    await page
      .getByRole('button', { name: '編集' })
      .or(page.getByRole('link', { name: '編集' }))
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/consultations/analysis?from=2021-11-13&to=2022-02-26');
    await page.getByRole('note').filter({ hasText: '相談のなかった窓口' }).waitFor();
    await page.getByRole('table', { name: '曜日と時間帯（日本時間）ごとの相談件数' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
