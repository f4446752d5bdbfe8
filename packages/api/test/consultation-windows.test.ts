import { randomUUID } from 'node:crypto';
import type { ConsultationWindow, CreateConsultationWindow } from '@tsunagari/shared';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertWindows } from '../src/consultation-windows/repository.ts';
import { auditLog } from '../src/db/schema/index.ts';
import { expectProblem, useFixture, type Who } from './helper.ts';

const f = useFixture();
const BASE = '/api/v1/consultation-windows';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));

/** The Otaru Saturday window as DESIGN.md gives it. */
const saturdayWindow = (organisationId: string): CreateConsultationWindow => ({
  name: '女性専用相談',
  description: '土曜日のみ、窓口・電話ともに受け付けます。',
  topics: ['women_general'],
  organisationId,
  place: '小樽市総合福祉センター1階',
  phone: '090-2500-9863',
  channels: ['in_person', 'phone'],
  womenOnly: true,
  isNew: true,
  validFrom: '2021-11-13',
  validTo: '2022-02-26',
  closureDates: ['2022-01-01'],
  schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
});

const weekdayWindow = (organisationId: string, name: string): CreateConsultationWindow => ({
  name,
  topics: ['single_parent', 'living_hardship'],
  organisationId,
  place: '市役所別館4階',
  phone: '0134-32-4111',
  phoneExtension: '315',
  reservationRequired: true,
  reservationNote: '来所の場合は予約制',
  channels: ['in_person', 'phone'],
  validFrom: '2021-04-01',
  schedule: weekdays('09:00', '17:30'),
});

/** Friday evening into Saturday night, so that midnight in Tokyo matters. */
const nightWindow = (organisationId: string): CreateConsultationWindow => ({
  name: '夜間電話相談',
  topics: ['domestic_violence'],
  organisationId,
  place: 'テスト商店 2階',
  channels: ['phone'],
  validFrom: '2021-04-01',
  schedule: [
    { weekday: 6, opens: '00:00', closes: '01:00' },
    { weekday: 5, opens: '18:00', closes: '24:00' },
  ],
});

const post = (who: Who, payload: unknown, headers: Record<string, string> = {}) =>
  f.current.as(who, { method: 'POST', url: BASE, payload: payload as object, headers });
const get = (who: Who, url: string) => f.current.as(who, { method: 'GET', url });
const patch = (who: Who, id: string, payload: unknown, headers: Record<string, string> = {}) =>
  f.current.as(who, { method: 'PATCH', url: `${BASE}/${id}`, payload: payload as object, headers });

