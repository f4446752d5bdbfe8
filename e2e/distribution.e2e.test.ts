import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { axeViolations, signIn, useSystem } from './helper.ts';

const STAFF = 'staff@tsunagari.example';
const STAFF_ORG = '小樽市 男女共同参画課';

const sys = useSystem();

async function api<T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const headers = await sys.current.apiSession(STAFF);
  const res = await sys.current.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A point handing out since 2020 with no end, holding `stock` sets of the demo item. */
async function pointWithStock(cardCode: string, stock: number) {
  const orgs = await api<{ items: { id: string; name: string }[] }>('GET', '/organisations?limit=500');
  const organisationId = orgs.items.find((o) => o.name === STAFF_ORG)?.id;
  const [item] = (await api<{ items: { id: string }[] }>('GET', '/items')).items;
  if (!organisationId || !item) throw new Error('demo data missing');
  const point = await api<{ id: string; name: string }>('POST', '/distribution-points', {
    name: `E2E カウンター ${cardCode}`,
    kind: 'city_counter',
    organisationId,
    place: '市役所本館1階',
    cardCode,
    validFrom: '2020-04-01',
    schedule: [{ weekday: 1, opens: '09:00', closes: '17:00' }],
  });
  await api('POST', '/stock-movements', {
    kind: 'receipt',
    pointId: point.id,
    itemId: item.id,
    quantity: stock,
    source: 'purchase',
  });
  return { point, itemId: item.id };
}

async function levelOf(pointId: string): Promise<number> {
  const stock = await api<{ items: { level: number }[] }>('GET', `/distribution-points/${pointId}/stock`);
  return stock.items[0]?.level ?? Number.NaN;
}

async function staffPage(viewport = { width: 1024, height: 768 }): Promise<Page> {
  const page = await (await sys.current.context(viewport)).newPage();
  await signIn(page, STAFF);
  return page;
}

const counterLevel = (page: Page) => page.getByTestId('counter-level');

