import type { ConsultationReport, ReportCount } from '@tsunagari/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import { consultations } from '../src/db/schema/index.ts';
import { consultationCount, recoverableEntries, standardWindows } from './consultation-fixture.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();
const url = '/api/v1/reports/consultations';
let w: Awaited<ReturnType<typeof standardWindows>>;

/**
 * The hand-counted fixture (times in Asia/Tokyo), November 2021:
 *
 *  #  window   time              weekday hour channel    topics                 referral  age
 *  1  city     Fri 11-19 23:30   Fri 5   23   phone      women_general, dv      flyer     30s
 *  2  city     Fri 11-19 10:00   Fri 5   10   in_person  women_general          website   20s
 *  3  city     Mon 11-22 09:15   Mon 1    9   in_person  living_hardship        unknown   –
 *  4  city     Mon 11-22 14:00   Mon 1   14   phone      women_general          flyer     40s
 *  5  partner  Tue 11-16 11:00   Tue 2   11   in_person  women_general          partner   30s
 *  6  partner  Tue 11-16 11:30   Tue 2   11   in_person  employment             partner   –
 *  7  other    Sat 11-20 00:30   Sat 6    0   sns        women_general          website   20s   (Friday in UTC)
 *  8  city     Mon 11-01 00:00   Mon 1    0   phone      women_general          unknown   –     (October in UTC)
 *  9  city     Tue 11-30 23:59   Tue 2   23   phone      women_general          unknown   –
 * 10  city     Sun 10-31 23:59   outside November
 * 11  city     Wed 12-01 00:00   outside November
 */
