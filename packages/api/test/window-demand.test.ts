import {
  type Openable,
  openingDays,
  type ScheduleInterval,
  type WindowDemand,
  type WindowDemandItem,
} from '@tsunagari/shared';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { consultations, consultationWindows } from '../src/db/schema/index.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_PASSWORD } from '../src/demo/otaru-fy2021.ts';
import { SATURDAY_WINDOW_NAME } from '../src/demo/windows.ts';
import { insertWindow, standardWindows, valid } from './consultation-fixture.ts';
import { expectProblem, freshDatabase, useFixture } from './helper.ts';

const f = useFixture();
const url = '/api/v1/reports/window-demand';
let w: Awaited<ReturnType<typeof standardWindows>>;
let closedTenth: string;

beforeAll(async () => {
  w = await standardWindows(f.current);
  closedTenth = await insertWindow(f.current, {
    name: 'テスト臨時休業のある窓口',
    organisationId: f.current.orgs.city,
    closureDates: ['2021-11-10'],
  });
  const record = async (windowId: string, occurredAt: string) => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url: '/api/v1/consultations',
      payload: valid(windowId, { occurredAt }),
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  // The city window: three within its hours, one call-back in the evening; one in October.
  await record(w.city, '2021-11-02T10:00:00+09:00');
  await record(w.city, '2021-11-12T16:59:00+09:00');
  await record(w.city, '2021-11-30T09:00:00+09:00');
  await record(w.city, '2021-11-30T19:30:00+09:00');
  await record(w.city, '2021-10-29T10:00:00+09:00');
  // The partner's window: one, on a national holiday (2021-11-23), so outside its hours.
  await record(w.partner, '2021-11-23T10:00:00+09:00');
});