async function listAll(who: Who = 'admin', query = ''): Promise<ConsultationWindow[]> {
  const items: ConsultationWindow[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(who, `${BASE}?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: ConsultationWindow[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

async function auditCount(action?: string) {
  const [row] = await f.current.database.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'consultation_window'), action ? eq(auditLog.action, action) : undefined));
  return row?.n ?? 0;
}

/** Asserts that neither the windows nor the audit log changed while `fn` ran. */
async function expectNothingChanged(fn: () => Promise<void>) {
  const before = await listAll();
  const audits = await auditCount();
  await fn();
  expect(await listAll()).toEqual(before);
  expect(await auditCount()).toBe(audits);
}

const ids = { saturday: '', city: '', partner: '', other: '' };

beforeAll(async () => {
  const { orgs } = f.current;
  const created = [
    await post('staff', saturdayWindow(orgs.city)),
    await post('staff', weekdayWindow(orgs.city, 'こども福祉課 母子父子相談')),
    await post('admin', weekdayWindow(orgs.partner, '社協 くらしの相談')),
    await post('admin', nightWindow(orgs.otherPartner)),
  ];
  for (const res of created) expect(res.statusCode, res.body).toBe(201);
  const [saturday, city, partner, other] = created.map((r) => r.json().id as string);
  Object.assign(ids, { saturday, city, partner, other });
});

describe('create', () => {
  it('stores every field, answers 201 with ETag and Location, and audits', async () => {
    const audits = await auditCount('create');
    const res = await post('staff', {
      ...weekdayWindow(f.current.orgs.city, 'こころの健康相談'),
      description: '精神保健の相談。\n来所は予約制です。',
      address: '小樽市富岡1丁目',
      topics: ['mental_health', 'mental_health'],
      closureDates: ['2021-12-31', '2021-12-29', '2021-12-31'],
      schedule: [
        { weekday: 3, opens: '13:00', closes: '17:00' },
        { weekday: 1, opens: '09:00', closes: '12:00' },
        { weekday: 3, opens: '09:00', closes: '12:00' },
      ],
      opensOnHolidays: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as ConsultationWindow;
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`${BASE}/${body.id}`);
    expect(body).toMatchObject({
      name: 'こころの健康相談',
      description: '精神保健の相談。\n来所は予約制です。',
      organisationId: f.current.orgs.city,
      organisationName: 'テスト市 男女共同参画課',
      address: '小樽市富岡1丁目',
      phone: '0134-32-4111',
      phoneExtension: '315',
      reservationRequired: true,
      womenOnly: false,
      isNew: false,
      validTo: null,
      opensOnHolidays: true,
      version: 1,
      // Duplicates dropped, dates and intervals in one order.
      topics: ['mental_health'],
      closureDates: ['2021-12-29', '2021-12-31'],
      schedule: [
        { weekday: 1, opens: '09:00', closes: '12:00' },
        { weekday: 3, opens: '09:00', closes: '12:00' },
        { weekday: 3, opens: '13:00', closes: '17:00' },
      ],
    });
    expect(await auditCount('create')).toBe(audits + 1);
    const read = await get('staff', `${BASE}/${body.id}`);
    expect(read.json()).toEqual(body);
    await f.current.as('admin', { method: 'DELETE', url: `${BASE}/${body.id}` });
  });

  it('fills the defaults for optional fields', async () => {
    const res = await post('admin', {
      name: '最小の窓口',
      topics: ['other'],
      organisationId: f.current.orgs.city,
      place: '本庁舎',
      channels: ['online'],
      validFrom: '2022-04-01',
      schedule: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      description: null,
      address: null,
      phone: null,
      phoneExtension: null,
      reservationRequired: false,
      reservationNote: null,
      womenOnly: false,
      isNew: false,
      validTo: null,
      closureDates: [],
      opensOnHolidays: false,
      schedule: [],
    });
    await f.current.as('admin', { method: 'DELETE', url: `${BASE}/${res.json().id}` });
  });

  it('refuses an organisation that does not exist with 422 unknown_organisation', async () => {
    await expectNothingChanged(async () => {
      const body = expectProblem(
        await post('staff', weekdayWindow(randomUUID(), 'どこの窓口')),
        422,
        'unknown_organisation',
      );
      expect(body.errors).toEqual([{ path: 'body.organisationId', message: expect.any(String) }]);
    });
  });

  const valid = () => saturdayWindow(f.current.orgs.city) as Record<string, unknown>;
  const withInterval = (iv: Record<string, unknown>) => ({ ...valid(), schedule: [iv] });
  const badBodies: [string, () => unknown, string][] = [
    ['missing name', () => ({ ...valid(), name: undefined }), 'body.name'],
    ['missing schedule', () => ({ ...valid(), schedule: undefined }), 'body.schedule'],
    ['missing organisationId', () => ({ ...valid(), organisationId: undefined }), 'body.organisationId'],
    ['an unknown field', () => ({ ...valid(), colour: 'pink' }), 'body'],
    [
      'an unknown field in an interval',
      () => withInterval({ weekday: 6, opens: '10:00', closes: '15:00', x: 1 }),
      'body.schedule.0',
    ],
    ['topics as a string', () => ({ ...valid(), topics: 'women_general' }), 'body.topics'],
    ['womenOnly as a string', () => ({ ...valid(), womenOnly: 'yes' }), 'body.womenOnly'],
    [
      'weekday as a string',
      () => withInterval({ weekday: '6', opens: '10:00', closes: '15:00' }),
      'body.schedule.0.weekday',
    ],
    ['weekday 8', () => withInterval({ weekday: 8, opens: '10:00', closes: '15:00' }), 'body.schedule.0.weekday'],
    ['weekday 0', () => withInterval({ weekday: 0, opens: '10:00', closes: '15:00' }), 'body.schedule.0.weekday'],
    ['weekday 1.5', () => withInterval({ weekday: 1.5, opens: '10:00', closes: '15:00' }), 'body.schedule.0.weekday'],
    ['opens 25:00', () => withInterval({ weekday: 6, opens: '25:00', closes: '26:00' }), 'body.schedule.0.opens'],
    ['closes 24:30', () => withInterval({ weekday: 6, opens: '10:00', closes: '24:30' }), 'body.schedule.0.closes'],
    [
      'opens 9:00 without the leading zero',
      () => withInterval({ weekday: 6, opens: '9:00', closes: '15:00' }),
      'body.schedule.0.opens',
    ],
    [
      'closes before opens',
      () => withInterval({ weekday: 6, opens: '15:00', closes: '10:00' }),
      'body.schedule.0.closes',
    ],
    [
      'closes equal to opens',
      () => withInterval({ weekday: 6, opens: '10:00', closes: '10:00' }),
      'body.schedule.0.closes',
    ],
    [
      'overlapping intervals on one weekday',
      () => ({
        ...valid(),
        schedule: [
          { weekday: 6, opens: '10:00', closes: '15:00' },
          { weekday: 6, opens: '14:00', closes: '16:00' },
        ],
      }),
      'body.schedule.1',
    ],
    [
      'an interval inside an earlier, longer one',
      () => ({
        ...valid(),
        schedule: [
          { weekday: 2, opens: '09:00', closes: '17:00' },
          { weekday: 2, opens: '10:00', closes: '11:00' },
          { weekday: 2, opens: '12:00', closes: '13:00' },
        ],
      }),
      'body.schedule.2',
    ],
    [
      'validTo before validFrom',
      () => ({ ...valid(), validFrom: '2022-02-26', validTo: '2021-11-13' }),
      'body.validTo',
    ],
    ['a date that does not exist', () => ({ ...valid(), validFrom: '2021-02-30' }), 'body.validFrom'],
    ['a closure date in another format', () => ({ ...valid(), closureDates: ['2022/01/01'] }), 'body.closureDates.0'],
    ['an unknown topic', () => ({ ...valid(), topics: ['astrology'] }), 'body.topics.0'],
    ['no topic', () => ({ ...valid(), topics: [] }), 'body.topics'],
    ['an unknown channel', () => ({ ...valid(), channels: ['fax'] }), 'body.channels.0'],
    ['a phone that is words', () => ({ ...valid(), phone: 'call me' }), 'body.phone'],
    ['an extension with letters', () => ({ ...valid(), phoneExtension: 'ext315' }), 'body.phoneExtension'],
    ['a blank name', () => ({ ...valid(), name: '   ' }), 'body.name'],
    ['a name of 201 characters', () => ({ ...valid(), name: 'あ'.repeat(201) }), 'body.name'],
    ['a NUL in the name', () => ({ ...valid(), name: 'a\u0000b' }), 'body.name'],
    ['an organisationId that is not a uuid', () => ({ ...valid(), organisationId: 'city' }), 'body.organisationId'],
    ['an array body', () => [valid()], 'body'],
    ['null', () => null, 'body'],
  ];

  it.each(badBodies)('refuses %s with 400 validation_failed and changes nothing', async (_, body, path) => {
    await expectNothingChanged(async () => {
      const problem = expectProblem(await post('staff', body()), 400, 'validation_failed');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    });
  });

  it('refuses malformed JSON, other media types and oversized bodies', async () => {
    await expectNothingChanged(async () => {
      expectProblem(
        await post('staff', '{"name": "半分', { 'content-type': 'application/json' }),
        400,
        'malformed_json',
      );
      expectProblem(
        await post('staff', JSON.stringify(valid()), { 'content-type': 'text/plain' }),
        415,
        'unsupported_media_type',
      );
      expectProblem(
        await post('staff', `name=${encodeURIComponent('窓口')}`, {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        415,
        'unsupported_media_type',
      );
      expectProblem(await post('staff', { ...valid(), description: 'あ'.repeat(300_000) }), 413, 'payload_too_large');
    });
  });
});

describe('read and list', () => {
  it('reads one window with its ETag', async () => {
    const res = await get('analyst', `${BASE}/${ids.saturday}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.json()).toMatchObject({
      id: ids.saturday,
      name: '女性専用相談',
      phone: '090-2500-9863',
      validFrom: '2021-11-13',
      validTo: '2022-02-26',
      closureDates: ['2022-01-01'],
      womenOnly: true,
      isNew: true,
    });
  });

  it('answers 400 for an id that is not a uuid and 404 for one that does not exist', async () => {
    const bad = expectProblem(await get('staff', `${BASE}/not-a-uuid`), 400, 'validation_failed');
    expect(bad.errors?.[0]?.path).toBe('params.id');
    expectProblem(await get('staff', `${BASE}/${randomUUID()}`), 404, 'not_found');
    expectProblem(await get('staff', `${BASE}/${randomUUID()}/opening-days?from=2021-11-01&to=2021-11-30`), 404);
  });

  it('lists by name, filters by topic, organisation and name, and pages with a cursor', async () => {
    const all = await listAll('staff');
    expect(all.map((w) => w.name)).toEqual([...all.map((w) => w.name)].sort());
    expect(all.map((w) => w.id).sort()).toEqual(Object.values(ids).sort());

    const single = await listAll('staff', '&topic=single_parent');
    expect(single.map((w) => w.id).sort()).toEqual([ids.city, ids.partner].sort());

    const ofPartner = await listAll('staff', `&organisationId=${f.current.orgs.partner}`);
    expect(ofPartner.map((w) => w.id)).toEqual([ids.partner]);

    const byName = await listAll('staff', `&q=${encodeURIComponent('母子父子')}`);
    expect(byName.map((w) => w.id)).toEqual([ids.city]);
    // LIKE wildcards in q are taken literally.
    expect(await listAll('staff', `&q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await listAll('staff', `&q=${encodeURIComponent('_')}`)).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get('staff', `${BASE}?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json() as { items: ConsultationWindow[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items.map((w) => w.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((w) => w.id));
  });

  it('refuses bad list parameters with 400', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=ten',
      'topic=astrology',
      'organisationId=city',
      'openAt=2021-11-13',
      'openAt=2021-11-13T10:00:00',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url')}`,
      `cursor=${Buffer.from(JSON.stringify(['a\u0000', randomUUID()])).toString('base64url')}`,
      `q=${encodeURIComponent('a\u0000')}`,
      `q=${'a'.repeat(101)}`,
    ]) {
      expectProblem(await get('staff', `${BASE}?${query}`), 400, 'validation_failed');
    }
  });
});

