import { describe, expect, it } from 'vitest';
import { auditLog } from '../packages/api/src/db/schema/index.ts';
import { ADMIN_EMAIL, axeViolations, signIn, useSystem } from './helper.ts';

const sys = useSystem();

const PARTNER_EMAIL = 'hanako@nagasakiya.example';
const PARTNER_PASSWORD = 'nagasakiya-hanako-2021';
const KEY_NAME = '長崎屋 配付記録システム';

/** Nothing axe finds on the page as it is now (a modal open, say). */
async function expectAccessible(page: Parameters<typeof axeViolations>[0]) {
  expect(await axeViolations(page)).toEqual([]);
}

const api = (path: string, secret: string) =>
  fetch(`${sys.current.url}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });

describe('administration', () => {
  it('lists the users, and shows what the form and the API refuse at the field concerned', async () => {
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ADMIN_EMAIL);
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'ユーザー', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'ユーザー' }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /partner@tsunagari\.example/ }).waitFor();
    expect(await table.getByRole('row', { name: /admin@tsunagari\.example/ }).textContent()).toContain('あなた');
    await expectAccessible(page);

    await page.getByRole('link', { name: /ユーザーを追加/ }).click();
    await page.getByRole('heading', { level: 1, name: 'ユーザーを追加' }).waitFor();
    await page.getByLabel('名前').fill('連携 花子');
    await page.getByLabel('メールアドレス（サインイン名）').fill('partner@tsunagari.example');
    await page.getByLabel('役割').selectOption({ label: '連携団体' });
    // A partner in a city department: the form says so at the organisation, before the API would.
    await page.getByLabel('所属').selectOption({ label: '小樽市 男女共同参画課' });
    await page.getByLabel('初期パスワード').fill(PARTNER_PASSWORD);
    await page.getByRole('button', { name: '追加する' }).click();
    await page.getByText('連携団体の役割は、市の部署には設定できません。').waitFor();
    expect(await page.getByLabel('所属').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    // A taken address is the API's answer (409), shown at the e-mail field.
    await page.getByLabel('所属').selectOption({ label: '長崎屋小樽店' });
    await page.getByRole('button', { name: '追加する' }).click();
    await page.getByText('このメールアドレスはすでに使われています。').waitFor();
    expect(await page.getByLabel('メールアドレス（サインイン名）').getAttribute('aria-invalid')).toBe('true');
  });

  it('creates a partner user in a partner organisation', async () => {
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ADMIN_EMAIL);
    await page.goto('/admin/users/new');
    await page.getByLabel('名前').fill('連携 花子');
    await page.getByLabel('メールアドレス（サインイン名）').fill(PARTNER_EMAIL);
    await page.getByLabel('役割').selectOption({ label: '連携団体' });
    await page.getByLabel('所属').selectOption({ label: '長崎屋小樽店' });
    await page.getByLabel('初期パスワード').fill(PARTNER_PASSWORD);
    await page.getByRole('button', { name: '追加する' }).click();
    await page.waitForURL(/\/admin\/users$/);
    expect(await page.getByRole('status').first().textContent()).toContain(
      `連携 花子 さん（${PARTNER_EMAIL}）を追加しました`,
    );
    const row = page.getByRole('table').getByRole('row', { name: /連携 花子/ });
    expect(await row.textContent()).toContain('長崎屋小樽店');
    expect(await row.textContent()).toContain('連携団体');
    expect(await row.textContent()).toContain('まだありません');
  });

  it('lets the new partner sign in on another device, and the list then shows when', async () => {
    // The new partner signs in in a browser of her own, and sees no administration.
    const partner = await (await sys.current.context()).newPage();
    await partner.goto('/sign-in');
    await partner.getByLabel('メールアドレス').fill(PARTNER_EMAIL);
    await partner.getByLabel('パスワード').fill(PARTNER_PASSWORD);
    await partner.getByRole('button', { name: 'サインイン' }).click();
    const banner = partner.getByRole('banner');
    await banner.getByText('連携 花子').waitFor();
    expect(await banner.textContent()).toContain('長崎屋小樽店');
    expect(await partner.getByRole('link', { name: 'ユーザー', exact: true }).count()).toBe(0);

    // The admin's list now knows when she signed in.
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ADMIN_EMAIL);
    await page.goto('/admin/users?role=partner');
    const row = page.getByRole('table').getByRole('row', { name: /連携 花子/ });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('まだありません');
    expect(await row.textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
  });

  it('says plainly when someone else changed the user first, and loads the latest version', async () => {
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ADMIN_EMAIL);
    await page.goto('/admin/users');
    await page.getByRole('link', { name: '連携 花子' }).click();
    await page.getByRole('heading', { level: 1, name: /連携 花子/ }).waitFor();
    await expectAccessible(page);

    // Another admin renames her behind this page's back.
    const headers = await sys.current.apiSession(ADMIN_EMAIL);
    const id = page.url().split('/').pop() as string;
    const read = await sys.current.app.inject({ method: 'GET', url: `/api/v1/users/${id}`, headers });
    const other = await sys.current.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...headers, 'if-match': read.headers.etag as string },
      payload: { displayName: '長崎屋 花子' },
    });
    expect(other.statusCode).toBe(200);

    await page.getByLabel('名前').fill('連携 花子（変更）');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByText('別の人が変更しました').first().waitFor();
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await page.getByRole('heading', { level: 1, name: /長崎屋 花子/ }).waitFor();
    expect(await page.getByLabel('名前').inputValue()).toBe('長崎屋 花子');
    // From the latest version the same change goes through.
    await page.getByLabel('名前').fill('連携 花子');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByRole('status').getByText('変更を保存しました。').waitFor();
    await page.getByRole('heading', { level: 1, name: /連携 花子/ }).waitFor();
  });

  it('issues an API key shown once, which works until it is revoked', async () => {
    const context = await sys.current.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await signIn(page, ADMIN_EMAIL);
    await page.getByRole('link', { name: 'APIキー', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'APIキー' }).waitFor();
    await page.getByText('APIキーはまだありません。').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: /APIキーを発行/ }).click();
    const dialog = page.getByRole('dialog', { name: 'APIキーを発行' });
    await dialog.getByLabel('名前（用途）').fill(KEY_NAME);
    await dialog.getByLabel('役割').selectOption({ label: '連携団体' });
    await dialog.getByLabel('組織').selectOption({ label: '長崎屋小樽店' });
    await dialog.getByRole('button', { name: '発行する' }).click();

    const created = page.getByRole('dialog', { name: 'APIキーを発行しました' });
    await created.waitFor();
    expect(await created.getByRole('alert').textContent()).toContain('このキーが表示されるのは今回だけです。');
    const secret = await created.getByLabel('APIキー').inputValue();
    expect(secret).toMatch(/^tsk_[A-Za-z0-9]+_/);
    await expectAccessible(page);
    await created.getByRole('button', { name: 'コピー', exact: true }).click();
    await created.getByText('コピーしました。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const me = await api('/auth/me', secret);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'api_key', role: 'partner', organisationName: '長崎屋小樽店' });

    // Closed, the secret is gone from the page for good.
    await created.getByRole('button', { name: 'キーを控えました。閉じる' }).click();
    const row = page.getByRole('row', { name: new RegExp(KEY_NAME) });
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await row.textContent()).toContain(secret.split('_').slice(0, 2).join('_'));
    expect(await row.textContent()).toContain('有効');

    await row.getByRole('button', { name: `「${KEY_NAME}」を失効させる` }).click();
    const confirm = page.getByRole('dialog', { name: `「${KEY_NAME}」を失効させますか？` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '失効させる' }).click();
    await page.getByRole('status').getByText(`「${KEY_NAME}」を失効させました。`).waitFor();
    await row.getByText('失効', { exact: true }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect((await api('/auth/me', secret)).status).toBe(401);
  });

  it('shows those actions in the audit log, filtered and page by page', async () => {
    // Older entries of another kind, more than one page of them, for the filters and "show more".
    await sys.current.database.db.insert(auditLog).values(
      Array.from({ length: 55 }, (_, i) => ({
        at: new Date(Date.parse('2021-11-18T09:00:00+09:00') + i * 60_000),
        actorType: 'system' as const,
        actorLabel: 'テスト',
        action: 'update',
        entityType: 'distribution_point',
        entityId: null,
      })),
    );
    const page = await (await sys.current.context()).newPage();
    await signIn(page, ADMIN_EMAIL);
    await page.getByRole('link', { name: '監査ログ', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
    await page.getByRole('table').waitFor();
    await expectAccessible(page);

    // The key's life, newest first: revoked, then created, both by the admin.
    await page.getByLabel('対象の種類').selectOption({ label: 'APIキー' });
    await page.waitForURL(/type=api_key/);
    const rows = page.getByRole('table').getByRole('row');
    await page.getByRole('heading', { name: '2件', exact: true }).waitFor();
    const keyEntries = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => tr.textContent ?? ''));
    expect(keyEntries).toHaveLength(2);
    expect(keyEntries[0]).toContain('失効');
    expect(keyEntries[1]).toContain('作成');
    for (const text of keyEntries) {
      expect(text).toContain('管理者');
      expect(text).toContain(KEY_NAME);
    }

    // The partner user: created and renamed by the admin, and her own sign-in.
    await page.getByLabel('対象の種類').selectOption({ label: 'ユーザー' });
    await page.waitForURL(/type=user/);
    await page.locator('section.is-stale').waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'サインイン' }).filter({ hasText: '連携 花子' }).first().waitFor();
    const userEntries = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => tr.textContent ?? ''));
    expect(userEntries.some((t) => t.includes('作成') && t.includes('連携 花子') && t.includes('長崎屋小樽店'))).toBe(
      true,
    );
    expect(userEntries.filter((t) => t.includes('変更') && t.includes('連携 花子')).length).toBeGreaterThanOrEqual(2);
    expect(userEntries.join('\n')).not.toContain(PARTNER_PASSWORD);

    // Her own doings only: one sign-in.
    await page.getByLabel('実行者').selectOption({ label: `連携 花子（${PARTNER_EMAIL}）` });
    await page.getByRole('heading', { name: '1件', exact: true }).waitFor();
    expect(await rows.nth(1).textContent()).toContain('サインイン');
    await page.getByLabel('実行者').selectOption({ label: 'すべての実行者' });

    // One day in Japan time, one kind: 50 entries, then the rest with the API's cursor.
    await page.getByLabel('対象の種類').selectOption({ label: '配付場所' });
    await page.getByLabel('開始日').fill('2021-11-18');
    await page.getByLabel('終了日').fill('2021-11-18');
    await page.waitForURL(/from=2021-11-18&to=2021-11-18|to=2021-11-18/);
    await page.getByRole('heading', { name: '新しい順に50件を表示中（続きがあります）' }).waitFor();
    expect(await rows.count()).toBe(51);
    expect(await rows.nth(1).textContent()).toContain('2021/11/18 09:54:00');
    await page.getByRole('button', { name: 'さらに古い記録を表示' }).click();
    await page.getByRole('heading', { name: '55件' }).waitFor();
    expect(await rows.last().textContent()).toContain('2021/11/18 09:00:00');
    expect(await page.getByRole('button', { name: 'さらに古い記録を表示' }).count()).toBe(0);

    // A day the wrong way round is said at the field, and nothing is asked of the API.
    await page.getByLabel('開始日').fill('2021-11-19');
    await page.getByText('終了日は開始日より前にできません。').waitFor();
    await page.getByLabel('開始日').fill('2030-01-01');
    await page.getByLabel('終了日').fill('2030-01-01');
    await page.getByText('条件に合う記録はありません。').waitFor();
  });

  it('shows staff no administration menu, and a plain no-access page at its addresses', async () => {
    const page = await (await sys.current.context()).newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/(users|api-keys|audit-log)/.test(r.url())) asked.push(r.url());
    });
    await signIn(page, 'staff@tsunagari.example');
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '相談窓口', exact: true }).waitFor();
    expect(await nav.getByRole('heading', { name: '管理', exact: true }).count()).toBe(0);
    for (const name of ['ユーザー', 'APIキー', '監査ログ']) {
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(0);
    }
    for (const path of ['/admin/users', '/admin/users/new', '/admin/api-keys', '/admin/audit-log']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'この画面を利用する権限がありません' }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain('あなたの役割（職員）ではこの画面を開けません。');
    }
    await expectAccessible(page);
    expect(asked).toEqual([]);
    // The API refuses anyway.
    const headers = await sys.current.apiSession('staff@tsunagari.example');
    const res = await sys.current.app.inject({ method: 'GET', url: '/api/v1/users', headers });
    expect(res.statusCode).toBe(403);
  });
});