async function demand(query: string, who: 'staff' | 'analyst' | 'partner' = 'staff') {
  const res = await f.current.as(who, { method: 'GET', url: `${url}?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WindowDemand;
}
const item = (r: WindowDemand, windowId: string) => r.items.find((i) => i.windowId === windowId) as WindowDemandItem;

describe('window demand: opening hours against consultations (staff, exact)', () => {
  it('gives the Saturday window 15 days, 75 open hours and no one', async () => {
    const r = await demand('from=2021-11-13&to=2022-02-26');
    expect(item(r, w.saturday)).toEqual({
      windowId: w.saturday,
      windowName: 'テスト土曜女性専用相談',
      organisationName: 'テスト市 男女共同参画課',
      openingDays: 15,
      openHours: 75,
      consultations: 0,
      consultationsInOpeningHours: 0,
      consultationsOutsideOpeningHours: 0,
      consultationsPerOpenHour: 0,
      noConsultations: true,
    });
  });

  it('counts weekdays less national holidays and closures, and the consultations in and out of hours', async () => {
    // November 2021 has 22 weekdays; 11-03 and 11-23 are national holidays: 20 days of 8 hours.
    const r = await demand('from=2021-11-01&to=2021-11-30');
    expect(item(r, w.city)).toMatchObject({
      openingDays: 20,
      openHours: 160,
      consultations: 4,
      consultationsInOpeningHours: 3,
      consultationsOutsideOpeningHours: 1,
      consultationsPerOpenHour: 0.019,
      noConsultations: false,
    });
    expect(item(r, closedTenth)).toMatchObject({ openingDays: 19, openHours: 152, noConsultations: true });
    expect(item(r, w.partner)).toMatchObject({
      openingDays: 20,
      consultations: 1,
      consultationsInOpeningHours: 0,
      consultationsOutsideOpeningHours: 1,
    });
    // The Saturday window started on 11-13: three Saturdays in November.
    expect(item(r, w.saturday)).toMatchObject({ openingDays: 3, openHours: 15, noConsultations: true });
    // Before it started, it is not listed.
    const october = await demand('from=2021-10-01&to=2021-10-31');
    expect(october.items.map((i) => i.windowId)).not.toContain(w.saturday);
    expect(item(october, w.city)).toMatchObject({ consultations: 1, consultationsInOpeningHours: 1 });
    expect(r.suppression).toEqual({ applied: false, threshold: 3, withheld: false });
  });

  it('lists windows by name', async () => {
    const r = await demand('from=2021-11-01&to=2021-11-30');
    const names = r.items.map((i) => i.windowName);
    expect(names).toEqual([...names].sort());
  });
});

describe('window demand: access and suppression', () => {
  it('suppresses small counts for analysts, so that none can be worked out', async () => {
    const r = await demand('from=2021-11-01&to=2021-11-30', 'analyst');
    expect(r.suppression.applied).toBe(true);
    const city = item(r, w.city);
    // 4 = 3 + 1: the 1 is hidden, and so is a second count, or 4 − 3 would give it away.
    expect(city.consultationsOutsideOpeningHours).toEqual({ suppressed: true, reason: 'small' });
    expect([city.consultations, city.consultationsInOpeningHours]).toContainEqual({
      suppressed: true,
      reason: 'complementary',
    });
    expect(city.openingDays).toBe(20);
    expect(item(r, closedTenth)).toMatchObject({ consultations: 0, noConsultations: true });
  });

  it('shows a partner its own windows only', async () => {
    const r = await demand('from=2021-11-01&to=2021-11-30', 'partner');
    expect(r.items.map((i) => i.windowId)).toEqual([w.partner]);
    // One consultation: withheld or suppressed, never shown as 1.
    expect(JSON.stringify(r.items[0])).not.toMatch(/"consultations(InOpeningHours|OutsideOpeningHours)?":1\b/);
  });

  it('answers 401 without credentials and 400 for bad periods', async () => {
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${url}?from=2021-11-01&to=2021-11-30` }), 401);
    for (const query of [
      'from=2021-11-01',
      'to=2021-11-30',
      'from=2021-11-30&to=2021-11-01',
      'from=2021-11-01&to=2021-11-31',
      'from=2010-01-01&to=2021-11-30',
      'from=2021-11-01&to=2021-11-30&format=pdf',
    ]) {
      expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}?${query}` }), 400, 'validation_failed');
    }
  });

  it('answers CSV with a BOM and Japanese headers', async () => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?from=2021-11-13&to=2022-02-26&format=csv` });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '窓口,運営団体,開設日数,開設時間（時間）,相談件数,開設時間内の相談件数,開設時間外の相談件数,開設1時間あたりの相談件数,相談なし',
    );
    expect(lines).toContain('テスト土曜女性専用相談,テスト市 男女共同参画課,15,75,0,0,0,0,相談なし');
  });
});