describe('open at an instant (Asia/Tokyo)', () => {
  const openAt = async (instant: string, query = '') =>
    (await listAll('staff', `&openAt=${encodeURIComponent(instant)}${query}`)).map((w) => w.id).sort();

  it('reads the weekday and hour in Tokyo near midnight', async () => {
    // 2021-11-12T15:30Z is Friday 15:30 in UTC but Saturday 00:30 in Tokyo.
    expect(await openAt('2021-11-12T15:30:00Z')).toEqual([ids.other]);
    // Friday 23:30 in Tokyo: the night line, still Friday.
    expect(await openAt('2021-11-12T14:30:00Z')).toEqual([ids.other]);
    // Saturday 01:00 in Tokyo: the night line has just closed, the Saturday window not yet open.
    expect(await openAt('2021-11-12T16:00:00Z')).toEqual([]);
    // Friday 10:00 in Tokyo, written with the +09:00 offset.
    expect(await openAt('2021-11-12T10:00:00+09:00')).toEqual([ids.city, ids.partner].sort());
  });

  it('follows the Saturday window period, hours and closure date', async () => {
    expect(await openAt('2021-11-13T10:00:00+09:00')).toEqual([ids.saturday]);
    expect(await openAt('2021-11-13T00:59:59Z')).toEqual([]); // 09:59:59 JST
    expect(await openAt('2021-11-13T15:00:00+09:00')).toEqual([]);
    expect(await openAt('2021-11-06T11:00:00+09:00')).toEqual([]); // before the period
    expect(await openAt('2022-01-01T11:00:00+09:00')).toEqual([]); // closure date (and 元日)
    expect(await openAt('2022-01-08T11:00:00+09:00')).toEqual([ids.saturday]);
    expect(await openAt('2022-03-05T11:00:00+09:00')).toEqual([]); // after the period
  });

  it('keeps weekday windows closed on a national holiday that falls on a weekday', async () => {
    // 2021-11-23 (Tuesday) is 勤労感謝の日.
    expect(await openAt('2021-11-23T10:00:00+09:00')).toEqual([]);
    expect(await openAt('2021-11-24T10:00:00+09:00')).toEqual([ids.city, ids.partner].sort());
  });

  it('combines with the other filters', async () => {
    expect(await openAt('2021-11-24T10:00:00+09:00', `&organisationId=${f.current.orgs.city}`)).toEqual([ids.city]);
    expect(await openAt('2021-11-24T10:00:00+09:00', '&topic=women_general')).toEqual([]);
  });
});

