import type { FunnelReport, ResultsChallenges, TargetMetricsReport } from '@tsunagari/shared';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CHALLENGES_FY2021 } from '../packages/api/src/demo/targets.ts';
import { axeViolations, PASSWORD, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
const ANALYST = 'analyst@tsunagari.example';
const PARTICIPANTS = '研修会参加者';
const SATISFACTION = '研修参加者の満足度';
const SATURDAY = '土曜日における相談件数';
const POSITIVE = '今回の支援に対し、よかったと感じる人の割合';

const sys = useSystem();

/** Signs in from the plain sign-in page, as on a fresh start, and lands where the app sends her. */
async function signInHome(email: string): Promise<Page> {
  const page = await (await sys.current.context()).newPage();
  await page.goto('/sign-in');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(/\/targets$/);
  await page.getByRole('heading', { level: 1, name: '目標の達成状況' }).waitFor();
  await page.locator('.metric-card').first().waitFor();
  return page;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const card = (page: Page, label: string) => page.getByRole('article', { name: label, exact: true });
const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ') ?? '';

async function api<T>(url: string, email = STAFF): Promise<T> {
  const res = await sys.current.app.inject({ method: 'GET', url, headers: await sys.current.apiSession(email) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

describe('the targets dashboard', () => {
  it('opens on the FY2021 figures of the source document, with a trend for every target', async () => {
    const page = await signInHome(STAFF);
    // No targets for the current year: the picker opens on the year that has them, and says so.
    const picker = page.getByLabel('年度', { exact: true });
    expect(await picker.inputValue()).toBe('2021');
    expect(await picker.locator('option:checked').textContent()).toBe('令和3年度（FY2021）');
    expect(await text(page.getByRole('status').filter({ hasText: '今年度' }))).toContain(
      '目標が登録されている最新の年度、令和3年度（FY2021）を表示しています',
    );

    const participants = await text(card(page, PARTICIPANTS));
    expect(participants).toContain('36名');
    expect(participants).toContain('目標 80名');
    expect(participants).toMatch(/達成率\s?45%/);
    expect(participants).toContain('未達成');
    expect(participants).toContain('目標の80名に44名届かずに年度を終えました。');

    const satisfaction = await text(card(page, SATISFACTION));
    expect(satisfaction).toContain('86.1%');
    expect(satisfaction).toContain('目標 80%');
    expect(satisfaction).toContain('回答36件のうち「満足」31件');
    expect(satisfaction).toMatch(/判定\s?達成/);

    const saturday = await text(card(page, SATURDAY));
    expect(saturday).toContain('0件');
    expect(saturday).toContain('目標 16件');
    expect(saturday).toMatch(/判定\s?未達成/);

    const positive = await text(card(page, POSITIVE));
    expect(positive).toContain('80%');
    expect(positive).toContain('目標 70%');
    expect(positive).toMatch(/判定\s?達成/);

    for (const label of [PARTICIPANTS, SATISFACTION, SATURDAY, POSITIVE]) {
      const chart = card(page, label).getByRole('img', { name: `${label}の推移` });
      expect(await chart.count()).toBe(1);
    }
    expect(await text(page.locator('.dashboard-summary'))).toContain('達成 2');

    // The card-to-consultation funnel of the year, as the API counts it.
    const funnel = await api<FunnelReport>('/api/v1/reports/funnel?fiscalYear=2021');
    const summary = await text(page.getByRole('region', { name: '配付から相談へのつながり' }));
    expect(summary).toContain(`${funnel.total.setsHandedOut}セット`);
    expect(summary).toContain(`${funnel.total.consultations}件`);
    expect(funnel.total.consultations).toBeGreaterThan(0);

    expect(await axeViolations(page)).toEqual([]);
  });

  it('warns in words when a target is at risk, as the dashboard read it during the year', async () => {
    const page = await signInHome(STAFF);
    await page.getByLabel('集計日').fill('2021-12-31');
    await page.waitForURL(/asOf=2021-12-31/);
    await page.getByText('2021年12月31日時点の実績です').waitFor();

    const report = await api<TargetMetricsReport>('/api/v1/reports/target-metrics?fiscalYear=2021&asOf=2021-12-31');
    const projected = report.items.find((m) => m.label === PARTICIPANTS)?.projection as number;
    expect(projected).toBeGreaterThan(36);
    expect(projected).toBeLessThan(80);

    const participants = card(page, PARTICIPANTS);
    expect(await text(participants.locator('.metric-status'))).toBe('要注意');
    const warning = await text(participants.getByRole('note'));
    expect(warning).toContain('要注意：このままでは目標に届きません');
    expect(warning).toContain(`年度末の見込みは約${Math.round(projected)}名で、目標の80名に`);
    expect(warning).toContain('あと44名が必要です');
    expect(await text(card(page, SATURDAY).getByRole('note'))).toContain('目標の16件に16件届きません');
    // A share already above its target is not at risk.
    expect(await text(card(page, SATISFACTION).locator('.metric-status'))).toBe('達成');
    expect(await text(page.locator('.dashboard-summary'))).toContain('要注意 2');

    // Back to the latest figures.
    await page.getByRole('button', { name: '最新に戻す' }).click();
    await page.getByText('は終了しています').first().waitFor();
    expect(await text(card(page, PARTICIPANTS).locator('.metric-status'))).toBe('未達成');
  });

  it('switches the fiscal year, in both forms, and comes back', async () => {
    const page = await signInHome(STAFF);
    const picker = page.getByLabel('年度', { exact: true });
    const next = await picker.locator('option[value="2022"]').textContent();
    expect(next).toBe('令和4年度（FY2022） — 目標未登録');
    await picker.selectOption('2022');
    await page.waitForURL(/fy=2022/);
    await page.getByText('令和4年度（FY2022）の目標はまだ登録されていません。').waitFor();
    expect(await page.locator('.metric-card').count()).toBe(0);

    await page.getByRole('button', { name: '前の年度' }).click();
    await page.waitForURL(/fy=2021/);
    await card(page, PARTICIPANTS).waitFor();
    expect(await text(card(page, PARTICIPANTS))).toContain('36名');
    // The choice is in the address: a reload keeps it.
    await page.reload();
    await card(page, SATURDAY).waitFor();
    expect(await picker.inputValue()).toBe('2021');
  });
});

describe('the results report (事業実績報告)', () => {
  it('shows the computed figures in the sections of the source document and downloads JSON and CSV', async () => {
    const page = await signInHome(STAFF);
    await page.getByRole('link', { name: '事業実績報告' }).click();
    await page.waitForURL(/\/reports\?fy=2021$/);
    await page.getByRole('heading', { level: 1, name: '令和3年度（FY2021） 事業実績報告' }).waitFor();
    for (const section of ['事業の概要', '事業の効果', '目標数値', '今後の課題']) {
      expect(await page.getByRole('heading', { level: 2, name: section }).count()).toBe(1);
    }
    const overview = await text(page.getByRole('region', { name: '事業の概要' }));
    expect(overview).toContain('令和3年11月19日(金)');
    expect(overview).toContain('小樽市総合福祉センター研修室');
    expect(overview).toContain('36名（会場：28名、オンライン：8名）');
    expect(overview).toContain('女性専用相談');
    expect(overview).toContain('15日（75時間）');
    expect(overview).toContain('令和4年1月1日を除く');
    expect(overview).toContain('令和3年11月18日〜令和4年2月28日');

    const effects = await text(page.getByRole('region', { name: '事業の効果' }));
    expect(effects).toContain('女性専用相談を15日開設し、相談は0件であった。');
    expect(effects).toContain('86.11%（31/36）');

    const targets = page.getByRole('region', { name: '目標数値' });
    const row = async (label: string) => text(targets.getByRole('row', { name: new RegExp(`^${literal(label)}`) }));
    expect(await row(PARTICIPANTS)).toMatch(/80名.*36名.*45%.*未達成/);
    expect(await row(SATISFACTION)).toMatch(/80%.*86\.1%.*31\/36.*108%.*達成/);
    expect(await row(SATURDAY)).toMatch(/16件.*0件.*0%.*未達成/);
    expect(await row(POSITIVE)).toMatch(/70%.*80%.*114%.*達成/);

    // The downloads are the API's report, with the session of the page.
    const csvHref = await page.getByRole('link', { name: 'CSVをダウンロード' }).getAttribute('href');
    const csv = await page.request.get(csvHref as string);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const csvBody = await csv.body();
    expect([...csvBody.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBody.subarray(3).toString('utf8')).toContain(
      '目標数値,,研修会参加者,目標80名／実績36名（達成率45%）・未達成',
    );
    const jsonLink = page.getByRole('link', { name: 'JSONをダウンロード' });
    expect(await jsonLink.getAttribute('download')).toBe('results-report_2021.json');
    const json = await page.request.get((await jsonLink.getAttribute('href')) as string);
    expect((await json.json()).targets.map((m: { actual: number }) => m.actual)).toEqual([36, 86.11, 0, 80]);

    expect(await axeViolations(page)).toEqual([]);
  });

  it('prints on A4 without the menu or the buttons', async () => {
    const page = await signInHome(STAFF);
    await page.goto('/reports?fy=2021');
    await page.getByRole('heading', { level: 1, name: '令和3年度（FY2021） 事業実績報告' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await nav.isVisible()).toBe(true);

    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷する（A4）' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '今後の課題を編集' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: /事業実績報告/ }).isVisible()).toBe(true);
    expect(await page.getByText('効果的な周知方法を検討する必要がある', { exact: false }).isVisible()).toBe(true);
    // Black on white.
    const colours = await page
      .locator('.results-report')
      .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]);
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const [, width, height] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1')) ?? [];
    // A4 in points: 595 × 842 (Chromium rounds to whole pixels).
    expect(Math.abs(Number(width) - 595.3)).toBeLessThan(2);
    expect(Math.abs(Number(height) - 841.9)).toBeLessThan(2);
    await page.emulateMedia({ media: 'screen' });
  });

  it('keeps 今後の課題 per year after a reload, and never overwrites someone else’s save unseen', async () => {
    const url = '/api/v1/results-report/2021/challenges';
    const page = await signInHome(STAFF);
    await page.goto('/reports?fy=2021');
    const section = page.getByRole('region', { name: '今後の課題' });
    await section.getByText('効果的な周知方法を検討する必要がある', { exact: false }).waitFor();
    expect((await api<ResultsChallenges>(url)).text).toBe(DEMO_CHALLENGES_FY2021);

    const mine = `${DEMO_CHALLENGES_FY2021}\n・SNS相談の試行を検討する（E2E）。`;
    await section.getByRole('button', { name: '今後の課題を編集' }).click();
    const box = section.getByLabel('今後の課題');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(mine);
    await section.getByRole('button', { name: '保存する' }).click();
    await section.getByRole('status').filter({ hasText: '今後の課題を保存しました。' }).waitFor();
    expect((await api<ResultsChallenges>(url)).text).toBe(mine);

    await page.reload();
    await section.getByText('SNS相談の試行を検討する（E2E）', { exact: false }).waitFor();

    // Someone else saves while she edits: she sees their text and chooses.
    await section.getByRole('button', { name: '今後の課題を編集' }).click();
    await section.getByLabel('今後の課題').fill(`${mine}\n・私の追記（E2E）`);
    const headers = await sys.current.apiSession('admin@tsunagari.example');
    const read = await sys.current.app.inject({ method: 'GET', url, headers });
    const theirs = await sys.current.app.inject({
      method: 'PUT',
      url,
      headers: { ...headers, 'if-match': String(read.headers.etag) },
      payload: { text: `${mine}\n・別の人の追記（E2E）` },
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    await section.getByRole('button', { name: '保存する' }).click();
    const conflict = section.getByRole('alert').filter({ hasText: 'ほかの人が先に保存しました' });
    await conflict.waitFor();
    expect(await text(conflict)).toContain('別の人の追記（E2E）');
    expect((await api<ResultsChallenges>(url)).text).toContain('別の人の追記（E2E）');
    await conflict.getByRole('button', { name: '自分の入力で上書きする' }).click();
    await section.getByRole('status').filter({ hasText: '今後の課題を保存しました。' }).waitFor();
    const saved = await api<ResultsChallenges>(url);
    expect(saved.text).toContain('私の追記（E2E）');
    expect(saved.text).not.toContain('別の人の追記（E2E）');

    // Kept per year: FY2022 has its own (empty) text.
    await page.goto('/reports?fy=2022');
    await page.getByRole('heading', { level: 1, name: '令和4年度（FY2022） 事業実績報告' }).waitFor();
    await page.getByRole('region', { name: '今後の課題' }).getByText('まだ記入されていません。').waitFor();

    // Leave the demo text as it was for the other tests.
    const last = await sys.current.app.inject({ method: 'GET', url, headers });
    await sys.current.app.inject({
      method: 'PUT',
      url,
      headers: { ...headers, 'if-match': String(last.headers.etag) },
      payload: { text: DEMO_CHALLENGES_FY2021 },
    });
  });

  it('shows the funnel per point and month, and how women heard of the windows', async () => {
    const page = await signInHome(STAFF);
    await page.goto('/reports/funnel?fy=2021');
    await page.getByRole('heading', { level: 1, name: '案内カードから相談へ' }).waitFor();
    const funnel = await api<FunnelReport>('/api/v1/reports/funnel?fiscalYear=2021');
    const table = page.getByRole('table', { name: '配付場所・月ごと' });
    const traced = funnel.points.find((p) => (p.total.consultations as number) > 0);
    expect(traced).toBeDefined();
    const row = await text(table.getByRole('row', { name: new RegExp(`^${literal(traced?.pointName ?? '')}`) }));
    expect(row).toContain(traced?.cardCode);
    expect(row).toContain(String(traced?.total.setsHandedOut));
    const sources = await text(page.getByRole('region', { name: '相談窓口を知ったきっかけ' }));
    const byCard = funnel.referralSources.find((s) => s.referralSource === 'guidance_card');
    expect(sources).toContain('案内カード');
    expect(sources).toContain(`${Math.round((byCard?.share ?? 0) * 1000) / 10}%`);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('managing targets', () => {
  it('lists the year’s targets and shows the API’s refusal of a definition in the form', async () => {
    const page = await signInHome(STAFF);
    await page.getByRole('link', { name: '目標を管理' }).click();
    await page.waitForURL(/\/targets\/metrics\?fy=2021$/);
    await page.getByRole('heading', { level: 1, name: '目標の管理' }).waitFor();
    await page.getByRole('row', { name: /^1 研修会参加者/ }).waitFor();
    // The list is read again after the deletion: the row goes, the four Otaru targets stay.
    await page.getByRole('row', { name: /相談会の来場者（E2E）/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row').count()).toBe(5);
    await page.getByRole('link', { name: '目標を追加' }).click();
    await page.getByRole('heading', { level: 1, name: '目標を追加' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A survey question with no option counting as satisfied: the API refuses, the field says why.
    await page.getByLabel('目標の名前').fill('研修が役立つと答えた人の割合（E2E）');
    await page.getByLabel('計算方法', { exact: true }).selectOption('survey_satisfied_share');
    expect(await page.getByLabel('単位').inputValue()).toBe('percent');
    await page.getByRole('textbox', { name: '目標値' }).fill('120');
    await page.getByLabel('アンケート').selectOption({ label: '女性相談担当者養成研修会 アンケート' });
    await page.getByLabel('設問').selectOption({ label: '2. 研修の内容は今後の活動に役立つと思いますか' });
    await page.getByRole('button', { name: '目標を追加する' }).click();
    // The form's own check first: a percent target of 120.
    await page.getByText('割合（%）の目標値は100以下にしてください。').waitFor();
    await page.getByRole('textbox', { name: '目標値' }).fill('80');
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/target-metrics') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '目標を追加する' }).click();
    expect((await refused).status()).toBe(422);
    const question = page.getByLabel('設問');
    await page.locator('.field-error').filter({ hasText: '「満足」に数える選択肢がありません' }).waitFor();
    expect(await question.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('adds a hand-kept target with its values, edits and deletes it', async () => {
    const page = await signInHome(STAFF);
    await page.goto('/targets/metrics/new?fy=2021');
    await page.getByRole('heading', { level: 1, name: '目標を追加' }).waitFor();
    await page.getByLabel('目標の名前').fill('相談会の来場者数（E2E）');
    await page.getByLabel('計算方法', { exact: true }).selectOption('manual');
    await page.getByLabel('単位').selectOption('people');
    await page.getByRole('textbox', { name: '目標値' }).fill('50');
    await page.getByLabel('値', { exact: true }).fill('20');
    await page.getByLabel('いつ時点の値か').fill('2021-12-01');
    await page.getByRole('button', { name: '目標を追加する' }).click();
    await page.waitForURL(/\/targets\/metrics\?fy=2021$/);
    await page.getByRole('status').filter({ hasText: '「相談会の来場者数（E2E）」を追加しました。' }).waitFor();

    // Edit its target and name, and add a newer value.
    await page.getByRole('link', { name: '「相談会の来場者数（E2E）」を編集' }).click();
    await page.getByRole('heading', { level: 1, name: /目標を編集/ }).waitFor();
    await page.getByLabel('値（名（人数））').fill('45');
    await page.getByLabel('いつ時点の値か').fill('2022-03-15');
    await page.getByLabel('出典・メモ').fill('受付名簿の集計');
    await page.getByRole('button', { name: '値を追加する' }).click();
    await page.getByRole('status').filter({ hasText: '値を追加しました。' }).waitFor();
    expect(await page.locator('.mini-table tbody tr').count()).toBe(2);
    await page.getByLabel('目標の名前').fill('相談会の来場者（E2E）');
    await page.getByRole('textbox', { name: '目標値' }).fill('40');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByRole('status').filter({ hasText: '「相談会の来場者（E2E）」の変更を保存しました。' }).waitFor();

    // The dashboard counts it: the latest value against the new target.
    await page.goto('/targets?fy=2021');
    const added = card(page, '相談会の来場者（E2E）');
    await added.waitFor();
    const figures = await text(added);
    expect(figures).toContain('45名');
    expect(figures).toContain('目標 40名');
    expect(figures).toContain('2022年3月15日');
    expect(figures).toMatch(/判定\s?達成/);

    // And deletes it again.
    await page.goto('/targets/metrics?fy=2021');
    await page.getByRole('link', { name: '「相談会の来場者（E2E）」を編集' }).click();
    await page.getByRole('button', { name: '目標を削除…' }).click();
    await page.getByRole('button', { name: '削除する' }).click();
    await page.getByRole('status').filter({ hasText: '「相談会の来場者（E2E）」を削除しました。' }).waitFor();
    await page.getByRole('row', { name: /^1 研修会参加者/ }).waitFor();
    // The list is read again after the deletion: the row goes, the four Otaru targets stay.
    await page.getByRole('row', { name: /相談会の来場者（E2E）/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row').count()).toBe(5);
  });

  it('shows an analyst the dashboard and the report read only', async () => {
    const page = await signInHome(ANALYST);
    expect(await text(card(page, PARTICIPANTS))).toContain('36名');
    expect(await page.getByText('閲覧のみ').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: '目標を管理' }).count()).toBe(0);

    await page.goto('/targets/metrics?fy=2021');
    await page.getByRole('heading', { level: 1, name: '目標の管理' }).waitFor();
    await page.getByRole('row', { name: /研修会参加者/ }).waitFor();
    expect(await page.getByRole('link', { name: /を編集$/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '目標を追加' }).count()).toBe(0);

    await page.goto('/reports?fy=2021');
    await page.getByRole('heading', { level: 1, name: '令和3年度（FY2021） 事業実績報告' }).waitFor();
    await page.getByText('効果的な周知方法を検討する必要がある', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: '今後の課題を編集' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