describe('window demand: opening days counted in SQL agree with the directory’s opening hours', () => {
  // Schedules the demo does not have: split days, a close at 24:00, odd minutes, holidays open
  // and closed, closures on holidays and on weekdays, a window ending and one starting mid-period.
  const split: ScheduleInterval[] = [
    { weekday: 1, opens: '09:00', closes: '12:00' },
    { weekday: 1, opens: '13:00', closes: '17:00' },
    { weekday: 3, opens: '18:00', closes: '24:00' },
    { weekday: 6, opens: '10:00', closes: '15:00' },
  ];
  const windows: (Openable & { name: string; closureDates: string[]; schedule: ScheduleInterval[] })[] = [
    {
      name: 'テスト比較A 祝日も開く',
      validFrom: '2021-04-01',
      validTo: null,
      closureDates: ['2021-12-29', '2022-01-03'],
      opensOnHolidays: true,
      schedule: split,
    },
    {
      name: 'テスト比較B 祝日休み・2月10日まで',
      validFrom: '2021-04-01',
      validTo: '2022-02-10',
      closureDates: ['2021-05-03', '2021-07-14'],
      opensOnHolidays: false,
      schedule: split,
    },
    {
      name: 'テスト比較C 毎日24時間・12月から',
      validFrom: '2021-12-01',
      validTo: null,
      closureDates: ['2022-01-01'],
      opensOnHolidays: true,
      schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
    },
    {
      name: 'テスト比較D 日曜13時から14時半',
      validFrom: '2021-04-01',
      validTo: null,
      closureDates: [],
      opensOnHolidays: false,
      schedule: [{ weekday: 7, opens: '13:00', closes: '14:30' }],
    },
  ];
  const ids: string[] = [];

  beforeAll(async () => {
    for (const w of windows) {
      const [row] = await f.current.database.db
        .insert(consultationWindows)
        .values({
          ...w,
          topics: ['women_general'],
          organisationId: f.current.orgs.city,
          place: 'テスト会館',
          channels: ['phone'],
        })
        .returning({ id: consultationWindows.id });
      ids.push(row?.id as string);
    }
  });

  for (const [from, to] of [
    ['2021-04-01', '2022-03-31'],
    ['2021-12-25', '2022-01-10'],
    ['2022-02-11', '2022-02-11'],
    ['2021-04-29', '2021-05-05'],
  ] as const) {
    it(`gives the same days and hours as openingDays() from ${from} to ${to}`, async () => {
      const r = await demand(`from=${from}&to=${to}`);
      const got = windows.map((_, i) => {
        const it = r.items.find((x) => x.windowId === ids[i]);
        return it ? { openingDays: it.openingDays, openHours: it.openHours } : null;
      });
      const expected = windows.map((w) => {
        // Not running in the period and no consultations: not listed.
        if (w.validFrom > to || (w.validTo && w.validTo < from)) return null;
        const days = openingDays(w, from, to);
        const minutes = days.reduce((sum, d) => sum + d.openMinutes, 0);
        return { openingDays: days.length, openHours: Math.round((minutes / 60) * 100) / 100 };
      });
      expect(got).toEqual(expected);
    });
  }
});

describe('window demand on the Otaru FY2021 demo set', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof build>>;
  let staff: Record<string, string>;

  beforeAll(async () => {
    database = await freshDatabase();
    expect(await loadDemoData(database.db)).toBe(true);
    app = await build({ database, config: { RATE_LIMIT: 'off' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'staff@tsunagari.example', password: DEMO_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
    staff = { cookie: `tsunagari_session=${cookie?.value}` };
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows the Saturday window: 15 days, 75 hours, 0 consultations', async () => {
    const res = await app.inject({ method: 'GET', url: `${url}?from=2021-11-13&to=2022-02-26`, headers: staff });
    expect(res.statusCode, res.body).toBe(200);
    const saturday = (res.json() as WindowDemand).items.find((i) => i.windowName === SATURDAY_WINDOW_NAME);
    expect(saturday).toMatchObject({ openingDays: 15, openHours: 75, consultations: 0, noConsultations: true });
  });

  it('holds a few hundred made-up consultations at the other windows, the same on every load', async () => {
    const rows = await database.db.select().from(consultations);
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.length).toBeLessThan(800);
    expect(rows.every((r) => r.madeUp)).toBe(true);
    const res = await app.inject({ method: 'GET', url: `${url}?from=2021-04-01&to=2022-03-31`, headers: staff });
    const items = (res.json() as WindowDemand).items;
    expect(items.filter((i) => i.windowName !== SATURDAY_WINDOW_NAME).every((i) => !i.noConsultations)).toBe(true);
    const [made] = await database.db
      .select({ n: count() })
      .from(consultations)
      .where(eq(consultations.outsideOpeningHours, true));
    expect(Number(made?.n)).toBeGreaterThan(0);

    // Deterministic: a second database gets the same rows.
    const again = await freshDatabase();
    try {
      await loadDemoData(again.db);
      const second = await again.db.select().from(consultations);
      const shape = (r: (typeof rows)[number]) => `${r.occurredAt.toISOString()} ${r.channel} ${r.topics.join('+')}`;
      expect(second.map(shape).sort()).toEqual(rows.map(shape).sort());
    } finally {
      await again.close();
    }
  });
});
