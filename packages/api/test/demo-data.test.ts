import type { ConsultationWindow, PublicConsultationWindow } from '@tsunagari/shared';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { consultationWindows } from '../src/db/schema/index.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_PASSWORD } from '../src/demo/otaru-fy2021.ts';
import { SATURDAY_WINDOW_NAME } from '../src/demo/windows.ts';
import { freshDatabase } from './helper.ts';

// The demo set goes into an empty database, as on first start; the shared fixture has organisations already.
let database: Database;
let app: Awaited<ReturnType<typeof build>>;
let staff: Record<string, string>;
let loaded: boolean;

beforeAll(async () => {
  database = await freshDatabase();
  loaded = await loadDemoData(database.db);
  app = await build({ database, config: { RATE_LIMIT: 'off' } });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email: 'staff@tsunagari.example', password: DEMO_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
  staff = { cookie: `tsunagari_session=${cookie?.value}` };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: staff });

async function windows(query = ''): Promise<ConsultationWindow[]> {
  const res = await get(`/api/v1/consultation-windows?limit=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('the Otaru FY2021 demo windows', () => {
  it('loads only into an empty database', async () => {
    expect(loaded).toBe(true);
    const [before] = await database.db.select({ n: count() }).from(consultationWindows);
    expect(await loadDemoData(database.db)).toBe(false);
    const [after] = await database.db.select({ n: count() }).from(consultationWindows);
    expect(after?.n).toBe(before?.n);
  });

  it('holds every window of the flyer, with Otaru phone numbers', async () => {
    const all = await windows();
    expect(all.map((w) => w.name).sort()).toEqual(
      [
        '福祉総合相談室「たるとび」',
        'こども福祉課 母子父子相談',
        '子育て世代総合支援センター「にこにこ」',
        '小樽市家庭児童相談所',
        'こころの健康相談',
        '生活安全課 法律相談・くらしの相談',
        '女性相談室',
        SATURDAY_WINDOW_NAME,
      ].sort(),
    );
    for (const w of all) {
      expect(w.phone).toMatch(w.name === SATURDAY_WINDOW_NAME ? /^090-2500-9863$/ : /^0134-\d{2}-\d{4}$/);
    }
    const byName = Object.fromEntries(all.map((w) => [w.name, w]));
    expect(byName['こども福祉課 母子父子相談']).toMatchObject({
      topics: ['single_parent'],
      phone: '0134-32-4111',
      phoneExtension: '315',
    });
    expect(byName['生活安全課 法律相談・くらしの相談']).toMatchObject({
      topics: ['legal_living'],
      reservationRequired: true,
    });
    const womensRoom = '女性相談室';
    expect(byName[womensRoom]).toMatchObject({
      topics: ['women_general'],
      phone: '0134-22-6010',
      validFrom: '2021-04-01',
      validTo: null,
      schedule: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:30' })),
    });
    const topics = new Set(all.flatMap((w) => w.topics));
    for (const t of [
      'living_hardship',
      'single_parent',
      'pregnancy_childcare',
      'family',
      'mental_health',
      'legal_living',
      'women_general',
    ]) {
      expect(topics).toContain(t);
    }
  });

  it('has the Saturday women-only window exactly as the source gives it', async () => {
    const [saturday] = await windows(`&q=${encodeURIComponent(SATURDAY_WINDOW_NAME)}`);
    expect(saturday).toMatchObject({
      name: SATURDAY_WINDOW_NAME,
      organisationName: '小樽市中部地域包括支援センター',
      place: '小樽市総合福祉センター1階',
      phone: '090-2500-9863',
      channels: ['in_person', 'phone'],
      womenOnly: true,
      isNew: true,
      validFrom: '2021-11-13',
      validTo: '2022-02-26',
      closureDates: ['2022-01-01'],
      opensOnHolidays: false,
      schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
    });
    const days = (
      await get(`/api/v1/consultation-windows/${saturday?.id}/opening-days?from=2021-11-13&to=2022-02-26`)
    ).json();
    expect(days.totalDays).toBe(15);
    expect(days.totalHours).toBe(75);
    expect(days.days.map((d: { date: string }) => d.date)).not.toContain('2022-01-01');
  });

  it('answers "which window is open" like the flyer', async () => {
    const openAt = async (instant: string) =>
      (await windows(`&openAt=${encodeURIComponent(instant)}`)).map((w) => w.name).sort();
    // Saturday morning: only the new Saturday window.
    expect(await openAt('2021-11-13T11:00:00+09:00')).toEqual([SATURDAY_WINDOW_NAME]);
    // Monday 16:00: every weekday window still open until 17:00, the legal consultation, not 母子父子 (15:30).
    expect(await openAt('2021-11-15T16:00:00+09:00')).toEqual(
      [
        '福祉総合相談室「たるとび」',
        '子育て世代総合支援センター「にこにこ」',
        '小樽市家庭児童相談所',
        'こころの健康相談',
        '生活安全課 法律相談・くらしの相談',
        '女性相談室',
      ].sort(),
    );
    // 17:15: only the 女性相談室 (until 17:30).
    expect(await openAt('2021-11-15T17:15:00+09:00')).toEqual(['女性相談室']);
    // 勤労感謝の日 and the New Year closing days.
    expect(await openAt('2021-11-23T10:00:00+09:00')).toEqual([]);
    expect(await openAt('2021-12-29T10:00:00+09:00')).toEqual([]);
    expect(await openAt('2022-01-04T10:00:00+09:00')).toHaveLength(6);
  });

  it('shows every window in the public directory', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/public/consultation-windows?at=${encodeURIComponent('2021-11-13T11:00:00+09:00')}`,
    });
    const items = res.json().items as PublicConsultationWindow[];
    expect(items).toHaveLength(8);
    expect(items.filter((w) => w.openNow).map((w) => w.name)).toEqual([SATURDAY_WINDOW_NAME]);
  });
});