describe('opening days', () => {
  const openingDays = (who: Who, id: string, query: string) => get(who, `${BASE}/${id}/opening-days?${query}`);

  it('the Saturday window opens on exactly 15 days, 75 hours, not on 2022-01-01', async () => {
    const res = await openingDays('staff', ids.saturday, 'from=2021-11-13&to=2022-02-26');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ windowId: ids.saturday, from: '2021-11-13', to: '2022-02-26' });
    expect(body.totalDays).toBe(15);
    expect(body.totalHours).toBe(75);
    const dates = body.days.map((d: { date: string }) => d.date);
    expect(dates).toHaveLength(15);
    expect(dates[0]).toBe('2021-11-13');
    expect(dates[14]).toBe('2022-02-26');
    expect(dates).not.toContain('2022-01-01');
    expect(body.days[0]).toEqual({
      date: '2021-11-13',
      weekday: 6,
      intervals: [{ opens: '10:00', closes: '15:00' }],
      openMinutes: 300,
    });
    // Asking for the whole fiscal year gives the same days: the period bounds them.
    const year = (await openingDays('staff', ids.saturday, 'from=2021-04-01&to=2022-03-31')).json();
    expect(year.totalDays).toBe(15);
  });

  it('skips a national holiday on a weekday', async () => {
    const body = (await openingDays('staff', ids.city, 'from=2021-11-22&to=2021-11-26')).json();
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      '2021-11-22',
      '2021-11-24',
      '2021-11-25',
      '2021-11-26',
    ]);
    expect(body.totalHours).toBe(4 * 8.5);
  });

  it('allows up to 400 days and refuses a longer, reversed or malformed range', async () => {
    expect((await openingDays('staff', ids.city, 'from=2021-01-01&to=2022-02-04')).statusCode).toBe(200);
    for (const query of [
      'from=2021-01-01&to=2022-02-05',
      'from=2021-11-30&to=2021-11-01',
      'from=2021-11-01',
      'to=2021-11-01',
      'from=2021-11-01&to=2021-13-01',
      'from=yesterday&to=today',
    ]) {
      expectProblem(await openingDays('staff', ids.city, query), 400, 'validation_failed');
    }
  });
});