describe('distribution in the browser', () => {
  it('the counter hands out one set per press, shows the level left, and undo restores it', async () => {
    const { point } = await pointWithStock('E2E-CTR', 5);
    const page = await staffPage();
    await page.goto(`/points/${point.id}/counter`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`配付カウンター.*${point.name}`) }).waitFor();
    expect(await counterLevel(page).textContent()).toBe('5');

    await page.getByRole('radio', { name: 'チラシ半券' }).check();
    await page.getByRole('button', { name: '1セット 配付する' }).click();
    await page.getByText(/1セット配付しました（チラシ半券・カード同封）/).waitFor();
    expect(await counterLevel(page).textContent()).toBe('4');
    expect(await levelOf(point.id)).toBe(4);

    const undo = page.getByRole('button', { name: /今の配付を取り消す（あと \d+:\d\d）/ });
    await undo.click();
    await page.getByText('取り消しました。残り 5 セット。').waitFor();
    expect(await counterLevel(page).textContent()).toBe('5');
    expect(await levelOf(point.id)).toBe(5);

    // The hand-out stays on record, marked undone; the ledger shows it and its reversal.
    const handouts = await api<{ items: { undoneAt: string | null; requestMethod: string }[] }>(
      'GET',
      `/distributions?pointId=${point.id}`,
    );
    expect(handouts.items).toHaveLength(1);
    expect(handouts.items[0]?.requestMethod).toBe('flyer_stub');
    expect(handouts.items[0]?.undoneAt).not.toBeNull();
  });

  it('a double press writes one hand-out, and an empty point says so and refuses more', async () => {
    const { point } = await pointWithStock('E2E-TWO', 2);
    const page = await staffPage();
    await page.goto(`/points/${point.id}/counter`);
    const button = page.getByRole('button', { name: '1セット 配付する' });
    await button.dblclick();
    await page.getByText(/1セット配付しました/).waitFor();
    await page.waitForTimeout(500);
    expect(await levelOf(point.id)).toBe(1);
    const handouts = await api<{ items: unknown[] }>('GET', `/distributions?pointId=${point.id}`);
    expect(handouts.items).toHaveLength(1);

    await button.click();
    await page.getByText('在庫がありません。なくなり次第終了です。').waitFor();
    expect(await counterLevel(page).textContent()).toBe('0');
    const empty = page.getByRole('button', { name: '在庫切れ（なくなり次第終了）' });
    expect(await empty.isDisabled()).toBe(true);
    expect(await levelOf(point.id)).toBe(0);
  });

  it('the point detail shows the level and the ledger, and a reversal there restores the stock', async () => {
    const { point } = await pointWithStock('E2E-LED', 7);
    const page = await staffPage({ width: 1280, height: 800 });
    await page.goto(`/points/${point.id}`);
    await page.getByRole('heading', { level: 1, name: point.name }).waitFor();
    const ledger = page.locator('.ledger-table');
    await ledger.getByRole('cell', { name: '+7' }).waitFor();
    await ledger.getByRole('button', { name: /^取消/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'この記録を取り消しますか？' });
    await dialog.getByLabel('取り消す理由').fill('入力誤り');
    await dialog.getByRole('button', { name: '取り消す' }).click();
    await page.getByRole('status').filter({ hasText: 'を取り消しました。' }).waitFor();
    await ledger.getByRole('cell', { name: '−7' }).waitFor();
    await ledger.getByRole('link', { name: '取消済み（取消の記録へ）' }).waitFor();
    expect(await levelOf(point.id)).toBe(0);
  });

  it('the guidance card lists the live windows and carries a QR code that decodes to the directory with the card code', async () => {
    const [point] = (
      await api<{ items: { id: string; cardCode: string; validFrom: string }[] }>(
        'GET',
        '/distribution-points?cardCode=OTR-FUK',
      )
    ).items;
    if (!point) throw new Error('demo point OTR-FUK missing');
    // The demo point's period has ended: its cards list the windows of its first day.
    const live = await api<{ items: { name: string; phone: string | null; isNew: boolean }[] }>(
      'GET',
      `/public/consultation-windows?at=${encodeURIComponent(`${point.validFrom}T12:00:00+09:00`)}`,
    );

    const context = await sys.current.browser.newContext({
      baseURL: sys.current.url,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 3,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    try {
      const page = await context.newPage();
      await signIn(page, STAFF);
      await page.goto(`/points/${point.id}/card`);
      const card = page.locator('.guidance-card').first();
      await card.waitFor();

      const names = await card.locator('.gc-name').allTextContents();
      expect(names).toHaveLength(live.items.length);
      for (const w of live.items) {
        const row = card.locator('.gc-window').filter({ hasText: w.name });
        expect(await row.count()).toBe(1);
        if (w.phone) expect(await row.locator('.gc-phone').textContent()).toContain(w.phone);
        expect((await row.locator('.gc-new').count()) > 0 === w.isNew).toBe(true);
      }
      // The Saturday women-only window of the source is the new one.
      expect(
        await card.locator('.gc-window').filter({ hasText: '女性専用相談' }).locator('.gc-new').textContent(),
      ).toBe('新設');
      expect(await card.locator('.gc-code').textContent()).toContain('OTR-FUK');
      expect(await page.locator('.card-sheet .guidance-card').count()).toBe(4);

      const png = PNG.sync.read(await card.locator('.gc-qr-code').screenshot());
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toBe(`${sys.current.url}/directory?card=OTR-FUK`);

      // Business cards: ten to a sheet, the same QR code.
      await page.getByLabel(/名刺サイズ/).check();
      expect(await page.locator('.card-sheet .guidance-card').count()).toBe(10);
      const small = PNG.sync.read(await page.locator('.gc-qr-code').first().screenshot());
      expect(jsQR(new Uint8ClampedArray(small.data), small.width, small.height)?.data).toBe(
        `${sys.current.url}/directory?card=OTR-FUK`,
      );

      // Printed, only the sheet remains: no toolbar, no buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
      expect(await page.locator('.card-sheet').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });

  it('axe-core finds no violations on the points list, the counter and the card page', async () => {
    const { point } = await pointWithStock('E2E-AXE', 3);
    const page = await staffPage({ width: 1280, height: 800 });
    await page.goto('/points');
    await page.locator('.points-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`/points/${point.id}/counter`);
    await page.getByRole('button', { name: '1セット 配付する' }).click();
    await page.getByRole('button', { name: /今の配付を取り消す/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`/points/${point.id}/card`);
    await page.locator('.guidance-card').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
