import { isOpenAt } from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { distributionPoints } from '../src/db/schema/index.ts';
import { DEMO_ITEM, seedDistribution } from '../src/demo/distribution.ts';
import { expectProblem, useFixture } from './helper.ts';
import { createItem, createPoint, expectBalancesMatchLedger, receive } from './stock-fixture.ts';

const f = useFixture();
const url = '/api/v1/reports/distributions';
const PERIOD = 'from=2021-11-18&to=2022-02-28';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await f.current.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Sets handed out in the demo period straight from the tables, undone hand-outs excluded. */
async function setsInTables(where = sql`true`): Promise<number> {
  const [row] = await rows<{ n: number }>(sql`
    select coalesce(sum(d.sets), 0)::int as n
      from distributions d join distribution_points p on p.id = d.point_id
     where d.occurred_at >= '2021-11-18T00:00:00+09:00' and d.occurred_at < '2022-03-01T00:00:00+09:00'
       and not exists (select 1 from stock_movements r where r.distribution_id = d.id and r.kind = 'reversal')
       and ${where}`);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  // The demo's partner (社会福祉協議会) runs as the fixture's partner; every other point as the city.
  await f.current.database.db.transaction((tx) =>
    seedDistribution(tx, (key) => (key === 'shakyo' ? f.current.orgs.partner : f.current.orgs.city)),
  );
});

describe('the demo data', () => {
  it('has the nine points of the source and a school nurse office per level', async () => {
    const points = await f.current.database.db.select().from(distributionPoints);
    expect(points).toHaveLength(12);
    const counters = points.filter((p) => p.kind !== 'school_nurse_office');
    expect(counters.map((p) => p.name).sort()).toEqual(
      [
        '福祉総合相談室「たるとび」',
        'こども福祉課',
        'こども家庭課',
        '健康増進課',
        '生活安全課',
        '男女共同参画課',
        '塩谷サービスセンター',
        '銭函サービスセンター',
        '小樽市社会福祉協議会',
      ].sort(),
    );
    for (const p of counters) {
      expect(p).toMatchObject({ validFrom: '2021-11-18', validTo: '2022-02-28' });
      expect(p.schedule).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:20' })));
    }
    const schools = points.filter((p) => p.kind === 'school_nurse_office');
    expect(schools.map((p) => p.schoolLevel).sort()).toEqual(['elementary', 'high', 'junior_high']);
    expect(schools.every((p) => p.name.includes('架空'))).toBe(true);
  });

  it('marks every ledger row and hand-out as made up and keeps the ledger consistent', async () => {
    const [counts] = await rows<{ movements: number; handouts: number; real: number }>(sql`
      select (select count(*)::int from stock_movements) as movements,
             (select count(*)::int from distributions) as handouts,
             (select count(*)::int from stock_movements where not made_up)
           + (select count(*)::int from distributions where not made_up) as real`);
    expect(counts?.handouts).toBeGreaterThan(100);
    expect(counts?.real).toBe(0);
    await expectBalancesMatchLedger(f.current.database);
    const [item] = await rows<{ name: string }>(sql`select name from items`);
    expect(item?.name).toBe(DEMO_ITEM.name);
  });

  it('hands out at the counters only while they are open, one set each, within the period', async () => {
    const points = await f.current.database.db.select().from(distributionPoints);
    const handouts = await rows<{ point_id: string; occurred_at: string; sets: number; period_from: string | null }>(
      sql`select point_id, occurred_at::text, sets, period_from from distributions`,
    );
    for (const h of handouts) {
      const point = points.find((p) => p.id === h.point_id);
      if (!point) throw new Error('hand-out without point');
      if (point.kind === 'school_nurse_office') {
        expect(h.period_from).not.toBeNull();
      } else {
        expect(h.sets).toBe(1);
        expect(isOpenAt(point, new Date(h.occurred_at))).toBe(true);
      }
    }
  });
});

