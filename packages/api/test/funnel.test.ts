import type { FunnelReport } from '@tsunagari/shared';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertWindow, recoverableEntries } from './consultation-fixture.ts';
import { expectProblem, useFixture, type Who } from './helper.ts';
import { createItem, createPoint, receive } from './stock-fixture.ts';

const f = useFixture();

const ok = (res: LightMyRequestResponse, status = 201) => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
};

let points: { one: string; two: string; three: string };

beforeAll(async () => {
  const fx = f.current;
  const one = await createPoint(fx, { name: 'A 社協', cardCode: 'F-ONE' });
  const two = await createPoint(fx, { name: 'B 社協 分室', cardCode: 'F-TWO' });
  const three = await createPoint(fx, { name: 'C 商店', cardCode: 'F-THR', organisationId: fx.orgs.otherPartner });
  points = { one: one.id, two: two.id, three: three.id };
  const item = await createItem(fx);
  for (const p of [one, two, three]) await receive(fx, p.id, item.id, 100);
  const handOut = async (pointId: string, occurredAt: string, sets = 1) =>
    ok(
      await fx.as('staff', {
        method: 'POST',
        url: '/api/v1/distributions',
        payload: { pointId, itemId: item.id, requestMethod: 'flyer', occurredAt, sets },
      }),
    );
  for (let i = 0; i < 5; i++) await handOut(one.id, `2021-11-1${i}T10:00:00+09:00`);
  for (let i = 0; i < 3; i++) await handOut(one.id, `2021-12-1${i}T10:00:00+09:00`);
  await handOut(two.id, '2021-11-30T15:00:00+09:00', 10);
  await handOut(three.id, '2021-11-20T10:00:00+09:00', 4);
  // 1 December 00:00 Tokyo is still 30 November in UTC: it counts in December.
  await handOut(three.id, '2021-12-01T00:00:00+09:00', 2);

  const partnerWindow = await insertWindow(fx, { name: '社協 相談窓口', organisationId: fx.orgs.partner });
  const cityWindow = await insertWindow(fx, { name: '市 女性相談室', organisationId: fx.orgs.city });
  const consult = async (windowId: string, occurredAt: string, referralSource: string, cardCode?: string) =>
    ok(
      await fx.as('staff', {
        method: 'POST',
        url: '/api/v1/consultations',
        payload: {
          windowId,
          occurredAt,
          channel: 'in_person',
          topics: ['women_general'],
          referralSource,
          cardCode: cardCode ?? null,
        },
      }),
    );
  await consult(cityWindow, '2021-11-05T10:00:00+09:00', 'guidance_card', 'F-ONE');
  for (let i = 1; i <= 4; i++) await consult(cityWindow, `2021-12-0${i}T10:00:00+09:00`, 'guidance_card', 'f-one');
  for (let i = 1; i <= 3; i++) await consult(partnerWindow, `2021-11-1${i}T10:00:00+09:00`, 'guidance_card', 'F-TWO');
  await consult(cityWindow, '2021-12-20T10:00:00+09:00', 'guidance_card', 'F-THR');
  await consult(cityWindow, '2021-12-21T10:00:00+09:00', 'guidance_card', 'XX-1');
  for (let i = 1; i <= 5; i++) await consult(partnerWindow, `2021-11-2${i}T10:00:00+09:00`, 'flyer');
  for (let i = 1; i <= 2; i++) await consult(cityWindow, `2021-12-1${i}T10:00:00+09:00`, 'website');
  await consult(cityWindow, '2022-01-05T10:00:00+09:00', 'guidance_card', 'F-ONE');
}, 240_000);

async function funnel(query: string, who: Who = 'staff'): Promise<FunnelReport> {
  return ok(await f.current.as(who, { method: 'GET', url: `/api/v1/reports/funnel?${query}` }), 200);
}
const pointOf = (r: FunnelReport, id: string) => r.points.find((p) => p.pointId === id);