describe('update', () => {
  it('needs If-Match: 428 without it, 412 when stale or malformed, and the row stays as it was', async () => {
    const before = (await get('staff', `${BASE}/${ids.city}`)).json();
    await expectNothingChanged(async () => {
      expectProblem(await patch('staff', ids.city, { name: '変更' }), 428, 'precondition_required');
      expectProblem(
        await patch('staff', ids.city, { name: '変更' }, { 'if-match': '"v0"' }),
        412,
        'precondition_failed',
      );
      expectProblem(
        await patch('staff', ids.city, { name: '変更' }, { 'if-match': 'yesterday' }),
        412,
        'precondition_failed',
      );
    });
    expect((await get('staff', `${BASE}/${ids.city}`)).json()).toEqual(before);
  });

  it('changes the fields sent, bumps the version and audits; the old ETag is then stale', async () => {
    const read = await get('staff', `${BASE}/${ids.partner}`);
    const etag = read.headers.etag as string;
    const audits = await auditCount('update');
    const res = await patch(
      'staff',
      ids.partner,
      { reservationNote: '電話で予約してください', schedule: weekdays('09:00', '17:00'), validTo: '2022-03-31' },
      { 'if-match': etag },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    const body = res.json() as ConsultationWindow;
    expect(body).toMatchObject({
      ...read.json(),
      reservationNote: '電話で予約してください',
      schedule: weekdays('09:00', '17:00'),
      validTo: '2022-03-31',
      version: 2,
      updatedAt: expect.any(String),
    });
    expect(await auditCount('update')).toBe(audits + 1);
    const [entry] = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ids.partner), eq(auditLog.action, 'update')));
    expect(entry?.details).toEqual({ fields: expect.arrayContaining(['reservationNote', 'schedule', 'validTo']) });
    expect(entry?.details?.fields).toHaveLength(3);
    expect(entry?.actorId).toBe(f.current.users.staff.id);

    const stale = await patch('staff', ids.partner, { name: '古い版からの変更' }, { 'if-match': etag });
    expectProblem(stale, 412, 'precondition_failed');
    expect((await get('staff', `${BASE}/${ids.partner}`)).json()).toEqual(body);

    // validTo back to open-ended.
    const reopened = await patch('admin', ids.partner, { validTo: null }, { 'if-match': '"v2"' });
    expect(reopened.json()).toMatchObject({ validTo: null, version: 3 });
  });

  it('an empty patch changes nothing', async () => {
    const read = await get('staff', `${BASE}/${ids.saturday}`);
    await expectNothingChanged(async () => {
      const res = await patch('staff', ids.saturday, {}, { 'if-match': read.headers.etag as string });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(read.json());
      expect(res.headers.etag).toBe(read.headers.etag);
    });
  });

  it('refuses bad patches with 400/404/422 and changes nothing', async () => {
    const read = await get('staff', `${BASE}/${ids.saturday}`);
    const ifMatch = { 'if-match': read.headers.etag as string };
    await expectNothingChanged(async () => {
      // Consistent alone, but before the stored validFrom (2021-11-13).
      const p1 = expectProblem(await patch('staff', ids.saturday, { validTo: '2021-11-01' }, ifMatch), 400);
      expect(p1.errors?.[0]?.path).toBe('body.validTo');
      const p2 = expectProblem(await patch('staff', ids.saturday, { validFrom: '2022-03-01' }, ifMatch), 400);
      expect(p2.errors?.[0]?.path).toBe('body.validFrom');
      expectProblem(
        await patch('staff', ids.saturday, { validFrom: '2022-03-01', validTo: '2022-02-01' }, ifMatch),
        400,
      );
      expectProblem(await patch('staff', ids.saturday, { id: randomUUID() }, ifMatch), 400, 'validation_failed');
      expectProblem(await patch('staff', ids.saturday, { version: 9 }, ifMatch), 400, 'validation_failed');
      expectProblem(await patch('staff', ids.saturday, { name: null }, ifMatch), 400, 'validation_failed');
      expectProblem(await patch('staff', ids.saturday, { womenOnly: 1 }, ifMatch), 400, 'validation_failed');
      expectProblem(
        await patch('staff', ids.saturday, { schedule: [{ weekday: 8, opens: '10:00', closes: '15:00' }] }, ifMatch),
        400,
        'validation_failed',
      );
      expectProblem(
        await patch('staff', ids.saturday, { schedule: [{ weekday: 6, opens: '10:00', closes: '25:00' }] }, ifMatch),
        400,
        'validation_failed',
      );
      expectProblem(
        await patch('staff', ids.saturday, { organisationId: randomUUID() }, ifMatch),
        422,
        'unknown_organisation',
      );
      expectProblem(
        await patch('staff', ids.saturday, '{"name":', { ...ifMatch, 'content-type': 'application/json' }),
        400,
        'malformed_json',
      );
      expectProblem(await patch('staff', randomUUID(), { name: 'x' }, ifMatch), 404, 'not_found');
      expectProblem(await patch('staff', 'nope', { name: 'x' }, ifMatch), 400, 'validation_failed');
    });
  });

  it('moves a window to another organisation', async () => {
    const res = await post('staff', weekdayWindow(f.current.orgs.city, '移管テスト'));
    const moved = await patch(
      'staff',
      res.json().id,
      { organisationId: f.current.orgs.otherPartner },
      { 'if-match': res.headers.etag as string },
    );
    expect(moved.json()).toMatchObject({ organisationId: f.current.orgs.otherPartner, organisationName: 'テスト商店' });
    await f.current.as('staff', { method: 'DELETE', url: `${BASE}/${res.json().id}` });
  });
});

