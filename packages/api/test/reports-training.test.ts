import { PURGED_NAME, type TrainingCounts, type TrainingReport } from '@tsunagari/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { DEMO_PASSWORD } from '../src/demo/otaru-fy2021.ts';
import { DEMO_SEMINAR_TITLE } from '../src/demo/training.ts';
import { expectProblem, freshDatabase } from './helper.ts';

// The demo set goes into an empty database, as on first start.
let database: Database;
let app: Awaited<ReturnType<typeof build>>;
const headers: Record<'staff' | 'partner' | 'analyst', Record<string, string>> = {
  staff: {},
  partner: {},
  analyst: {},
};

beforeAll(async () => {
  database = await freshDatabase();
  expect(await loadDemoData(database.db)).toBe(true);
  app = await build({ database, config: { RATE_LIMIT: 'off' } });
  for (const role of ['staff', 'partner', 'analyst'] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: `${role}@tsunagari.example`, password: DEMO_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
    headers[role] = { cookie: `tsunagari_session=${cookie?.value}` };
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, who: keyof typeof headers = 'staff') =>
  app.inject({ method: 'GET', url, headers: headers[who] });

async function report(query: string, who: keyof typeof headers = 'staff'): Promise<TrainingReport> {
  const res = await get(`/api/v1/reports/training?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const attendedBy = (c: TrainingCounts) => Object.fromEntries(c.byAffiliation.map((a) => [a.affiliation, a.attended]));

describe('the FY2021 seminar of the demo set', () => {
  it('reports 36 attended, 28 at the venue and 8 online, by affiliation', async () => {
    const r = await report('fiscalYear=2021');
    expect(r.fiscalYear).toBe(2021);
    expect(r.events).toHaveLength(1);
    const seminar = r.events[0];
    expect(seminar).toMatchObject({
      title: DEMO_SEMINAR_TITLE,
      startsAt: '2021-11-19T05:00:00.000Z',
      fiscalYear: 2021,
      status: 'held',
      venueCapacity: 28,
      onlineCapacity: 8,
    });
    const c = seminar?.counts as TrainingCounts;
    expect(c).toMatchObject({ registered: 36, confirmed: 36, waitlisted: 0, cancelled: 0, attended: 36, noShow: 0 });
    expect(c.byMode.map((m) => [m.mode, m.attended])).toEqual([
      ['venue', 28],
      ['online', 8],
    ]);
    expect(attendedBy(c)).toEqual({
      minsei_jido_iin: 16,
      teacher: 10,
      city_counsellor: 7,
      city_staff: 2,
      partner_staff: 1,
      other: 0,
    });
    // The groups the source document names make up nearly all of it.
    expect(
      c.byAffiliation
        .filter((a) => ['minsei_jido_iin', 'teacher', 'city_counsellor'].includes(a.affiliation))
        .reduce((n, a) => n + a.attended, 0),
    ).toBe(33);
    const venuePlusOnline = c.byAffiliation.reduce((n, a) => n + a.attendedVenue + a.attendedOnline, 0);
    expect(venuePlusOnline).toBe(36);
    expect(r.years).toEqual([{ fiscalYear: 2021, events: 1, counts: c }]);
    // 36 of the target 80: 45 %.
    expect(Math.round((c.attended / 80) * 100)).toBe(45);
  });

  it('reads the same through the event’s attendance, and the names are made up and past retention', async () => {
    const id = (await report('fiscalYear=2021')).events[0]?.eventId as string;
    const res = await get(`/api/v1/training-events/${id}/attendance`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.attended).toBe(36);
    expect(res.json().seats).toEqual([
      { mode: 'venue', capacity: 28, confirmed: 28, waitlisted: 0, remaining: 0 },
      { mode: 'online', capacity: 8, confirmed: 8, waitlisted: 0, remaining: 0 },
    ]);
    // The app purged the 2021 attendees' names at start-up (far past the 90 days); the counts stay.
    const list = await get(`/api/v1/training-events/${id}/registrations?limit=500`);
    const items = list.json().items as { name: string; checkedInAt: string | null }[];
    expect(items).toHaveLength(36);
    expect(items.every((r) => r.name === PURGED_NAME && r.checkedInAt !== null)).toBe(true);
  });

  it('filters by event and fiscal year', async () => {
    const all = await report('');
    expect(all.fiscalYear).toBeNull();
    const id = all.events[0]?.eventId as string;
    expect((await report(`eventId=${id}`)).events.map((e) => e.eventId)).toEqual([id]);
    expect(await report('fiscalYear=2020')).toEqual({ fiscalYear: 2020, eventId: null, events: [], years: [] });
    expect((await report(`eventId=${crypto.randomUUID()}`)).events).toEqual([]);
    for (const q of ['fiscalYear=abc', 'fiscalYear=1999', 'eventId=42', 'format=xlsx', 'unknown=1&fiscalYear=x']) {
      expectProblem(await get(`/api/v1/reports/training?${q}`), 400, 'validation_failed');
    }
  });

  it('answers CSV for Excel: BOM, Japanese headers, one row per event and a total per year', async () => {
    const res = await get('/api/v1/reports/training?fiscalYear=2021&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, seminar, total] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      '年度,研修会,開催日時,状態,会場定員,オンライン定員,申込数,確定,キャンセル待ち,取消,出席,欠席,当日参加,' +
        '出席（会場）,出席（オンライン）,キャンセル待ち（会場）,キャンセル待ち（オンライン）,' +
        '出席（民生児童委員）,出席（教職員）,出席（市相談員）,出席（市職員）,出席（連携団体職員）,出席（その他）',
    );
    expect(seminar).toBe(
      `2021年度,${DEMO_SEMINAR_TITLE},2021-11-19 14:00,開催済み,28,8,36,36,0,0,36,0,0,28,8,0,0,16,10,7,2,1,0`,
    );
    expect(total).toBe('2021年度,合計（1件）,,,,,36,36,0,0,36,0,0,28,8,0,0,16,10,7,2,1,0');
    const accept = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/training?fiscalYear=2021',
      headers: { ...headers.analyst, accept: 'text/csv' },
    });
    expect(accept.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('is read by analysts and partners too, but their records stay closed to them', async () => {
    const staff = await report('fiscalYear=2021');
    expect(await report('fiscalYear=2021', 'analyst')).toEqual(staff);
    expect(await report('fiscalYear=2021', 'partner')).toEqual(staff);
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/reports/training' }), 401, 'unauthenticated');
    const id = staff.events[0]?.eventId as string;
    for (const who of ['analyst', 'partner'] as const) {
      expectProblem(await get(`/api/v1/training-events/${id}`, who), 403, 'forbidden');
      expectProblem(await get(`/api/v1/training-events/${id}/registrations`, who), 403, 'forbidden');
    }
  });
});