describe('the distributions report', () => {
  it('groups the demo period by point, with totals equal to the tables', async () => {
    const res = await f.current.as('analyst', { method: 'GET', url: `${url}?${PERIOD}&groupBy=point` });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ from: '2021-11-18', to: '2022-02-28', groupBy: 'point', rateDays: 28 });
    expect(report.groups).toHaveLength(12);
    expect(report.total.sets).toBe(await setsInTables());
    expect(report.total.sets).toBe(report.groups.reduce((s: number, g: { sets: number }) => s + g.sets, 0));
  });

  it.each([
    ['pointKind', ['市の窓口', 'サービスセンター', '連携団体', '学校保健室']],
    ['schoolLevel', ['小学校', '中学校', '高等学校']],
    ['requestMethod', ['チラシ持参', 'チラシ半券', 'スマートフォン画面提示', 'なし']],
    ['month', ['2021年11月', '2021年12月', '2022年1月', '2022年2月']],
  ])('groups by %s with Japanese labels', async (groupBy, labels) => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?${PERIOD}&groupBy=${groupBy}` });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.groups.map((g: { label: string }) => g.label).sort()).toEqual([...labels].sort());
    const expected =
      groupBy === 'schoolLevel' ? await setsInTables(sql`p.kind = 'school_nurse_office'`) : await setsInTables();
    expect(report.total.sets).toBe(expected);
  });

  it('groups by week from Monday, in Tokyo time', async () => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?${PERIOD}&groupBy=week` });
    const keys = res.json().groups.map((g: { key: string }) => g.key) as string[];
    expect(keys[0]).toBe('2021-11-15');
    for (const key of keys) expect(new Date(`${key}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(res.json().total.sets).toBe(await setsInTables());
  });

  it('gives stock on hand at the end of the range and days left at the recent rate', async () => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?${PERIOD}` });
    const stock = res.json().stock as {
      pointId: string;
      level: number;
      recentSets: number;
      dailyRate: number;
      daysLeft: number | null;
    }[];
    expect(stock).toHaveLength(12);
    for (const s of stock) {
      const [ledger] = await rows<{ n: number }>(
        sql`select coalesce(sum(quantity), 0)::int as n from stock_movements
             where point_id = ${s.pointId} and occurred_at < '2022-03-01T00:00:00+09:00'`,
      );
      expect(s.level).toBe(Number(ledger?.n));
      // The recent rate: the 28 Tokyo days before the end of the range, undone hand-outs left out.
      const [recent] = await rows<{ n: number }>(
        sql`select coalesce(sum(d.sets), 0)::int as n from distributions d
             where d.point_id = ${s.pointId}
               and d.occurred_at >= '2022-02-01T00:00:00+09:00' and d.occurred_at < '2022-03-01T00:00:00+09:00'
               and not exists (select 1 from stock_movements r where r.distribution_id = d.id and r.kind = 'reversal')`,
      );
      expect(s.recentSets).toBe(Number(recent?.n));
      if (s.recentSets === 0) expect(s.daysLeft).toBeNull();
      else expect(s.daysLeft).toBeCloseTo(s.level / (s.recentSets / 28), 0);
    }
  });

  it('does not count undone hand-outs', async () => {
    const point = await createPoint(f.current, { organisationId: f.current.orgs.city });
    const item = await createItem(f.current);
    await receive(f.current, point.id, item.id, 5);
    const post = () =>
      f.current.as('staff', {
        method: 'POST',
        url: '/api/v1/distributions',
        payload: { pointId: point.id, itemId: item.id, requestMethod: 'none' },
      });
    await post();
    const undone = await post();
    await f.current.as('staff', { method: 'POST', url: `/api/v1/distributions/${undone.json().id}/undo` });
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    const res = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?from=${today}&to=${today}&itemId=${item.id}`,
    });
    const group = res.json().groups.find((g: { key: string }) => g.key === point.id);
    expect(group).toMatchObject({ sets: 1, handouts: 1 });
    const stock = res.json().stock.find((s: { pointId: string }) => s.pointId === point.id);
    expect(stock).toMatchObject({ level: 4, recentSets: 1 });
  });

  it('keeps the daily rollup the reports read equal to the hand-outs themselves, undone ones and all', async () => {
    // A day whose only hand-out is undone: the rollup keeps a row of zeros, the reports no group.
    const point = await createPoint(f.current, { organisationId: f.current.orgs.city });
    const item = await createItem(f.current);
    await receive(f.current, point.id, item.id, 3);
    const posted = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/distributions',
      payload: { pointId: point.id, itemId: item.id, requestMethod: 'none', sets: 2 },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    await f.current.as('staff', { method: 'POST', url: `/api/v1/distributions/${posted.json().id}/undo` });

    const key = (r: { day: string; point_id: string; item_id: string; sets: number; handouts: number }) =>
      `${String(r.day).slice(0, 10)} ${r.point_id} ${r.item_id} ${Number(r.sets)} ${Number(r.handouts)}`;
    type Row = { day: string; point_id: string; item_id: string; sets: number; handouts: number };
    const rollup = await rows<Row>(
      sql`select day::text as day, point_id, item_id, sets, handouts from distribution_daily where handouts > 0`,
    );
    const direct = await rows<Row>(sql`
      select (d.occurred_at at time zone 'Asia/Tokyo')::date::text as day, d.point_id, d.item_id,
             sum(d.sets)::int as sets, count(*)::int as handouts
        from distributions d
       where not exists (select 1 from stock_movements r where r.distribution_id = d.id and r.kind = 'reversal')
       group by 1, 2, 3`);
    expect(rollup.length).toBeGreaterThan(100);
    expect(rollup.map(key).sort()).toEqual(direct.map(key).sort());
    const [zeros] = await rows<{ n: number }>(
      sql`select count(*)::int as n from distribution_daily where handouts = 0 and sets <> 0 or handouts < 0`,
    );
    expect(Number(zeros?.n)).toBe(0);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    const res = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?from=${today}&to=${today}&itemId=${item.id}&groupBy=month`,
    });
    expect(res.json()).toMatchObject({ groups: [], total: { sets: 0, handouts: 0 } });
  });

  it('answers Excel-ready CSV: BOM, Japanese headers, a total row', async () => {
    const res = await f.current.as('analyst', { method: 'GET', url: `${url}?${PERIOD}&groupBy=month&format=csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment;');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('月,配付セット数,配付件数');
    expect(lines[1]?.startsWith('2021年11月,')).toBe(true);
    const json = (await f.current.as('analyst', { method: 'GET', url: `${url}?${PERIOD}&groupBy=month` })).json();
    expect(lines).toHaveLength(json.groups.length + 2);
    expect(lines.at(-1)).toBe(`合計,${json.total.sets},${json.total.handouts}`);

    const byAccept = await f.current.as('analyst', {
      method: 'GET',
      url: `${url}?${PERIOD}&table=stock`,
      headers: { accept: 'text/csv' },
    });
    expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byAccept.body.slice(1).split('\r\n')[0]).toBe(
      '配付場所,種別,学校区分,品目,単位,在庫数（2022-02-28時点）,直近28日の配付数,1日あたり配付数,在庫日数',
    );
  });

  it('shows a partner only its own points and refuses callers without a role for reports', async () => {
    const partner = await f.current.as('partner', { method: 'GET', url: `${url}?${PERIOD}` });
    expect(partner.statusCode).toBe(200);
    const names = partner.json().groups.map((g: { label: string }) => g.label);
    expect(names).toContain('小樽市社会福祉協議会');
    expect(names).not.toContain('男女共同参画課');
    expect(partner.json().total.sets).toBe(await setsInTables(sql`p.organisation_id = ${f.current.orgs.partner}`));
    expect(partner.json().stock.every((s: { pointName: string }) => s.pointName !== '男女共同参画課')).toBe(true);
    expectProblem(await f.current.as('anonymous', { method: 'GET', url: `${url}?${PERIOD}` }), 401, 'unauthenticated');
    const analystKey = await f.current.apiKey('analyst');
    const viaKey = await f.current.app.inject({ method: 'GET', url: `${url}?${PERIOD}`, headers: analystKey });
    expect(viaKey.statusCode).toBe(200);
  });

  it.each([
    ['no range', ''],
    ['a range ending before it starts', 'from=2022-02-28&to=2021-11-18'],
    ['a range of more than five years', 'from=2015-01-01&to=2022-02-28'],
    ['an impossible date', 'from=2021-02-30&to=2021-03-01'],
    ['an unknown grouping', `${PERIOD}&groupBy=weekday`],
    ['an unknown format', `${PERIOD}&format=xml`],
    ['a bad item id', `${PERIOD}&itemId=abc`],
  ])('refuses %s with 400', async (_, query) => {
    expectProblem(await f.current.as('analyst', { method: 'GET', url: `${url}?${query}` }), 400, 'validation_failed');
  });
});