describe('delete', () => {
  it('deletes and audits; a second delete is 404', async () => {
    const res = await post('staff', weekdayWindow(f.current.orgs.city, '削除テスト'));
    const id = res.json().id as string;
    const audits = await auditCount('delete');
    const del = await f.current.as('staff', { method: 'DELETE', url: `${BASE}/${id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect(await auditCount('delete')).toBe(audits + 1);
    expectProblem(await get('staff', `${BASE}/${id}`), 404, 'not_found');
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${BASE}/${id}` }), 404, 'not_found');
  });

  it('honours If-Match when sent, and refuses bad ids', async () => {
    await expectNothingChanged(async () => {
      expectProblem(
        await f.current.as('staff', { method: 'DELETE', url: `${BASE}/${ids.city}`, headers: { 'if-match': '"v9"' } }),
        412,
        'precondition_failed',
      );
      expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${BASE}/xyz` }), 400, 'validation_failed');
    });
    const res = await post('staff', weekdayWindow(f.current.orgs.city, '削除テスト2'));
    const del = await f.current.as('staff', {
      method: 'DELETE',
      url: `${BASE}/${res.json().id}`,
      headers: { 'if-match': '"v1"' },
    });
    expect(del.statusCode).toBe(204);
  });
});

describe('access', () => {
  it('answers 401 to anonymous callers on every route', async () => {
    await expectNothingChanged(async () => {
      for (const [method, url] of [
        ['GET', BASE],
        ['GET', `${BASE}/${ids.saturday}`],
        ['GET', `${BASE}/${ids.saturday}/opening-days?from=2021-11-13&to=2022-02-26`],
        ['POST', BASE],
        ['PATCH', `${BASE}/${ids.saturday}`],
        ['DELETE', `${BASE}/${ids.saturday}`],
      ] as const) {
        const payload = method === 'POST' ? saturdayWindow(f.current.orgs.city) : method === 'PATCH' ? {} : undefined;
        expectProblem(await f.current.as('anonymous', { method, url, payload }), 401, 'unauthenticated');
      }
      expectProblem(
        await f.current.app.inject({ method: 'GET', url: BASE, headers: { authorization: 'Bearer tsk_nope_nope' } }),
        401,
        'unauthenticated',
      );
    });
  });

  it('refuses partners and analysts on writes with 403, by session and by API key', async () => {
    const partnerKey = await f.current.apiKey('partner');
    const analystKey = await f.current.apiKey('analyst');
    await expectNothingChanged(async () => {
      for (const who of ['partner', 'analyst'] as const) {
        // Even the partner's own window, and even a well-formed request.
        expectProblem(await post(who, weekdayWindow(f.current.orgs.partner, '社協の新しい窓口')), 403, 'forbidden');
        expectProblem(await patch(who, ids.partner, { name: 'x' }, { 'if-match': '"v3"' }), 403, 'forbidden');
        expectProblem(await f.current.as(who, { method: 'DELETE', url: `${BASE}/${ids.partner}` }), 403, 'forbidden');
      }
      for (const headers of [partnerKey, analystKey]) {
        const res = await f.current.app.inject({
          method: 'POST',
          url: BASE,
          headers,
          payload: weekdayWindow(f.current.orgs.partner, '社協の新しい窓口'),
        });
        expectProblem(res, 403, 'forbidden');
        expectProblem(
          await f.current.app.inject({ method: 'DELETE', url: `${BASE}/${ids.partner}`, headers }),
          403,
          'forbidden',
        );
      }
    });
  });

  it('refuses a signed-in write without the CSRF header', async () => {
    const { cookie } = await f.current.session('staff');
    await expectNothingChanged(async () => {
      const res = await f.current.app.inject({
        method: 'POST',
        url: BASE,
        headers: { cookie: cookie as string },
        payload: weekdayWindow(f.current.orgs.city, 'CSRF'),
      });
      expectProblem(res, 403, 'csrf_failed');
    });
  });

  it('lets a partner list and read only the windows its organisation operates', async () => {
    const mine = await listAll('partner');
    expect(mine.map((w) => w.id)).toEqual([ids.partner]);
    expect(await listAll('partner', `&organisationId=${f.current.orgs.otherPartner}`)).toEqual([]);
    expect((await listAll('partner', `&organisationId=${f.current.orgs.partner}`)).map((w) => w.id)).toEqual([
      ids.partner,
    ]);
    expect(await listAll('partner', `&openAt=${encodeURIComponent('2021-11-12T15:30:00Z')}`)).toEqual([]);

    expect((await get('partner', `${BASE}/${ids.partner}`)).statusCode).toBe(200);
    const days = await get('partner', `${BASE}/${ids.partner}/opening-days?from=2021-11-22&to=2021-11-26`);
    expect(days.statusCode).toBe(200);
    // Another organisation's window is answered as if it did not exist.
    expectProblem(await get('partner', `${BASE}/${ids.other}`), 404, 'not_found');
    expectProblem(await get('partner', `${BASE}/${ids.saturday}`), 404, 'not_found');
    expectProblem(await get('partner', `${BASE}/${ids.other}/opening-days?from=2021-11-01&to=2021-11-30`), 404);
  });

  it('scopes a partner API key to its organisation', async () => {
    const key = await f.current.apiKey('partner', f.current.orgs.otherPartner);
    const list = await f.current.app.inject({ method: 'GET', url: BASE, headers: key });
    expect(list.json().items.map((w: ConsultationWindow) => w.id)).toEqual([ids.other]);
    const other = await f.current.app.inject({ method: 'GET', url: `${BASE}/${ids.partner}`, headers: key });
    expectProblem(other, 404, 'not_found');
  });

  it('lets analysts, staff and admins read every window', async () => {
    for (const who of ['analyst', 'staff', 'admin'] as const) {
      expect((await listAll(who)).length).toBe(4);
    }
    const key = await f.current.apiKey('analyst');
    const res = await f.current.app.inject({ method: 'GET', url: `${BASE}/${ids.other}`, headers: key });
    expect(res.statusCode).toBe(200);
  });
});

describe('openAt pagination over many candidates', () => {
  it('returns every open window exactly once, in order, when most candidates are closed at that hour', async () => {
    // 300 Saturday windows, a third open at 11:00: pages of 80 need more candidates than one SQL batch.
    const inputs = Array.from({ length: 300 }, (_, k) => ({
      name: `一括 ${String(k).padStart(3, '0')}`,
      topics: ['employment' as const],
      organisationId: f.current.orgs.city,
      place: 'どこか',
      channels: ['phone' as const],
      validFrom: '2021-04-01',
      schedule: [{ weekday: 6, opens: k % 3 === 0 ? '10:00' : '16:00', closes: k % 3 === 0 ? '15:00' : '17:00' }],
    }));
    await insertWindows(f.current.database.db, inputs);
    const expected = inputs.filter((_, k) => k % 3 === 0).map((w) => w.name);

    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        'staff',
        `${BASE}?topic=employment&limit=80&openAt=${encodeURIComponent('2021-11-13T11:00:00+09:00')}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = res.json() as { items: ConsultationWindow[]; nextCursor: string | null };
      names.push(...body.items.map((w) => w.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(names).toEqual(expected);
  });
});
