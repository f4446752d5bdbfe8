import type { PublicTrainingEvent, TrainingEvent, TrainingTicket } from '@tsunagari/shared';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import { auditLog, trainingEvents } from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';
import {
  createEvent,
  daysFromNow,
  EVENTS,
  eventBody,
  person,
  readEvent,
  register,
  registrations,
} from './training-fixture.ts';

const f = useFixture();
const PUBLIC = '/api/v1/public';

async function countEvents() {
  return (await f.current.database.db.select({ id: trainingEvents.id }).from(trainingEvents)).length;
}

const patch = (id: string, etag: string | undefined, payload: unknown) =>
  f.current.as('staff', {
    method: 'PATCH',
    url: `${EVENTS}/${id}`,
    headers: etag ? { 'if-match': etag } : {},
    payload: payload as object,
  });

describe('training events', () => {
  it('creates an event with seats per mode, its fiscal year and an ETag, and audits it', async () => {
    const res = await f.current.as('staff', {
      method: 'POST',
      url: EVENTS,
      payload: eventBody({
        startsAt: '2022-02-01T13:30:00+09:00',
        endsAt: '2022-02-01T16:00:00+09:00',
        venueCapacity: 28,
        onlineCapacity: 8,
        intendedAudiences: ['minsei_jido_iin', 'teacher'],
        lecturer: '講師 テスト',
        status: undefined,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
    const event: TrainingEvent = res.json();
    expect(event).toMatchObject({
      status: 'draft',
      fiscalYear: 2021,
      venueCapacity: 28,
      onlineCapacity: 8,
      onlineJoinDetails: 'https://meet.example/abc 会議ID 123',
      publicRegistrationToken: null,
      checkedIn: 0,
      contactDetailsPurgedAt: null,
      intendedAudiences: ['minsei_jido_iin', 'teacher'],
    });
    expect(event.seats).toEqual([
      { mode: 'venue', capacity: 28, confirmed: 0, waitlisted: 0, remaining: 28 },
      { mode: 'online', capacity: 8, confirmed: 0, waitlisted: 0, remaining: 8 },
    ]);
    const audit = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'training_event'), eq(auditLog.entityId, event.id)));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('derives the fiscal year in Asia/Tokyo (April to March)', async () => {
    const fy = async (startsAt: string) => {
      const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
      return (await createEvent(f.current, { startsAt, endsAt })).fiscalYear;
    };
    expect(await fy('2021-11-19T14:00:00+09:00')).toBe(2021);
    expect(await fy('2022-03-31T23:30:00+09:00')).toBe(2021);
    // 15:30 UTC on 31 March is already 1 April in Tokyo.
    expect(await fy('2022-03-31T15:30:00Z')).toBe(2022);
    expect(await fy('2021-04-01T00:00:00+09:00')).toBe(2021);
  });

  it('answers every bad event with 400 and stores nothing', async () => {
    const before = await countEvents();
    const bad: [string, unknown][] = [
      ['missing title', eventBody({ title: undefined })],
      ['blank title', eventBody({ title: '   ' })],
      ['end before start', eventBody({ endsAt: daysFromNow(29) })],
      ['end equals start', eventBody({ endsAt: eventBody().startsAt })],
      ['longer than a month', eventBody({ endsAt: daysFromNow(70) })],
      ['no offset', eventBody({ startsAt: '2030-01-01T10:00:00' })],
      ['not a date', eventBody({ startsAt: 'tomorrow' })],
      ['before 2000', eventBody({ startsAt: '1999-12-31T10:00:00+09:00', endsAt: '1999-12-31T12:00:00+09:00' })],
      ['negative capacity', eventBody({ venueCapacity: -1 })],
      ['fractional capacity', eventBody({ onlineCapacity: 1.5 })],
      ['capacity as text', eventBody({ venueCapacity: '28' })],
      ['huge capacity', eventBody({ venueCapacity: 10_001 })],
      ['unknown status', eventBody({ status: 'finished' })],
      ['unknown audience', eventBody({ intendedAudiences: ['mayor'] })],
      ['audience twice', eventBody({ intendedAudiences: ['teacher', 'teacher'] })],
      ['unknown field', eventBody({ fiscalYear: 2021 })],
      ['read-only field', eventBody({ publicRegistrationToken: 'mine' })],
      ['token flag as text', eventBody({ publicRegistration: 'yes' })],
    ];
    for (const [what, payload] of bad) {
      const res = await f.current.as('staff', { method: 'POST', url: EVENTS, payload: payload as object });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expectProblem(res, 400, 'validation_failed');
    }
    expectProblem(
      await f.current.as('staff', {
        method: 'POST',
        url: EVENTS,
        headers: { 'content-type': 'application/json' },
        payload: '{"title": "x",',
      }),
      400,
      'malformed_json',
    );
    expect(await countEvents()).toBe(before);
  });

  it('reads, lists with filters and pages, and answers unknown ids with 404', async () => {
    const a = await createEvent(f.current, {
      title: '一覧 A',
      startsAt: '2031-05-10T10:00:00+09:00',
      endsAt: '2031-05-10T12:00:00+09:00',
    });
    const b = await createEvent(f.current, {
      title: '一覧 B',
      startsAt: '2031-06-10T10:00:00+09:00',
      endsAt: '2031-06-10T12:00:00+09:00',
      status: 'closed',
    });
    const c = await createEvent(f.current, {
      title: '一覧 C',
      startsAt: '2032-01-10T10:00:00+09:00',
      endsAt: '2032-01-10T12:00:00+09:00',
    });
    const list = async (q: string) => {
      const res = await f.current.as('staff', { method: 'GET', url: `${EVENTS}?${q}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: TrainingEvent[]; nextCursor: string | null };
    };
    expect((await list('fiscalYear=2031')).items.map((e) => e.title)).toEqual(['一覧 C', '一覧 B', '一覧 A']);
    expect((await list('fiscalYear=2031&order=asc')).items.map((e) => e.id)).toEqual([a.id, b.id, c.id]);
    expect((await list('fiscalYear=2031&status=closed')).items.map((e) => e.id)).toEqual([b.id]);
    expect((await list('from=2031-06-10&to=2031-06-10')).items.map((e) => e.id)).toEqual([b.id]);
    expect((await list('q=一覧&order=asc&from=2031-01-01')).items.map((e) => e.id)).toEqual([a.id, b.id, c.id]);
    const first = await list('fiscalYear=2031&order=asc&limit=2');
    expect(first.items.map((e) => e.id)).toEqual([a.id, b.id]);
    const second = await list(`fiscalYear=2031&order=asc&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.id)).toEqual([c.id]);
    expect(second.nextCursor).toBeNull();
    for (const q of ['limit=0', 'cursor=nonsense', 'fiscalYear=abc', 'status=done', 'order=up', 'from=2031-02-30']) {
      expectProblem(await f.current.as('staff', { method: 'GET', url: `${EVENTS}?${q}` }), 400, 'validation_failed');
    }
    const one = await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${a.id}` });
    expect(one.headers.etag).toBe('"v1"');
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${crypto.randomUUID()}` }),
      404,
      'not_found',
    );
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${EVENTS}/123` }), 400, 'validation_failed');
  });

  it('updates with If-Match only, and checks times against the stored values', async () => {
    const event = await createEvent(f.current);
    expectProblem(await patch(event.id, undefined, { title: 'x' }), 428, 'precondition_required');
    expectProblem(await patch(event.id, '"v9"', { title: 'x' }), 412, 'precondition_failed');
    expectProblem(await patch(event.id, 'garbage', { title: 'x' }), 412, 'precondition_failed');
    expectProblem(await patch(event.id, event.etag, { endsAt: daysFromNow(29) }), 400, 'validation_failed');
    expectProblem(await patch(event.id, event.etag, { startsAt: daysFromNow(31) }), 400, 'validation_failed');
    expectProblem(await patch(event.id, event.etag, { venueCapacity: -3 }), 400, 'validation_failed');
    expectProblem(await patch(event.id, event.etag, { nope: true }), 400, 'validation_failed');
    expectProblem(await patch(crypto.randomUUID(), event.etag, { title: 'x' }), 404, 'not_found');
    expect((await readEvent(f.current, event.id)).version).toBe(1);

    const ok = await patch(event.id, event.etag, {
      title: '変更後',
      startsAt: '2032-04-01T10:00:00+09:00',
      endsAt: '2032-04-01T12:00:00+09:00',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json()).toMatchObject({ title: '変更後', fiscalYear: 2032, version: 2 });
    expectProblem(await patch(event.id, event.etag, { title: 'lost update' }), 412, 'precondition_failed');
    expect((await readEvent(f.current, event.id)).title).toBe('変更後');
  });

  it('follows the status rules: cancelled is final', async () => {
    const event = await createEvent(f.current, { status: 'draft' });
    const toOpen = await patch(event.id, event.etag, { status: 'open' });
    expect(toOpen.statusCode).toBe(200);
    const toHeld = await patch(event.id, String(toOpen.headers.etag), { status: 'held' });
    expect(toHeld.json().status).toBe('held');
    expectProblem(await patch(event.id, String(toHeld.headers.etag), { status: 'draft' }), 409, 'invalid_transition');
    const toClosed = await patch(event.id, String(toHeld.headers.etag), { status: 'closed' });
    const toCancelled = await patch(event.id, String(toClosed.headers.etag), { status: 'cancelled' });
    expect(toCancelled.json().status).toBe('cancelled');
    expectProblem(
      await patch(event.id, String(toCancelled.headers.etag), { status: 'open' }),
      409,
      'invalid_transition',
    );
    expect((await readEvent(f.current, event.id)).status).toBe('cancelled');
  });

  it('gives and withdraws the public registration link', async () => {
    const event = await createEvent(f.current);
    expect(event.publicRegistrationToken).toBeNull();
    const on = await patch(event.id, event.etag, { publicRegistration: true });
    const token = on.json().publicRegistrationToken as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    const again = await patch(event.id, String(on.headers.etag), { publicRegistration: true });
    expect(again.json().publicRegistrationToken).toBe(token);
    const off = await patch(event.id, String(again.headers.etag), { publicRegistration: false });
    expect(off.json().publicRegistrationToken).toBeNull();
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-events/${token}` }), 404);
  });

  it('deletes an event nobody attended; one with a check-in can only be cancelled', async () => {
    const empty = await createEvent(f.current);
    await register(f.current, empty.id);
    const del = await f.current.as('staff', { method: 'DELETE', url: `${EVENTS}/${empty.id}` });
    expect(del.statusCode, del.body).toBe(204);
    expectProblem(await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${empty.id}` }), 404);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: `${EVENTS}/${empty.id}` }), 404);

    const held = await createEvent(f.current);
    const a = await register(f.current, held.id);
    await f.current.as('staff', { method: 'POST', url: `${EVENTS}/${held.id}/registrations/${a.id}/check-in` });
    expectProblem(
      await f.current.as('staff', { method: 'DELETE', url: `${EVENTS}/${held.id}` }),
      409,
      'has_attendance',
    );
    expect(await registrations(f.current, held.id)).toHaveLength(1);
    const cancelled = await patch(held.id, held.etag, { status: 'cancelled' });
    expect(cancelled.statusCode).toBe(200);
  });
});

describe('access to training events', () => {
  it('lets staff and admins read and write; partners and analysts get 403, strangers 401', async () => {
    const event = await createEvent(f.current);
    const partnerKey = await f.current.apiKey('partner');
    const analystKey = await f.current.apiKey('analyst');
    const calls: InjectOptions[] = [
      { method: 'GET' as const, url: EVENTS },
      { method: 'POST' as const, url: EVENTS, payload: eventBody() },
      { method: 'GET' as const, url: `${EVENTS}/${event.id}` },
      {
        method: 'PATCH' as const,
        url: `${EVENTS}/${event.id}`,
        headers: { 'if-match': event.etag },
        payload: { title: 'x' },
      },
      { method: 'DELETE' as const, url: `${EVENTS}/${event.id}` },
      { method: 'POST' as const, url: `${EVENTS}/purge-contact-details` },
    ];
    const before = await countEvents();
    for (const call of calls) {
      expectProblem(await f.current.as('anonymous', call), 401, 'unauthenticated');
      expectProblem(await f.current.as('partner', call), 403, 'forbidden');
      expectProblem(await f.current.as('analyst', call), 403, 'forbidden');
      expectProblem(
        await f.current.app.inject({ ...call, headers: { ...(call.headers ?? {}), ...partnerKey } }),
        403,
        'forbidden',
      );
      expectProblem(
        await f.current.app.inject({ ...call, headers: { ...(call.headers ?? {}), ...analystKey } }),
        403,
        'forbidden',
      );
    }
    expect(await countEvents()).toBe(before);
    expect((await readEvent(f.current, event.id)).title).toBe(event.title);
    // Running the purge is for admins.
    expectProblem(await f.current.as('staff', { method: 'POST', url: `${EVENTS}/purge-contact-details` }), 403);
    const admin = await f.current.as('admin', { method: 'POST', url: `${EVENTS}/purge-contact-details` });
    expect(admin.statusCode, admin.body).toBe(200);
    const adminCreate = await f.current.as('admin', { method: 'POST', url: EVENTS, payload: eventBody() });
    expect(adminCreate.statusCode).toBe(201);
  });
});

describe('public registration link', () => {
  it('shows the event and seats left per mode, never the online join details', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2, onlineCapacity: 1, publicRegistration: true });
    await register(f.current, event.id, { mode: 'online' });
    const res = await f.current.app.inject({
      method: 'GET',
      url: `${PUBLIC}/training-events/${event.publicRegistrationToken}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body: PublicTrainingEvent = res.json();
    expect(body).toMatchObject({ title: event.title, registrationOpen: true, status: 'open' });
    expect(body.seats).toEqual([
      { mode: 'venue', offered: true, capacity: 2, remaining: 2 },
      { mode: 'online', offered: true, capacity: 1, remaining: 0 },
    ]);
    expect(res.body).not.toContain('meet.example');
    expect(res.body).not.toContain('onlineJoinDetails');

    const draft = await createEvent(f.current, { status: 'draft', publicRegistration: true });
    expectProblem(
      await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-events/${draft.publicRegistrationToken}` }),
      404,
    );
    expectProblem(
      await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-events/${'a'.repeat(32)}` }),
      404,
    );
    expectProblem(await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-events/bad!token` }), 400);
  });

  it('registers invitees, hands out a ticket, and shows join details only to confirmed online registrants', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1, publicRegistration: true });
    const url = `${PUBLIC}/training-registrations/${event.publicRegistrationToken}`;
    const send = (payload: unknown) => f.current.app.inject({ method: 'POST', url, payload: payload as object });

    const online = await send(person({ name: 'オンライン 確定', mode: 'online', email: 'on@example.jp' }));
    expect(online.statusCode, online.body).toBe(201);
    expect(online.json()).toMatchObject({
      status: 'confirmed',
      mode: 'online',
      onlineJoinDetails: 'https://meet.example/abc 会議ID 123',
    });
    const waiting = await send(person({ name: 'オンライン 待ち', mode: 'online' }));
    expect(waiting.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, onlineJoinDetails: null });
    const venue = await send(person({ name: '会場 確定', mode: 'venue' }));
    expect(venue.json()).toMatchObject({ status: 'confirmed', onlineJoinDetails: null });
    expect(venue.json().ticketToken).toMatch(/^[\w-]{32}$/);

    const ticket = async (token: string) => {
      const res = await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-tickets/${token}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      return res.json() as TrainingTicket;
    };
    expect(await ticket(online.json().ticketToken)).toMatchObject({
      name: 'オンライン 確定',
      status: 'confirmed',
      onlineJoinDetails: 'https://meet.example/abc 会議ID 123',
    });
    expect((await ticket(waiting.json().ticketToken)).onlineJoinDetails).toBeNull();

    // The confirmed online registrant cancels with the ticket; the waiting one gets the place and the details.
    const cancel = await f.current.app.inject({
      method: 'POST',
      url: `${PUBLIC}/training-tickets/${online.json().ticketToken}/cancel`,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', onlineJoinDetails: null });
    expect(await ticket(waiting.json().ticketToken)).toMatchObject({
      status: 'confirmed',
      waitlistPosition: null,
      onlineJoinDetails: 'https://meet.example/abc 会議ID 123',
    });
    const list = await registrations(f.current, event.id);
    expect(list.map((r) => r.source)).toEqual(['public', 'public', 'public']);

    // Bad input and duplicates change nothing.
    // A cancelled registration's address may register again.
    const again = await send(person({ email: 'ON@example.jp', mode: 'venue', name: '再' }));
    expect(again.statusCode, again.body).toBe(201);
    expect((await registrations(f.current, event.id)).length).toBe(4);
    expectProblem(await send(person({ email: 'on@example.jp' })), 409, 'already_registered');
    for (const payload of [
      person({ walkIn: true }),
      person({ overrideCapacity: true }),
      person({ affiliation: 'boss' }),
      { name: 'x' },
    ]) {
      expectProblem(await send(payload), 400, 'validation_failed');
    }
    expectProblem(await send('name=x'), 415, 'unsupported_media_type');
    expectProblem(
      await f.current.app.inject({ method: 'GET', url: `${PUBLIC}/training-tickets/${'z'.repeat(32)}` }),
      404,
    );
    expect((await registrations(f.current, event.id)).length).toBe(4);
  });

  it('takes registrations only while the event is open and has not started', async () => {
    const closed = await createEvent(f.current, { status: 'closed', publicRegistration: true });
    const started = await createEvent(f.current, {
      startsAt: daysFromNow(0, -1),
      endsAt: daysFromNow(0, 1),
      publicRegistration: true,
    });
    const noOnline = await createEvent(f.current, { onlineCapacity: 0, publicRegistration: true });
    for (const e of [closed, started]) {
      const res = await f.current.app.inject({
        method: 'POST',
        url: `${PUBLIC}/training-registrations/${e.publicRegistrationToken}`,
        payload: person(),
      });
      expectProblem(res, 409, 'registration_closed');
      const info = await f.current.app.inject({
        method: 'GET',
        url: `${PUBLIC}/training-events/${e.publicRegistrationToken}`,
      });
      expect(info.json().registrationOpen).toBe(false);
    }
    const offline = await f.current.app.inject({
      method: 'POST',
      url: `${PUBLIC}/training-registrations/${noOnline.publicRegistrationToken}`,
      payload: person({ mode: 'online' }),
    });
    expectProblem(offline, 422, 'mode_not_offered');
    for (const e of [closed, started, noOnline]) expect(await registrations(f.current, e.id)).toHaveLength(0);
  });

  it('is rate-limited per address when rate limits are on', async () => {
    const event = await createEvent(f.current, { venueCapacity: 50, publicRegistration: true });
    const limited = await build({ database: f.current.database, config: { RATE_LIMIT: 'on' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: `${PUBLIC}/training-registrations/${event.publicRegistrationToken}`,
          payload: person({ name: `連続 ${i}` }),
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expectProblem(res, 429, 'rate_limited');
      }
      expect(codes.slice(0, 10)).toEqual(Array(10).fill(201));
      expect(codes.slice(10)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
    expect(await registrations(f.current, event.id)).toHaveLength(10);
  });
});
