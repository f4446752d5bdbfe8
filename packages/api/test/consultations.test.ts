import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consultationWindows } from '../src/db/schema/index.ts';
import { auditEntries, consultationCount, insertWindow, standardWindows, valid } from './consultation-fixture.ts';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();
const url = '/api/v1/consultations';
let w: Awaited<ReturnType<typeof standardWindows>>;

beforeAll(async () => {
  w = await standardWindows(f.current);
});

async function create(payload: Record<string, unknown>, who: 'staff' | 'admin' = 'staff') {
  const res = await f.current.as(who, { method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(201);
  return { body: res.json(), etag: res.headers.etag as string };
}

describe('consultations: recording', () => {
  it('records an anonymous consultation with every field and reads it back', async () => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url,
      payload: valid(w.city, {
        topics: ['women_general', 'domestic_violence'],
        referralSource: 'guidance_card',
        cardCode: 'otr-fuk',
        ageBand: '30s',
        isRepeat: true,
        referredToWindowId: w.partner,
        referredToExternal: '法テラス小樽',
        followUpNeeded: true,
        note: '次回は予約のうえ来所予定。2021-11-26 10:00に再来所、交通費1,000円。',
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      windowId: w.city,
      windowName: 'テスト女性相談室',
      occurredAt: '2021-11-19T01:30:00.000Z',
      channel: 'in_person',
      topics: ['women_general', 'domestic_violence'],
      referralSource: 'guidance_card',
      cardCode: 'OTR-FUK',
      ageBand: '30s',
      isRepeat: true,
      referredToWindowId: w.partner,
      referredToWindowName: 'テスト社協 相談窓口',
      referredToExternal: '法テラス小樽',
      followUpNeeded: true,
      outsideOpeningHours: false,
      madeUp: false,
      recordedBy: { type: 'user', id: f.current.users.staff.id },
      version: 1,
    });
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`${url}/${c.id}`);
    // No field for a person, by construction.
    for (const field of ['name', 'address', 'phone', 'email']) expect(c).not.toHaveProperty(field);

    const read = await f.current.as('admin', { method: 'GET', url: `${url}/${c.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(c);
    expect(read.headers.etag).toBe('"v1"');
  });

  it('fills the defaults of a quick entry', async () => {
    const { body } = await create(valid(w.city));
    expect(body).toMatchObject({
      referralSource: 'unknown',
      cardCode: null,
      ageBand: null,
      isRepeat: false,
      referredToWindowId: null,
      referredToExternal: null,
      followUpNeeded: false,
      note: null,
    });
  });

  it('accepts a consultation outside the opening hours and flags it', async () => {
    const evening = await create(valid(w.city, { occurredAt: '2021-11-19T18:15:00+09:00', channel: 'phone' }));
    expect(evening.body.outsideOpeningHours).toBe(true);
    // 09:00 Tokyo is 00:00 UTC: the schedule is read in Asia/Tokyo.
    const opening = await create(valid(w.city, { occurredAt: '2021-11-19T00:00:00Z' }));
    expect(opening.body.outsideOpeningHours).toBe(false);
    // A Saturday at a weekday window, and a national holiday (2021-11-23, 勤労感謝の日).
    const saturday = await create(valid(w.city, { occurredAt: '2021-11-20T11:00:00+09:00' }));
    expect(saturday.body.outsideOpeningHours).toBe(true);
    const holiday = await create(valid(w.city, { occurredAt: '2021-11-23T11:00:00+09:00' }));
    expect(holiday.body.outsideOpeningHours).toBe(true);
  });

  it('audits every change without the note', async () => {
    const { body } = await create(valid(w.city, { note: '制度の案内のみで終了' }));
    const [entry] = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'create'), eq(auditLog.entityId, body.id)));
    expect(entry).toMatchObject({ entityType: 'consultation', actorId: f.current.users.staff.id });
    expect(JSON.stringify(entry?.details)).not.toContain('制度');
  });

  it('a retried partner write with the same Idempotency-Key stores one consultation', async () => {
    const key = await f.current.apiKey('partner');
    const before = await consultationCount(f.current);
    const send = () =>
      f.current.app.inject({
        method: 'POST',
        url,
        headers: { ...key, 'idempotency-key': 'a3c1f0e2-retry' },
        payload: valid(w.partner),
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await consultationCount(f.current)).toBe(before + 1);
  });
});

describe('consultations: access', () => {
  it('answers 401 without credentials, on every route', async () => {
    const id = (await create(valid(w.city))).body.id;
    for (const [method, path] of [
      ['GET', url],
      ['GET', `${url}/${id}`],
      ['POST', url],
      ['PATCH', `${url}/${id}`],
      ['DELETE', `${url}/${id}`],
    ] as const) {
      const res = await f.current.app.inject({
        method,
        url: path,
        payload: method === 'POST' ? valid(w.city) : undefined,
      });
      expectProblem(res, 401, 'unauthenticated');
    }
  });

  it('refuses analysts every record-level route', async () => {
    const { body, etag } = await create(valid(w.city));
    const before = await consultationCount(f.current);
    const key = await f.current.apiKey('analyst');
    const attempts = [
      { method: 'GET', url },
      { method: 'GET', url: `${url}/${body.id}` },
      { method: 'POST', url, payload: valid(w.city) },
      { method: 'PATCH', url: `${url}/${body.id}`, headers: { 'if-match': etag }, payload: { isRepeat: true } },
      { method: 'DELETE', url: `${url}/${body.id}` },
    ] as const;
    for (const attempt of attempts) {
      expectProblem(await f.current.as('analyst', attempt), 403, 'forbidden');
      expectProblem(
        await f.current.app.inject({
          ...attempt,
          headers: { ...('headers' in attempt ? attempt.headers : {}), ...key },
        }),
        403,
        'forbidden',
      );
    }
    expect(await consultationCount(f.current)).toBe(before);
  });

  it("lets a partner's key record at its own window and nowhere else", async () => {
    const key = await f.current.apiKey('partner');
    const own = await f.current.app.inject({ method: 'POST', url, headers: key, payload: valid(w.partner) });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().recordedBy).toMatchObject({ type: 'api_key' });

    const before = await consultationCount(f.current);
    for (const windowId of [w.other, w.city]) {
      const res = await f.current.app.inject({ method: 'POST', url, headers: key, payload: valid(windowId) });
      expectProblem(res, 403, 'forbidden');
    }
    // The same for a signed-in partner user.
    expectProblem(await f.current.as('partner', { method: 'POST', url, payload: valid(w.other) }), 403, 'forbidden');
    expect(await consultationCount(f.current)).toBe(before);
    const session = await f.current.as('partner', { method: 'POST', url, payload: valid(w.partner) });
    expect(session.statusCode).toBe(201);
  });

  it("lets a partner read only its own organisation's windows' records", async () => {
    const mine = await create(valid(w.partner, { occurredAt: '2021-12-01T10:00:00+09:00' }));
    const theirs = await create(valid(w.other, { occurredAt: '2021-12-01T10:00:00+09:00' }));
    const cityOne = await create(valid(w.city, { occurredAt: '2021-12-01T10:00:00+09:00' }));

    const list = await f.current.as('partner', { method: 'GET', url: `${url}?from=2021-12-01&to=2021-12-01` });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
    expect(ids).not.toContain(cityOne.body.id);
    expect(list.json().items.every((c: { windowId: string }) => c.windowId === w.partner)).toBe(true);

    expect((await f.current.as('partner', { method: 'GET', url: `${url}/${mine.body.id}` })).statusCode).toBe(200);
    expectProblem(await f.current.as('partner', { method: 'GET', url: `${url}/${theirs.body.id}` }), 404, 'not_found');
    expectProblem(
      await f.current.as('partner', { method: 'GET', url: `${url}?windowId=${w.other}` }),
      403,
      'forbidden',
    );

    // Staff see everything.
    const all = await f.current.as('staff', { method: 'GET', url: `${url}?from=2021-12-01&to=2021-12-01` });
    expect(all.json().items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([mine.body.id, theirs.body.id, cityOne.body.id]),
    );
  });

  it('lets only staff and admins change or delete', async () => {
    const { body, etag } = await create(valid(w.partner));
    const key = await f.current.apiKey('partner');
    expectProblem(
      await f.current.app.inject({
        method: 'PATCH',
        url: `${url}/${body.id}`,
        headers: { ...key, 'if-match': etag },
        payload: { isRepeat: true },
      }),
      403,
      'forbidden',
    );
    expectProblem(await f.current.as('partner', { method: 'DELETE', url: `${url}/${body.id}` }), 403, 'forbidden');
    const read = await f.current.as('staff', { method: 'GET', url: `${url}/${body.id}` });
    expect(read.json().isRepeat).toBe(false);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await f.current.session('staff');
    const before = await consultationCount(f.current);
    const res = await f.current.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie as string },
      payload: valid(w.city),
    });
    expectProblem(res, 403, 'csrf_failed');
    expect(await consultationCount(f.current)).toBe(before);
  });
});

describe('consultations: read auditing', () => {
  it('writes who read which list, with the filter', async () => {
    const before = (await auditEntries(f.current, 'read')).length;
    const res = await f.current.as('staff', {
      method: 'GET',
      url: `${url}?windowId=${w.city}&from=2021-11-01&to=2021-11-30&channel=phone&limit=5`,
    });
    expect(res.statusCode).toBe(200);
    const reads = await auditEntries(f.current, 'read');
    expect(reads).toHaveLength(before + 1);
    const entry = reads.find((r) => (r.details as { filter?: { channel?: string } })?.filter?.channel === 'phone');
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: f.current.users.staff.id,
      entityType: 'consultation',
      entityId: null,
      details: {
        filter: { windowId: w.city, from: '2021-11-01', to: '2021-11-30', channel: 'phone', limit: 5 },
        count: res.json().items.length,
      },
    });
  });

  it('writes who read which record, also for a partner key', async () => {
    const { body } = await create(valid(w.partner));
    const key = await f.current.apiKey('partner');
    const res = await f.current.app.inject({ method: 'GET', url: `${url}/${body.id}`, headers: key });
    expect(res.statusCode).toBe(200);
    const reads = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'read'), eq(auditLog.entityId, body.id)));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorType: 'api_key', entityType: 'consultation' });
  });
});

describe('consultations: list filters and keyset pagination', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    const make = async (key: string, at: string, extra: Record<string, unknown> = {}) =>
      [key, (await create(valid(w.saturday, { occurredAt: at, ...extra }))).body.id as string] as const;
    ids = Object.fromEntries([
      await make('sat-1', '2022-02-05T10:30:00+09:00', { channel: 'phone', referralSource: 'flyer' }),
      await make('sat-2', '2022-02-05T14:59:00+09:00', { topics: ['women_general', 'employment'] }),
      // 23:30 in Tokyo on the 12th is 14:30 UTC the same day; 00:10 on the 13th is still the 12th in UTC.
      await make('late', '2022-02-12T23:30:00+09:00', { referralSource: 'flyer' }),
      await make('midnight', '2022-02-13T00:10:00+09:00', { channel: 'phone' }),
      await make('same-time-a', '2022-02-19T11:00:00+09:00'),
      await make('same-time-b', '2022-02-19T11:00:00+09:00'),
    ]);
  });

  const list = async (query: string) => {
    const res = await f.current.as('staff', { method: 'GET', url: `${url}?windowId=${w.saturday}&${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; occurredAt: string }[]; nextCursor: string | null };
  };

  it('filters by Tokyo calendar dates, inclusive', async () => {
    const day12 = await list('from=2022-02-12&to=2022-02-12');
    expect(day12.items.map((c) => c.id)).toEqual([ids.late]);
    const day13 = await list('from=2022-02-13&to=2022-02-13');
    expect(day13.items.map((c) => c.id)).toEqual([ids.midnight]);
  });

  it('filters by channel, topic and referral source', async () => {
    expect((await list('channel=phone')).items.map((c) => c.id).sort()).toEqual([ids.midnight, ids['sat-1']].sort());
    expect((await list('topic=employment')).items.map((c) => c.id)).toEqual([ids['sat-2']]);
    expect((await list('referralSource=flyer')).items.map((c) => c.id).sort()).toEqual([ids.late, ids['sat-1']].sort());
  });

  it('walks every record once, newest first, also through equal times', async () => {
    const all = await list('limit=500');
    expect(all.items).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c) => c.id));
    const times = all.items.map((c) => c.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers bad filters and cursors with 400', async () => {
    for (const query of [
      'from=2022-02-30',
      'from=2022-03-01&to=2022-02-01',
      'channel=fax',
      'topic=gossip',
      'referralSource=rumour',
      'windowId=not-a-uuid',
      'limit=0',
      'limit=501',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from(JSON.stringify(['2022-02-30 10:00:00+00', 'x'])).toString('base64url')}`,
      'unknownFilter=1',
    ]) {
      const res = await f.current.as('staff', { method: 'GET', url: `${url}?${query}` });
      if (query === 'unknownFilter=1') {
        // Unknown query parameters are ignored, as everywhere in the API.
        expect(res.statusCode).toBe(200);
        continue;
      }
      expectProblem(res, 400, 'validation_failed');
    }
  });
});

describe('consultations: bad input stores nothing', () => {
  const without = (field: string) => {
    const payload: Record<string, unknown> = valid(w.city);
    delete payload[field];
    return payload;
  };
  it.each([
    ['missing window', () => without('windowId')],
    ['missing time', () => without('occurredAt')],
    ['missing topics', () => without('topics')],
    ['a name field', () => valid(w.city, { name: '山田花子' })],
    ['a phone field', () => valid(w.city, { phone: '090-2500-9863' })],
    ['an e-mail field', () => valid(w.city, { email: 'a@example.jp' })],
    ['an address field', () => valid(w.city, { address: '小樽市' })],
    ['wrong channel', () => valid(w.city, { channel: 'fax' })],
    ['no topics', () => valid(w.city, { topics: [] })],
    ['a topic twice', () => valid(w.city, { topics: ['other', 'other'] })],
    ['unknown topic', () => valid(w.city, { topics: ['gossip'] })],
    ['topics not an array', () => valid(w.city, { topics: 'other' })],
    ['time without offset', () => valid(w.city, { occurredAt: '2021-11-19T10:30:00' })],
    ['time not a time', () => valid(w.city, { occurredAt: 'yesterday' })],
    ['time in the future', () => valid(w.city, { occurredAt: '2999-01-01T10:00:00+09:00' })],
    ['time before 2000', () => valid(w.city, { occurredAt: '1999-12-31T10:00:00+09:00' })],
    ['bad window id', () => valid('window-1')],
    ['wrong age band', () => valid(w.city, { ageBand: '15s' })],
    ['wrong referral source', () => valid(w.city, { referralSource: 'rumour' })],
    ['isRepeat as a string', () => valid(w.city, { isRepeat: 'yes' })],
    ['a card code with spaces', () => valid(w.city, { cardCode: 'OTR FUK' })],
    ['a note too long', () => valid(w.city, { note: 'あ'.repeat(501) })],
    ['a note with NUL', () => valid(w.city, { note: 'a\u0000b' })],
    ['an empty note', () => valid(w.city, { note: '   ' })],
    ['an external body with a line break', () => valid(w.city, { referredToExternal: '法テラス\n小樽' })],
    ['referred to the same window', () => valid(w.city, { referredToWindowId: w.city })],
  ])('%s → 400', async (_label, payload) => {
    const before = await consultationCount(f.current);
    const res = await f.current.as('staff', { method: 'POST', url, payload: payload() });
    expectProblem(res, 400, 'validation_failed');
    expect(await consultationCount(f.current)).toBe(before);
  });

  it('answers malformed JSON, a non-JSON body and a body that is not an object with 4xx', async () => {
    const before = await consultationCount(f.current);
    const session = await f.current.session('staff');
    expectProblem(
      await f.current.app.inject({
        method: 'POST',
        url,
        headers: { ...session, 'content-type': 'application/json' },
        payload: '{"windowId": ',
      }),
      400,
      'malformed_json',
    );
    const text = await f.current.app.inject({
      method: 'POST',
      url,
      headers: { ...session, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBeGreaterThanOrEqual(400);
    expect(text.statusCode).toBeLessThan(500);
    expectProblem(await f.current.as('staff', { method: 'POST', url, payload: [valid(w.city)] }), 400);
    expect(await consultationCount(f.current)).toBe(before);
  });

  it('answers an unknown window or referral window with 422 unknown_window', async () => {
    const before = await consultationCount(f.current);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const a = expectProblem(
      await f.current.as('staff', { method: 'POST', url, payload: valid(ghost) }),
      422,
      'unknown_window',
    );
    expect(a.errors).toEqual([{ path: 'body.windowId', message: expect.any(String) }]);
    const b = expectProblem(
      await f.current.as('staff', { method: 'POST', url, payload: valid(w.city, { referredToWindowId: ghost }) }),
      422,
      'unknown_window',
    );
    expect(b.errors?.[0]?.path).toBe('body.referredToWindowId');
    expect(await consultationCount(f.current)).toBe(before);
  });
});

describe('consultations: changing and deleting', () => {
  it('updates with If-Match, recomputes the flag and audits the fields, not their content', async () => {
    const { body, etag } = await create(valid(w.city));
    const res = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${body.id}`,
      headers: { 'if-match': etag },
      payload: { occurredAt: '2021-11-19T19:00:00+09:00', note: '電話で後日折り返し', channel: 'phone' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: body.id,
      version: 2,
      channel: 'phone',
      note: '電話で後日折り返し',
      outsideOpeningHours: true,
      occurredAt: '2021-11-19T10:00:00.000Z',
    });
    expect(res.headers.etag).toBe('"v2"');
    const [entry] = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'update'), eq(auditLog.entityId, body.id)));
    expect(entry?.details).toEqual({ fields: ['channel', 'note', 'occurredAt'] });

    const moved = await f.current.as('admin', {
      method: 'PATCH',
      url: `${url}/${body.id}`,
      headers: { 'if-match': '"v2"' },
      payload: { windowId: w.saturday, occurredAt: '2022-02-05T11:00:00+09:00' },
    });
    expect(moved.json()).toMatchObject({ windowId: w.saturday, outsideOpeningHours: false, version: 3 });
  });

  it('keeps the flag as recorded when only other fields change, even after the schedule changed', async () => {
    const windowId = await insertWindow(f.current, {
      name: 'テスト時間変更のある窓口',
      organisationId: f.current.orgs.city,
    });
    const { body, etag } = await create(valid(windowId, { occurredAt: '2021-11-19T10:00:00+09:00' }));
    expect(body.outsideOpeningHours).toBe(false);
    await f.current.database.db
      .update(consultationWindows)
      .set({ schedule: [{ weekday: 5, opens: '13:00', closes: '17:00' }] })
      .where(eq(consultationWindows.id, windowId));
    const noted = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${body.id}`,
      headers: { 'if-match': etag },
      payload: { note: '継続して相談を受ける' },
    });
    expect(noted.json()).toMatchObject({ outsideOpeningHours: false, version: 2 });
    const moved = await f.current.as('staff', {
      method: 'PATCH',
      url: `${url}/${body.id}`,
      headers: { 'if-match': '"v2"' },
      payload: { occurredAt: '2021-11-19T10:05:00+09:00' },
    });
    expect(moved.json()).toMatchObject({ outsideOpeningHours: true, version: 3 });
  });

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const { body } = await create(valid(w.city));
    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url: `${url}/${body.id}`, payload: { isRepeat: true } }),
      428,
      'precondition_required',
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${url}/${body.id}`,
        headers: { 'if-match': '"v7"' },
        payload: { isRepeat: true },
      }),
      412,
      'precondition_failed',
    );
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: `${url}/${body.id}`,
        headers: { 'if-match': 'garbage' },
        payload: { isRepeat: true },
      }),
      412,
      'precondition_failed',
    );
    const read = await f.current.as('staff', { method: 'GET', url: `${url}/${body.id}` });
    expect(read.json()).toMatchObject({ isRepeat: false, version: 1 });
  });

  it('refuses bad changes, changing nothing', async () => {
    const { body, etag } = await create(valid(w.city, { note: '継続して相談を受ける' }));
    const patch = (payload: unknown, id = body.id) =>
      f.current.as('staff', {
        method: 'PATCH',
        url: `${url}/${id}`,
        headers: { 'if-match': etag },
        payload: payload as object,
      });
    expectProblem(await patch({}), 400, 'validation_failed');
    expectProblem(await patch({ name: '山田' }), 400, 'validation_failed');
    expectProblem(await patch({ topics: [] }), 400, 'validation_failed');
    expectProblem(await patch({ occurredAt: '2999-01-01T00:00:00Z' }), 400, 'validation_failed');
    expectProblem(await patch({ referredToWindowId: w.city }), 400, 'validation_failed');
    expectProblem(await patch({ note: '090-2500-9863' }), 422, 'personal_data_detected');
    expectProblem(await patch({ windowId: '00000000-0000-4000-8000-000000000000' }), 422, 'unknown_window');
    expectProblem(await patch({ isRepeat: true }, 'not-a-uuid'), 400, 'validation_failed');
    expectProblem(await patch({ isRepeat: true }, '00000000-0000-4000-8000-000000000001'), 404, 'not_found');
    const read = await f.current.as('staff', { method: 'GET', url: `${url}/${body.id}` });
    expect(read.json()).toMatchObject({ note: '継続して相談を受ける', version: 1 });
  });

  it('deletes, audits the deletion, then answers 404', async () => {
    const { body } = await create(valid(w.city));
    const before = await consultationCount(f.current);
    const res = await f.current.as('admin', { method: 'DELETE', url: `${url}/${body.id}` });
    expect(res.statusCode).toBe(204);
    expect(await consultationCount(f.current)).toBe(before - 1);
    const [entry] = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'delete'), eq(auditLog.entityId, body.id)));
    expect(entry).toMatchObject({ entityType: 'consultation', details: { windowId: w.city } });
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${url}/${body.id}` }), 404, 'not_found');
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${url}/${body.id}` }), 404, 'not_found');
    expectProblem(
      await f.current.as('staff', { method: 'DELETE', url: `${url}/not-a-uuid` }),
      400,
      'validation_failed',
    );
  });
});