beforeAll(async () => {
  w = await standardWindows(f.current);
  const rows: [string, string, string, string[], string, string | null][] = [
    [w.city, '2021-11-19T23:30:00+09:00', 'phone', ['women_general', 'domestic_violence'], 'flyer', '30s'],
    [w.city, '2021-11-19T10:00:00+09:00', 'in_person', ['women_general'], 'website', '20s'],
    [w.city, '2021-11-22T09:15:00+09:00', 'in_person', ['living_hardship'], 'unknown', null],
    [w.city, '2021-11-22T14:00:00+09:00', 'phone', ['women_general'], 'flyer', '40s'],
    [w.partner, '2021-11-16T11:00:00+09:00', 'in_person', ['women_general'], 'partner', '30s'],
    [w.partner, '2021-11-16T11:30:00+09:00', 'in_person', ['employment'], 'partner', null],
    [w.other, '2021-11-20T00:30:00+09:00', 'sns', ['women_general'], 'website', '20s'],
    [w.city, '2021-11-01T00:00:00+09:00', 'phone', ['women_general'], 'unknown', null],
    [w.city, '2021-11-30T23:59:00+09:00', 'phone', ['women_general'], 'unknown', null],
    [w.city, '2021-10-31T23:59:00+09:00', 'phone', ['women_general'], 'unknown', null],
    [w.city, '2021-12-01T00:00:00+09:00', 'phone', ['women_general'], 'unknown', null],
  ];
  for (const [windowId, occurredAt, channel, topics, referralSource, ageBand] of rows) {
    const res = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { windowId, occurredAt, channel, topics, referralSource, ageBand },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  // December, in bulk (with #11 above): city 12 in person, 7 by phone, 1 by SNS; the partner's
  // window 4 and 2; the other partner's 5 and 5.
  const bulk: [string, string, number][] = [
    [w.city, 'in_person', 12],
    [w.city, 'phone', 6],
    [w.city, 'sns', 1],
    [w.partner, 'in_person', 4],
    [w.partner, 'phone', 2],
    [w.other, 'in_person', 5],
    [w.other, 'phone', 5],
  ];
  await f.current.database.db.insert(consultations).values(
    bulk.flatMap(([windowId, channel, n]) =>
      Array.from({ length: n }, (_, k) => ({
        windowId,
        occurredAt: new Date(`2021-12-${String(2 + k).padStart(2, '0')}T10:00:00+09:00`),
        channel: channel as 'phone',
        topics: ['women_general' as const],
        referralSource: 'unknown' as const,
        outsideOpeningHours: false,
        recordedByType: 'system' as const,
      })),
    ),
  );
});

async function report(query: string, who: 'staff' | 'admin' | 'analyst' | 'partner' = 'staff') {
  const res = await f.current.as(who, { method: 'GET', url: `${url}?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ConsultationReport;
}

const november = 'from=2021-11-01&to=2021-11-30';
const december = 'from=2021-12-01&to=2021-12-31';
/** value → count of a one-dimension report. */
const counts = (r: ConsultationReport) =>
  Object.fromEntries(r.cells.map((c) => [String(c.keys[0]?.value), c.count])) as Record<string, ReportCount>;

describe('consultation report: figures against the hand count (staff, exact)', () => {
  it('by weekday, in Asia/Tokyo: 23:30 on a Friday is Friday, 00:30 on a Saturday is Saturday', async () => {
    const r = await report(`${november}&groupBy=weekday`);
    expect(r.cells.map((c) => [c.keys[0]?.label, c.count])).toEqual([
      ['月', 3],
      ['火', 3],
      ['水', 0],
      ['木', 0],
      ['金', 2],
      ['土', 1],
      ['日', 0],
    ]);
    expect(r.total).toBe(9);
    expect(r.suppression).toEqual({ applied: false, threshold: 3, withheld: false });
    expect(r.rowTotals).toEqual([]);
  });

  it('by hour: 23:30 counts in hour 23', async () => {
    const r = await report(`${november}&groupBy=hour`);
    expect(r.cells).toHaveLength(24);
    const byHour = counts(r);
    expect(byHour).toMatchObject({ '0': 2, '9': 1, '10': 1, '11': 2, '14': 1, '23': 2 });
    expect(Object.values(byHour).reduce((s: number, c) => s + (c as number), 0)).toBe(9);
    expect(r.cells[23]?.keys[0]).toEqual({ value: 23, label: '23時' });
  });

  it('by weekday and hour: the Friday 23:30 cell, totals and the full grid', async () => {
    const r = await report(`${november}&groupBy=weekday,hour`);
    expect(r.cells).toHaveLength(7 * 24);
    const cell = (weekday: number, hour: number) =>
      r.cells.find((c) => c.keys[0]?.value === weekday && c.keys[1]?.value === hour)?.count;
    expect(cell(5, 23)).toBe(1);
    expect(cell(5, 14)).toBe(0);
    expect(cell(6, 0)).toBe(1);
    expect(cell(2, 11)).toBe(2);
    expect(r.rowTotals.map((m) => m.count)).toEqual([3, 3, 0, 0, 2, 1, 0]);
    expect(r.columnTotals.find((m) => m.key.value === 23)?.count).toBe(2);
    expect(r.columnTotals.find((m) => m.key.value === 0)?.count).toBe(2);
    expect(r.total).toBe(9);
  });

  it('by window, listing windows with no one as 0', async () => {
    const r = await report(`${november}&groupBy=window`);
    expect(r.cells.map((c) => [c.keys[0]?.label, c.count])).toEqual([
      ['テスト商店 相談コーナー', 1],
      ['テスト土曜女性専用相談', 0],
      ['テスト女性相談室', 6],
      ['テスト社協 相談窓口', 2],
    ]);
    expect(r.cells[2]?.keys[0]?.value).toBe(w.city);
  });

  it('by topic: a consultation about two topics counts under each', async () => {
    const r = await report(`${november}&groupBy=topic`);
    expect(counts(r)).toMatchObject({
      women_general: 7,
      domestic_violence: 1,
      living_hardship: 1,
      employment: 1,
      single_parent: 0,
    });
    expect(r.total).toBe(10);
  });

  it('by channel, referral source and age band', async () => {
    expect(counts(await report(`${november}&groupBy=channel`))).toEqual({
      in_person: 4,
      phone: 4,
      sns: 1,
      online: 0,
      outreach: 0,
    });
    expect(counts(await report(`${november}&groupBy=referral_source`))).toMatchObject({
      flyer: 2,
      website: 2,
      unknown: 3,
      partner: 2,
      guidance_card: 0,
    });
    const ages = await report(`${november}&groupBy=age_band`);
    expect(counts(ages)).toMatchObject({ '20s': 2, '30s': 2, '40s': 1, null: 4, under_20: 0 });
    expect(ages.cells.at(-1)?.keys[0]).toEqual({ value: null, label: '未記入' });
  });

  it('by month and week, period edges in Asia/Tokyo', async () => {
    const months = await report('from=2021-10-01&to=2021-12-31&groupBy=month');
    expect(months.cells.map((c) => [c.keys[0]?.value, c.keys[0]?.label, c.count])).toEqual([
      ['2021-10', '2021年10月', 1],
      ['2021-11', '2021年11月', 9],
      ['2021-12', '2021年12月', 36],
    ]);
    const weeks = await report(`${november}&groupBy=week`);
    expect(weeks.cells.map((c) => [c.keys[0]?.value, c.count])).toEqual([
      ['2021-11-01', 1],
      ['2021-11-08', 0],
      ['2021-11-15', 5],
      ['2021-11-22', 2],
      ['2021-11-29', 1],
    ]);
  });

  it('by window and channel, for one window', async () => {
    const r = await report(`${november}&groupBy=channel,window&windowId=${w.city}`);
    expect(r.windowId).toBe(w.city);
    expect(r.columnTotals.map((m) => m.key.value)).toEqual([w.city]);
    expect(r.rowTotals.map((m) => [m.key.value, m.count])).toEqual([
      ['in_person', 2],
      ['phone', 4],
      ['sns', 0],
      ['online', 0],
      ['outreach', 0],
    ]);
    expect(r.total).toBe(6);
  });
});

describe('consultation report: suppression for analysts and partners', () => {
  it('shows an analyst small counts as suppressed, with a complement, zeros as 0', async () => {
    const r = await report(`${november}&groupBy=weekday`, 'analyst');
    expect(r.suppression).toEqual({ applied: true, threshold: 3, withheld: false });
    expect(r.cells.map((c) => c.count)).toEqual([
      3,
      3,
      0,
      0,
      { suppressed: true, reason: 'small' },
      { suppressed: true, reason: 'small' },
      0,
    ]);
    expect(r.total).toBe(9);
  });

  it('withholds a table too small to protect: November by weekday × hour, every count 1 or 2', async () => {
    const r = await report(`${november}&groupBy=weekday,hour`, 'analyst');
    expect(r.suppression).toEqual({ applied: true, threshold: 3, withheld: true });
    const everything = [...r.cells.map((c) => c.count), ...r.rowTotals.map((m) => m.count), r.total];
    expect(everything.every((c) => typeof c === 'object' && c.reason === 'withheld')).toBe(true);
  });

  it('leaves nothing in an analyst’s window × channel table that can be worked out', async () => {
    const r = await report(`${december}&groupBy=window,channel`, 'analyst');
    expect(r.suppression.withheld).toBe(false);
    const width = r.columnTotals.length;
    const grid = r.rowTotals.map((_, i) => r.cells.slice(i * width, (i + 1) * width).map((c) => c.count));
    const cell = (windowId: string, channel: string) =>
      r.cells.find((c) => c.keys[0]?.value === windowId && c.keys[1]?.value === channel)?.count;
    // The single SNS consultation, and the partner's 2 phone consultations, are not shown…
    expect(cell(w.city, 'sns')).toEqual({ suppressed: true, reason: 'small' });
    expect(cell(w.partner, 'phone')).toEqual({ suppressed: true, reason: 'small' });
    // …zeros are, and no count of 1 or 2 is printed anywhere.
    expect(cell(w.saturday, 'phone')).toBe(0);
    const shown = [
      ...r.cells.map((c) => c.count),
      ...r.rowTotals.map((m) => m.count),
      ...r.columnTotals.map((m) => m.count),
    ];
    expect(shown).not.toContain(1);
    expect(shown).not.toContain(2);
    // And an attacker who knows how the table adds up cannot work out any hidden count.
    const table = {
      cells: grid,
      rowTotals: r.rowTotals.map((m) => m.count),
      columnTotals: r.columnTotals.map((m) => m.count),
      total: r.total,
    };
    expect(recoverableEntries(table, 3, 14)).toEqual([]);
    // Staff read the same table exactly.
    const exact = await report(`${december}&groupBy=window,channel`, 'staff');
    expect(exact.rowTotals.map((m) => m.count)).toEqual([10, 0, 20, 6]);
    expect(exact.total).toBe(36);
  });

  it("counts a partner's own windows only, suppressed", async () => {
    const r = await report(`${november}&groupBy=window`, 'partner');
    expect(r.cells.map((c) => c.keys[0]?.value)).toEqual([w.partner]);
    expect(r.cells[0]?.count).toEqual({ suppressed: true, reason: 'small' });
    expect(r.total).toEqual({ suppressed: true, reason: 'small' });
    expectProblem(
      await f.current.as('partner', { method: 'GET', url: `${url}?${november}&groupBy=weekday&windowId=${w.other}` }),
      403,
      'forbidden',
    );
  });

  it('shows staff and admins exact counts', async () => {
    const r = await report(`${november}&groupBy=weekday`, 'admin');
    expect(r.suppression.applied).toBe(false);
    expect(counts(r)).toMatchObject({ '5': 2, '6': 1 });
  });

  it('takes the threshold from the configuration', async () => {
    const app = await build({ database: f.current.database, config: { RATE_LIMIT: 'off', SUPPRESSION_THRESHOLD: 5 } });
    try {
      const key = await f.current.apiKey('analyst');
      const res = await app.inject({ method: 'GET', url: `${url}?${november}&groupBy=weekday`, headers: key });
      const r = res.json() as ConsultationReport;
      expect(r.suppression.threshold).toBe(5);
      expect(r.cells[0]?.count).toEqual({ suppressed: true, reason: 'small' });
      const csv = await app.inject({
        method: 'GET',
        url: `${url}?${november}&groupBy=weekday&format=csv`,
        headers: key,
      });
      expect(csv.body).toContain('月,<5');
    } finally {
      await app.close();
    }
  });
});

describe('consultation report: CSV for Excel', () => {
  it('opens with a BOM and Japanese headers, a list ending with 合計', async () => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?${november}&groupBy=weekday&format=csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="consultations_.*\.csv"/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toEqual(['曜日,相談件数', '月,3', '火,3', '水,0', '木,0', '金,2', '土,1', '日,0', '合計,9']);
  });

  it('answers Accept: text/csv, and a cross table for two dimensions', async () => {
    const res = await f.current.as('analyst', {
      method: 'GET',
      url: `${url}?${december}&groupBy=window,channel`,
      headers: { accept: 'text/csv' },
    });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('相談窓口＼相談方法,窓口,電話,SNS,オンライン,アウトリーチ,合計');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe('テスト土曜女性専用相談,0,0,0,0,0,0');
    expect(lines.at(-1)?.startsWith('合計,')).toBe(true);
    // Small counts read "<3", counts hidden to protect them "x"; no 1 or 2 is printed.
    expect(res.body).toContain('<3');
    for (const line of lines.slice(1)) {
      expect(line.split(',').slice(1)).not.toContain('1');
      expect(line.split(',').slice(1)).not.toContain('2');
    }
  });

  it('prints a withheld table as x throughout', async () => {
    const res = await f.current.as('analyst', {
      method: 'GET',
      url: `${url}?${november}&groupBy=weekday,channel&format=csv`,
    });
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[1]).toBe('月,x,x,x,x,x,x');
  });

  it('keeps JSON when asked for JSON', async () => {
    const res = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?${november}&groupBy=weekday`,
      headers: { accept: 'application/json, text/csv' },
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('consultation report: bad requests', () => {
  it('answers 401 without credentials', async () => {
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${url}?${november}&groupBy=weekday` }), 401);
  });

  it.each([
    'groupBy=weekday',
    'from=2021-11-01&groupBy=weekday',
    `${november}`,
    `${november}&groupBy=`,
    `${november}&groupBy=colour`,
    `${november}&groupBy=weekday,weekday`,
    `${november}&groupBy=weekday,hour,channel`,
    'from=2021-12-01&to=2021-11-01&groupBy=weekday',
    'from=2015-01-01&to=2021-11-30&groupBy=month',
    'from=2021-02-30&to=2021-03-01&groupBy=weekday',
    `${november}&groupBy=weekday&format=xml`,
    `${november}&groupBy=weekday&windowId=abc`,
  ])('%s → 400', async (query) => {
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?${query}` }), 400, 'validation_failed');
  });

  it('reads nothing into the database', async () => {
    const before = await consultationCount(f.current);
    await report(`${november}&groupBy=topic`);
    expect(await consultationCount(f.current)).toBe(before);
  });
});