describe('GET /reports/funnel for staff: exact figures', () => {
  let r: FunnelReport;
  beforeAll(async () => {
    r = await funnel('from=2021-11-01&to=2021-12-31');
  });

  it('gives per point and month the sets, the card-traced consultations and the rate', () => {
    expect(r.months).toEqual(['2021-11', '2021-12']);
    expect(r.points.map((p) => p.pointName)).toEqual(['A 社協', 'B 社協 分室', 'C 商店']);
    expect(pointOf(r, points.one)?.months).toEqual([
      { month: '2021-11', setsHandedOut: 5, consultations: 1, conversionRate: 0.2 },
      { month: '2021-12', setsHandedOut: 3, consultations: 4, conversionRate: 1.3333 },
    ]);
    expect(pointOf(r, points.one)?.total).toEqual({ setsHandedOut: 8, consultations: 5, conversionRate: 0.625 });
    expect(pointOf(r, points.two)?.total).toEqual({ setsHandedOut: 10, consultations: 3, conversionRate: 0.3 });
    expect(pointOf(r, points.three)?.months).toEqual([
      { month: '2021-11', setsHandedOut: 4, consultations: 0, conversionRate: 0 },
      { month: '2021-12', setsHandedOut: 2, consultations: 1, conversionRate: 0.5 },
    ]);
    expect(r.monthTotals).toEqual([
      { month: '2021-11', setsHandedOut: 19, consultations: 4, conversionRate: 0.2105 },
      { month: '2021-12', setsHandedOut: 5, consultations: 5, conversionRate: 1 },
    ]);
    expect(r.total).toEqual({ setsHandedOut: 24, consultations: 9, conversionRate: 0.375 });
    expect(r.unmatchedCardCodes).toBe(1);
    expect(r.suppression).toEqual({ applied: false, threshold: 3, withheld: false });
  });

  it('gives the share of consultations each referral source brought', () => {
    expect(r.consultations).toBe(17);
    const by = Object.fromEntries(r.referralSources.map((s) => [s.referralSource, s]));
    expect(by.guidance_card).toMatchObject({ label: '案内カード', consultations: 10, share: 0.5882 });
    expect(by.flyer).toMatchObject({ consultations: 5, share: 0.2941 });
    expect(by.website).toMatchObject({ consultations: 2, share: 0.1176 });
    expect(by.unknown).toMatchObject({ consultations: 0, share: 0 });
    expect(r.referralSources).toHaveLength(9);
  });

  it('covers the fiscal year month by month, April to March', async () => {
    const year = await funnel('fiscalYear=2021');
    expect(year).toMatchObject({ from: '2021-04-01', to: '2022-03-31', fiscalYear: 2021 });
    expect(year.months).toHaveLength(12);
    expect(year.months[0]).toBe('2021-04');
    expect(pointOf(year, points.one)?.total).toEqual({ setsHandedOut: 8, consultations: 6, conversionRate: 0.75 });
  });

  it('answers CSV: BOM, Japanese headers, a row per point and month with totals', async () => {
    const res = await f.current.as('staff', {
      method: 'GET',
      url: '/api/v1/reports/funnel?from=2021-11-01&to=2021-12-31&format=csv',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '配付場所,種別,案内カードコード,月,配付セット数,カードを持参した相談件数,相談につながった割合（%）',
    );
    expect(lines[1]).toBe('A 社協,連携団体,F-ONE,2021-11,5,1,20');
    expect(lines).toContain('A 社協,連携団体,F-ONE,合計,8,5,62.5');
    expect(lines).toContain('全配付場所,,,合計,24,9,37.5');
    const sources = await f.current.as('staff', {
      method: 'GET',
      url: '/api/v1/reports/funnel?from=2021-11-01&to=2021-12-31',
      headers: { accept: 'text/csv' },
      query: { table: 'referral_sources' },
    });
    const rows = sources.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('きっかけ,相談件数,割合（%）');
    expect(rows).toContain('案内カード,10,58.82');
    expect(rows).toContain('合計,17,100');
  });
});

describe('GET /reports/funnel for partners and analysts: suppressed', () => {
  it('hides small consultation counts from an analyst so that none can be worked out', async () => {
    const r = await funnel('from=2021-11-01&to=2021-12-31', 'analyst');
    expect(r.suppression.applied).toBe(true);
    const table = {
      cells: r.points.map((p) => p.months.map((m) => m.consultations)),
      rowTotals: r.points.map((p) => p.total.consultations),
      columnTotals: r.monthTotals.map((m) => m.consultations),
      total: r.total.consultations,
    };
    for (const value of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]) {
      expect(value === 1 || value === 2).toBe(false);
    }
    expect(pointOf(r, points.one)?.months[0]?.consultations).toEqual({ suppressed: true, reason: 'small' });
    expect(recoverableEntries(table as never, 3)).toEqual([]);
    // A hidden count gives no rate; sets handed out are not suppressed.
    expect(pointOf(r, points.one)?.months[0]).toMatchObject({ setsHandedOut: 5, conversionRate: null });
    expect(r.unmatchedCardCodes).toEqual({ suppressed: true, reason: 'small' });
    const website = r.referralSources.find((s) => s.referralSource === 'website');
    expect(website).toMatchObject({ consultations: { suppressed: true, reason: 'small' }, share: null });
    const csv = await f.current.as('analyst', {
      method: 'GET',
      url: '/api/v1/reports/funnel?from=2021-11-01&to=2021-12-31&format=csv',
    });
    expect(csv.rawPayload.subarray(3).toString('utf8').split('\r\n')[1]).toBe('A 社協,連携団体,F-ONE,2021-11,5,<3,');
  });

  it('shows a partner its own points, its own windows’ referral sources, and no unmatched codes', async () => {
    const key = await f.current.apiKey('partner');
    const res = await f.current.app.inject({
      method: 'GET',
      url: '/api/v1/reports/funnel?from=2021-11-01&to=2021-12-31',
      headers: key,
    });
    const r = ok(res, 200) as FunnelReport;
    expect(r.points.map((p) => p.pointId).sort()).toEqual([points.one, points.two].sort());
    expect(r.unmatchedCardCodes).toBeNull();
    expect(r.suppression.applied).toBe(true);
    // The partner's window: 3 card-traced (F-TWO) and 5 from the flyer.
    const by = Object.fromEntries(r.referralSources.map((s) => [s.referralSource, s.consultations]));
    expect(by.flyer).toBe(5);
    expect(by.guidance_card).toBe(3);
    expect(r.consultations).toBe(8);
    expect(r.total.setsHandedOut).toBe(18);
  });

  it('is refused without credentials', async () => {
    expectProblem(
      await f.current.as('anonymous', { method: 'GET', url: '/api/v1/reports/funnel?fiscalYear=2021' }),
      401,
    );
  });

  it('refuses a missing, doubled or reversed period and unknown options', async () => {
    for (const q of [
      '',
      'fiscalYear=2021&from=2021-04-01&to=2021-05-01',
      'from=2021-04-01',
      'to=2021-04-01',
      'from=2021-05-01&to=2021-04-01',
      'from=2015-01-01&to=2021-04-01',
      'fiscalYear=1999',
      'fiscalYear=2021&table=stock',
      'fiscalYear=2021&format=pdf',
      'from=2021-02-30&to=2021-03-31',
    ]) {
      expectProblem(
        await f.current.as('staff', { method: 'GET', url: `/api/v1/reports/funnel?${q}` }),
        400,
        'validation_failed',
      );
    }
  });
});
