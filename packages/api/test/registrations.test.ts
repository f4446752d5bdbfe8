import type { TrainingAttendance, TrainingCheckIn, TrainingRegistration } from '@tsunagari/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.ts';
import { expectProblem, useFixture } from './helper.ts';
import { createEvent, EVENTS, person, readEvent, register, registrations, seatsOf } from './training-fixture.ts';

const f = useFixture();

const regUrl = (eventId: string, rid = '') => `${EVENTS}/${eventId}/registrations${rid ? `/${rid}` : ''}`;
const post = (url: string, payload?: unknown) =>
  f.current.as('staff', { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('waitlist and promotion', () => {
  it('waitlists in order when a mode is full and promotes the first waiting on cancellation', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2, onlineCapacity: 1 });
    const a = await register(f.current, event.id, { name: 'A' });
    const b = await register(f.current, event.id, { name: 'B' });
    const c = await register(f.current, event.id, { name: 'C' });
    const d = await register(f.current, event.id, { name: 'D' });
    expect([a.status, b.status, c.status, d.status]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect([c.waitlistPosition, d.waitlistPosition]).toEqual([1, 2]);
    expect(a.waitlistPosition).toBeNull();

    const cancelled = await post(`${regUrl(event.id, a.id)}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: a.id, status: 'cancelled' });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    // The answer names who took the seat.
    expect(cancelled.json().promoted).toMatchObject({
      id: c.id,
      name: 'C',
      status: 'confirmed',
      waitlistPosition: null,
    });
    expect(cancelled.json().promoted.promotedAt).not.toBeNull();

    const list = await registrations(f.current, event.id);
    const byName = Object.fromEntries(list.map((r) => [r.name, r]));
    expect(byName.C).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(byName.C?.promotedAt).not.toBeNull();
    expect(byName.D).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const seats = seatsOf(await readEvent(f.current, event.id), 'venue');
    expect(seats).toEqual({ mode: 'venue', capacity: 2, confirmed: 2, waitlisted: 1, remaining: 0 });

    const promoted = await f.current.database.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(promoted.map((e) => e.action)).toContain('promote');
  });

  it('cancelling a waitlisted registration promotes no one, and cancelling twice is harmless', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1 });
    await register(f.current, event.id, { name: 'A' });
    const b = await register(f.current, event.id, { name: 'B' });
    const c = await register(f.current, event.id, { name: 'C' });
    const first = await post(`${regUrl(event.id, b.id)}/cancel`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'cancelled', promoted: null });
    const again = await post(`${regUrl(event.id, b.id)}/cancel`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'cancelled', promoted: null });
    const list = await registrations(f.current, event.id);
    expect(list.find((r) => r.id === c.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(list.filter((r) => r.status === 'confirmed')).toHaveLength(1);
  });

  it('names the promoted registrant of the same mode only, and nobody when the mode stays full', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const venue = await register(f.current, event.id, { name: '会場 確定', mode: 'venue' });
    const venueWaiting = await register(f.current, event.id, { name: '会場 待ち', mode: 'venue' });
    const online = await register(f.current, event.id, { name: 'オンライン 確定', mode: 'online' });
    const onlineWaiting = await register(f.current, event.id, { name: 'オンライン 待ち', mode: 'online' });

    const res = await post(`${regUrl(event.id, online.id)}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().promoted).toMatchObject({ id: onlineWaiting.id, mode: 'online', status: 'confirmed' });
    expect((await registrations(f.current, event.id)).find((r) => r.id === venueWaiting.id)?.status).toBe('waitlisted');

    // A walk-in seated beyond the capacity: cancelling one confirmed seat leaves the mode still full.
    const walkIn = await post(regUrl(event.id), person({ name: '当日 超過', walkIn: true, overrideCapacity: true }));
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const stillFull = await post(`${regUrl(event.id, venue.id)}/cancel`);
    expect(stillFull.statusCode, stillFull.body).toBe(200);
    expect(stillFull.json()).toMatchObject({ id: venue.id, status: 'cancelled', promoted: null });
    expect((await registrations(f.current, event.id)).find((r) => r.id === venueWaiting.id)?.status).toBe('waitlisted');
  });

  it('documents the promoted registration in the cancel answer’s schema', async () => {
    const doc = (await f.current.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/training-events/{id}/registrations/{rid}/cancel'].post;
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/TrainingCancellation',
    );
    const schema = doc.components.schemas.TrainingCancellation;
    expect(schema.required).toContain('promoted');
    expect(JSON.stringify(schema.properties.promoted)).toContain('#/components/schemas/TrainingRegistration');
  });

  it('keeps the two modes apart: a full venue does not touch online seats, and the reverse', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 2 });
    expect((await register(f.current, event.id, { mode: 'venue' })).status).toBe('confirmed');
    expect((await register(f.current, event.id, { mode: 'venue' })).status).toBe('waitlisted');
    const o1 = await register(f.current, event.id, { mode: 'online' });
    const o2 = await register(f.current, event.id, { mode: 'online' });
    const o3 = await register(f.current, event.id, { mode: 'online' });
    expect([o1.status, o2.status, o3.status]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(o3.waitlistPosition).toBe(1);
    // Cancelling online frees an online seat only: the venue's waiting stays waiting.
    await post(`${regUrl(event.id, o1.id)}/cancel`);
    const list = await registrations(f.current, event.id);
    expect(list.filter((r) => r.mode === 'online' && r.status === 'confirmed')).toHaveLength(2);
    expect(list.filter((r) => r.mode === 'venue' && r.status === 'waitlisted')).toHaveLength(1);
  });

  it('refuses a mode the event does not offer (capacity 0) with 422 and writes nothing', async () => {
    const event = await createEvent(f.current, { venueCapacity: 3, onlineCapacity: 0 });
    const res = await post(regUrl(event.id), person({ mode: 'online' }));
    const body = expectProblem(res, 422, 'mode_not_offered');
    expect(body.errors?.[0]?.path).toBe('body.mode');
    expect(await registrations(f.current, event.id)).toHaveLength(0);
  });

  it('erasing a confirmed registration frees its seat for the first waiting; one checked in cannot be erased', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1 });
    const a = await register(f.current, event.id, { name: 'A' });
    const b = await register(f.current, event.id, { name: 'B' });
    const del = await f.current.as('staff', { method: 'DELETE', url: regUrl(event.id, a.id) });
    expect(del.statusCode, del.body).toBe(204);
    const list = await registrations(f.current, event.id);
    expect(list.map((r) => [r.name, r.status])).toEqual([['B', 'confirmed']]);
    await post(`${regUrl(event.id, b.id)}/check-in`);
    expectProblem(await f.current.as('staff', { method: 'DELETE', url: regUrl(event.id, b.id) }), 409, 'checked_in');
    expectProblem(await post(`${regUrl(event.id, b.id)}/cancel`), 409, 'checked_in');
  });

  it('lowering a capacity below the confirmed count is refused; raising it promotes in order', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2 });
    await register(f.current, event.id, { name: 'A' });
    await register(f.current, event.id, { name: 'B' });
    await register(f.current, event.id, { name: 'C' });
    await register(f.current, event.id, { name: 'D' });
    const low = await f.current.as('staff', {
      method: 'PATCH',
      url: `${EVENTS}/${event.id}`,
      headers: { 'if-match': event.etag },
      payload: { venueCapacity: 1 },
    });
    const problem = expectProblem(low, 409, 'capacity_below_confirmed');
    expect(problem.errors?.[0]?.path).toBe('body.venueCapacity');
    expect((await readEvent(f.current, event.id)).venueCapacity).toBe(2);

    const high = await f.current.as('staff', {
      method: 'PATCH',
      url: `${EVENTS}/${event.id}`,
      headers: { 'if-match': event.etag },
      payload: { venueCapacity: 3 },
    });
    expect(high.statusCode, high.body).toBe(200);
    expect(seatsOf(high.json(), 'venue')).toMatchObject({ capacity: 3, confirmed: 3, waitlisted: 1 });
    const list = await registrations(f.current, event.id);
    expect(list.map((r) => [r.name, r.status])).toEqual([
      ['A', 'confirmed'],
      ['B', 'confirmed'],
      ['C', 'confirmed'],
      ['D', 'waitlisted'],
    ]);
  });
});

describe('the day', () => {
  it('check-in twice is harmless: the first time is kept and counted once', async () => {
    const event = await createEvent(f.current);
    const a = await register(f.current, event.id);
    const first = await post(`${regUrl(event.id, a.id)}/check-in`);
    expect(first.statusCode, first.body).toBe(200);
    const one: TrainingCheckIn = first.json();
    expect(one.alreadyCheckedIn).toBe(false);
    expect(one.checkedInAt).not.toBeNull();
    const second = await post(`${regUrl(event.id, a.id)}/check-in`, {});
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ alreadyCheckedIn: true, checkedInAt: one.checkedInAt });
    const attendance: TrainingAttendance = (
      await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${event.id}/attendance` })
    ).json();
    expect(attendance.counts.attended).toBe(1);
    expect((await readEvent(f.current, event.id)).checkedIn).toBe(1);
  });

  it('checks in by the QR ticket, as a token or as the ticket URL', async () => {
    const event = await createEvent(f.current);
    const a = await register(f.current, event.id, { name: 'A' });
    const b = await register(f.current, event.id, { name: 'B' });
    const byToken = await post(`${EVENTS}/${event.id}/check-in`, { ticket: a.ticketToken });
    expect(byToken.statusCode, byToken.body).toBe(200);
    expect(byToken.json()).toMatchObject({ id: a.id, alreadyCheckedIn: false });
    const byUrl = await post(`${EVENTS}/${event.id}/check-in`, {
      ticket: `https://tsunagari.example/training/tickets/${b.ticketToken}?from=qr`,
    });
    expect(byUrl.statusCode, byUrl.body).toBe(200);
    expect(byUrl.json()).toMatchObject({ id: b.id });
    const again = await post(`${EVENTS}/${event.id}/check-in`, { ticket: a.ticketToken });
    expect(again.json().alreadyCheckedIn).toBe(true);

    expectProblem(await post(`${EVENTS}/${event.id}/check-in`, { ticket: 'x'.repeat(32) }), 404, 'ticket_not_found');
    const other = await createEvent(f.current);
    expectProblem(
      await post(`${EVENTS}/${other.id}/check-in`, { ticket: a.ticketToken }),
      409,
      'ticket_for_other_event',
    );
    expectProblem(await post(`${EVENTS}/${event.id}/check-in`, { ticket: '' }), 400, 'validation_failed');
    expectProblem(await post(`${EVENTS}/${event.id}/check-in`, {}), 400, 'validation_failed');
  });

  it('a waitlisted registrant is checked in only with overrideCapacity; a cancelled one never', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1 });
    await register(f.current, event.id, { name: 'A' });
    const b = await register(f.current, event.id, { name: 'B' });
    expectProblem(await post(`${regUrl(event.id, b.id)}/check-in`), 409, 'not_confirmed');
    expect((await registrations(f.current, event.id)).find((r) => r.id === b.id)?.checkedInAt).toBeNull();
    const forced = await post(`${regUrl(event.id, b.id)}/check-in`, { overrideCapacity: true });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(seatsOf(await readEvent(f.current, event.id), 'venue')).toMatchObject({ confirmed: 2, remaining: 0 });

    const c = await register(f.current, event.id, { name: 'C' });
    await post(`${regUrl(event.id, c.id)}/cancel`);
    expectProblem(await post(`${regUrl(event.id, c.id)}/check-in`), 409, 'registration_cancelled');
    expectProblem(await post(`${regUrl(event.id, c.id)}/check-in`, { nope: 1 }), 400, 'validation_failed');
  });

  it('names whose ticket it is when a scanned ticket cannot be taken as it is', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1 });
    await register(f.current, event.id, { name: 'A' });
    const waiting = await register(f.current, event.id, { name: '待ち 花子' });
    const scan = (ticket: string | null) => post(`${EVENTS}/${event.id}/check-in`, { ticket });
    const refused = await scan(waiting.ticketToken);
    expectProblem(refused, 409, 'not_confirmed');
    expect(refused.json().registration).toMatchObject({
      id: waiting.id,
      name: '待ち 花子',
      mode: 'venue',
      status: 'waitlisted',
      waitlistPosition: 1,
      checkedInAt: null,
    });
    await post(`${regUrl(event.id, waiting.id)}/cancel`);
    const cancelled = await scan(waiting.ticketToken);
    expectProblem(cancelled, 409, 'registration_cancelled');
    expect(cancelled.json().registration).toMatchObject({ id: waiting.id, name: '待ち 花子', status: 'cancelled' });
    // Nothing was checked in on the way.
    expect((await registrations(f.current, event.id)).filter((r) => r.checkedInAt !== null)).toHaveLength(0);
  });

  it('undoes a check-in, and marks and unmarks no-shows', async () => {
    const event = await createEvent(f.current);
    const a = await register(f.current, event.id);
    await post(`${regUrl(event.id, a.id)}/check-in`);
    expectProblem(await post(`${regUrl(event.id, a.id)}/no-show`), 409, 'checked_in');
    const undo = await f.current.as('staff', { method: 'DELETE', url: `${regUrl(event.id, a.id)}/check-in` });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().checkedInAt).toBeNull();
    const noShow = await post(`${regUrl(event.id, a.id)}/no-show`);
    expect(noShow.json()).toMatchObject({ noShow: true });
    expect((await post(`${regUrl(event.id, a.id)}/no-show`)).json()).toMatchObject({ noShow: true });
    // Checking in someone marked absent takes the mark away.
    const late = await post(`${regUrl(event.id, a.id)}/check-in`);
    expect(late.json()).toMatchObject({ noShow: false });
    expect(late.json().checkedInAt).not.toBeNull();
    const b = await register(f.current, event.id);
    await post(`${regUrl(event.id, b.id)}/no-show`);
    const back = await f.current.as('staff', { method: 'DELETE', url: `${regUrl(event.id, b.id)}/no-show` });
    expect(back.json()).toMatchObject({ noShow: false });
  });

  it('walk-ins are confirmed and checked in at once; beyond capacity only with overrideCapacity', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const w1 = await register(f.current, event.id, { walkIn: true });
    expect(w1).toMatchObject({ status: 'confirmed', walkIn: true, source: 'walk_in' });
    expect(w1.checkedInAt).not.toBeNull();
    const full = await post(regUrl(event.id), person({ walkIn: true }));
    expectProblem(full, 409, 'mode_full');
    expect(full.json()).toMatchObject({ mode: 'venue', capacity: 1, confirmed: 1 });
    const over = await register(f.current, event.id, { walkIn: true, overrideCapacity: true });
    expect(over).toMatchObject({ status: 'confirmed', walkIn: true });
    expect(seatsOf(await readEvent(f.current, event.id), 'venue')).toMatchObject({ confirmed: 2, remaining: 0 });
    // The override is for walk-ins only.
    const bad = await post(regUrl(event.id), person({ overrideCapacity: true }));
    expect(expectProblem(bad, 400, 'validation_failed').errors?.[0]?.path).toBe('body.overrideCapacity');
    expect(await registrations(f.current, event.id)).toHaveLength(2);
  });

  it('finds people by name or kana, whatever the width or script', async () => {
    const event = await createEvent(f.current, { venueCapacity: 10 });
    await register(f.current, event.id, { name: '山田 花子', nameKana: 'ヤマダ ハナコ' });
    await register(f.current, event.id, { name: '佐藤 一郎', nameKana: 'ｻﾄｳ ｲﾁﾛｳ' });
    await register(f.current, event.id, { name: 'Smith 100%', nameKana: null });
    const names = async (q: string) =>
      (await registrations(f.current, event.id, `&q=${encodeURIComponent(q)}`)).map((r) => r.name);
    expect(await names('やまだ')).toEqual(['山田 花子']);
    expect(await names('ハナコ')).toEqual(['山田 花子']);
    expect(await names('山田花子')).toEqual(['山田 花子']);
    expect(await names('さとう')).toEqual(['佐藤 一郎']);
    expect(await names('ｻﾄｳ')).toEqual(['佐藤 一郎']);
    expect(await names('ＳＭＩＴＨ')).toEqual(['Smith 100%']);
    expect(await names('%')).toEqual(['Smith 100%']);
    expect(await names('_')).toEqual([]);
    expect(await names('鈴木')).toEqual([]);
    // Half-width katakana is stored as typed, normalised for search only.
    expect((await registrations(f.current, event.id, '&q=さとう'))[0]?.nameKana).toBe('サトウ イチロウ');
  });

  it('filters by status, mode and check-in, and pages with a cursor', async () => {
    const event = await createEvent(f.current, { venueCapacity: 2, onlineCapacity: 1 });
    const a = await register(f.current, event.id, { name: 'A' });
    await register(f.current, event.id, { name: 'B' });
    await register(f.current, event.id, { name: 'C' });
    await register(f.current, event.id, { name: 'D', mode: 'online' });
    await post(`${regUrl(event.id, a.id)}/check-in`);
    const names = (rs: TrainingRegistration[]) => rs.map((r) => r.name);
    expect(names(await registrations(f.current, event.id, '&status=waitlisted'))).toEqual(['C']);
    expect(names(await registrations(f.current, event.id, '&mode=online'))).toEqual(['D']);
    expect(names(await registrations(f.current, event.id, '&checkedIn=true'))).toEqual(['A']);
    expect(names(await registrations(f.current, event.id, '&checkedIn=false'))).toEqual(['B', 'C', 'D']);
    const page1 = await f.current.as('staff', { method: 'GET', url: `${regUrl(event.id)}?limit=3` });
    expect(names(page1.json().items)).toEqual(['A', 'B', 'C']);
    const page2 = await f.current.as('staff', {
      method: 'GET',
      url: `${regUrl(event.id)}?limit=3&cursor=${page1.json().nextCursor}`,
    });
    expect(names(page2.json().items)).toEqual(['D']);
    expect(page2.json().nextCursor).toBeNull();
    for (const q of [
      'cursor=abc',
      'cursor=WyJ4Il0',
      'limit=0',
      'limit=501',
      'status=maybe',
      'checkedIn=yes',
      'format=xml',
    ]) {
      expectProblem(
        await f.current.as('staff', { method: 'GET', url: `${regUrl(event.id)}?${q}` }),
        400,
        'validation_failed',
      );
    }
  });
});

describe('corrections', () => {
  it('changes fields with If-Match; a new mode is taken like a new registration', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const a = await register(f.current, event.id, { name: 'A', mode: 'venue' });
    const b = await register(f.current, event.id, { name: 'B', mode: 'online' });
    const c = await register(f.current, event.id, { name: 'C', mode: 'venue' });
    const read = await f.current.as('staff', { method: 'GET', url: regUrl(event.id, a.id) });
    const etag = String(read.headers.etag);

    expectProblem(
      await f.current.as('staff', { method: 'PATCH', url: regUrl(event.id, a.id), payload: { name: 'A2' } }),
      428,
      'precondition_required',
    );
    // A's venue seat is kept rather than lost to a full online mode.
    const full = await f.current.as('staff', {
      method: 'PATCH',
      url: regUrl(event.id, a.id),
      headers: { 'if-match': etag },
      payload: { mode: 'online', name: 'A2' },
    });
    expectProblem(full, 409, 'mode_full');
    const ok = await f.current.as('staff', {
      method: 'PATCH',
      url: regUrl(event.id, a.id),
      headers: { 'if-match': etag },
      payload: { name: '阿部 あい', nameKana: 'あべ あい', organisationName: 'テスト小学校', affiliation: 'other' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '阿部 あい', affiliation: 'other', mode: 'venue' });
    expect((await registrations(f.current, event.id, '&q=あべ')).map((r) => r.id)).toEqual([a.id]);
    expectProblem(
      await f.current.as('staff', {
        method: 'PATCH',
        url: regUrl(event.id, a.id),
        headers: { 'if-match': etag },
        payload: { name: 'stale' },
      }),
      412,
      'precondition_failed',
    );

    // B leaves online; C (waiting for the venue) moves online and gets that seat at once.
    await post(`${regUrl(event.id, b.id)}/cancel`);
    const cRead = await f.current.as('staff', { method: 'GET', url: regUrl(event.id, c.id) });
    const moved = await f.current.as('staff', {
      method: 'PATCH',
      url: regUrl(event.id, c.id),
      headers: { 'if-match': String(cRead.headers.etag) },
      payload: { mode: 'online' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ mode: 'online', status: 'confirmed', waitlistPosition: null });
  });

  it('moves a waiting registrant to the end of the other mode’s queue when that mode is full too', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    await register(f.current, event.id, { name: 'V1', mode: 'venue' });
    await register(f.current, event.id, { name: 'O1', mode: 'online' });
    const o2 = await register(f.current, event.id, { name: 'O2', mode: 'online' });
    const v2 = await register(f.current, event.id, { name: 'V2', mode: 'venue' });
    const read = await f.current.as('staff', { method: 'GET', url: regUrl(event.id, v2.id) });
    const moved = await f.current.as('staff', {
      method: 'PATCH',
      url: regUrl(event.id, v2.id),
      headers: { 'if-match': String(read.headers.etag) },
      payload: { mode: 'online' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ mode: 'online', status: 'waitlisted', waitlistPosition: 2 });
    const list = await registrations(f.current, event.id, '&status=waitlisted');
    expect(list.map((r) => [r.name, r.waitlistPosition])).toEqual([
      ['O2', 1],
      ['V2', 2],
    ]);
    expect(list[0]?.id).toBe(o2.id);
  });

  it('refuses an e-mail address registered for the same event already', async () => {
    const event = await createEvent(f.current, { venueCapacity: 5 });
    await register(f.current, event.id, { email: 'hanako@example.jp' });
    const dup = await post(regUrl(event.id), person({ email: 'HANAKO@example.jp' }));
    expect(expectProblem(dup, 409, 'already_registered').errors?.[0]?.path).toBe('body.email');
    // Another event takes the same address.
    const other = await createEvent(f.current);
    await register(f.current, other.id, { email: 'hanako@example.jp' });
  });
});

describe('bad input changes nothing', () => {
  it('answers every bad registration with 400 and stores none', async () => {
    const event = await createEvent(f.current);
    const bad: [string, unknown][] = [
      ['missing name', { affiliation: 'teacher', mode: 'venue' }],
      ['empty name', person({ name: '  ' })],
      ['long name', person({ name: 'あ'.repeat(101) })],
      ['control character', person({ name: 'a\u0000b' })],
      ['kana with kanji', person({ nameKana: '山田' })],
      ['bad e-mail', person({ email: 'not-an-address' })],
      ['unknown affiliation', person({ affiliation: 'mayor' })],
      ['unknown mode', person({ mode: 'phone' })],
      ['unknown field', person({ status: 'confirmed' })],
      ['wrong type', person({ walkIn: 'yes' })],
      ['array body', [person()]],
    ];
    for (const [what, payload] of bad) {
      const res = await post(regUrl(event.id), payload);
      expect(res.statusCode, what).toBe(400);
      expectProblem(res, 400, 'validation_failed');
    }
    const malformed = await f.current.as('staff', {
      method: 'POST',
      url: regUrl(event.id),
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expectProblem(malformed, 400, 'malformed_json');
    const text = await f.current.as('staff', {
      method: 'POST',
      url: regUrl(event.id),
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expectProblem(text, 415);
    expectProblem(await post(regUrl('not-a-uuid'), person()), 400, 'validation_failed');
    expectProblem(await post(regUrl(crypto.randomUUID()), person()), 404, 'not_found');
    expect(await registrations(f.current, event.id)).toHaveLength(0);
  });

  it('answers unknown or foreign registrations with 404', async () => {
    const event = await createEvent(f.current);
    const other = await createEvent(f.current);
    const a = await register(f.current, other.id);
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', '/cancel'],
      ['POST', '/check-in'],
      ['POST', '/no-show'],
      ['DELETE', ''],
    ] as const) {
      expectProblem(
        await f.current.as('staff', { method, url: `${regUrl(event.id, a.id)}${suffix}` }),
        404,
        'not_found',
      );
    }
    expectProblem(
      await f.current.as('staff', { method: 'GET', url: `${regUrl(event.id)}/not-a-uuid` }),
      400,
      'validation_failed',
    );
    expect((await registrations(f.current, other.id))[0]).toMatchObject({ status: 'confirmed', checkedInAt: null });
  });

  it('refuses changes to the registrations of a cancelled event', async () => {
    const event = await createEvent(f.current);
    const a = await register(f.current, event.id);
    const cancel = await f.current.as('staff', {
      method: 'PATCH',
      url: `${EVENTS}/${event.id}`,
      headers: { 'if-match': event.etag },
      payload: { status: 'cancelled' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expectProblem(await post(regUrl(event.id), person()), 409, 'event_cancelled');
    expectProblem(await post(`${regUrl(event.id, a.id)}/check-in`), 409, 'event_cancelled');
    expectProblem(await post(`${regUrl(event.id, a.id)}/cancel`), 409, 'event_cancelled');
    expect(await registrations(f.current, event.id)).toHaveLength(1);
  });
});

describe('access', () => {
  it('lets only staff and admins read and write registrations', async () => {
    const event = await createEvent(f.current);
    const a = await register(f.current, event.id, {}, 'admin');
    const partnerKey = await f.current.apiKey('partner');
    const analystKey = await f.current.apiKey('analyst');
    const staffKey = await f.current.apiKey('staff');
    for (const [method, url, payload] of [
      ['GET', regUrl(event.id), undefined],
      ['POST', regUrl(event.id), person()],
      ['GET', regUrl(event.id, a.id), undefined],
      ['POST', `${regUrl(event.id, a.id)}/check-in`, undefined],
      ['POST', `${regUrl(event.id, a.id)}/cancel`, undefined],
      ['POST', `${EVENTS}/${event.id}/check-in`, { ticket: a.ticketToken }],
      ['GET', `${EVENTS}/${event.id}/attendance`, undefined],
    ] as const) {
      const options = { method, url, ...(payload ? { payload } : {}) };
      expectProblem(await f.current.as('anonymous', options), 401, 'unauthenticated');
      expectProblem(await f.current.as('partner', options), 403, 'forbidden');
      expectProblem(await f.current.as('analyst', options), 403, 'forbidden');
      expectProblem(await f.current.app.inject({ ...options, headers: partnerKey }), 403, 'forbidden');
      expectProblem(await f.current.app.inject({ ...options, headers: analystKey }), 403, 'forbidden');
    }
    const viaKey = await f.current.app.inject({ method: 'GET', url: regUrl(event.id), headers: staffKey });
    expect(viaKey.statusCode).toBe(200);
    // A signed-in browser must send the CSRF token with a write.
    const session = await f.current.session('staff');
    const noCsrf = await f.current.app.inject({
      method: 'POST',
      url: regUrl(event.id),
      headers: { cookie: session.cookie as string },
      payload: person(),
    });
    expectProblem(noCsrf, 403, 'csrf_failed');
    const list = await registrations(f.current, event.id);
    expect(list).toHaveLength(1);
    expect(list[0]?.checkedInAt).toBeNull();
    expect(list[0]?.status).toBe('confirmed');
  });
});

describe('export', () => {
  it('exports the attendee list and the attendance summary as Excel-ready CSV', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const a = await register(f.current, event.id, {
      name: '山田 花子',
      nameKana: 'やまだ はなこ',
      organisationName: '=HYPERLINK("http://x")',
      email: 'hanako@example.jp',
    });
    await register(f.current, event.id, { name: '待機 一郎', nameKana: null, affiliation: 'minsei_jido_iin' });
    await register(f.current, event.id, { name: 'オンライン 三子', affiliation: 'city_counsellor', mode: 'online' });
    await post(`${regUrl(event.id, a.id)}/check-in`);

    const list = await f.current.as('staff', { method: 'GET', url: `${regUrl(event.id)}?format=csv` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(list.headers['content-disposition']).toMatch(/attachment; filename=".*\.csv"/);
    expect(list.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = list.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '受付番号,氏名,ふりがな,所属区分,所属,メール,参加方法,状態,キャンセル待ち順,出席時刻,欠席,当日参加,申込経路,申込日時',
    );
    expect(lines[1]).toContain(
      ',山田 花子,やまだ はなこ,教職員,"\'=HYPERLINK(""http://x"")",hanako@example.jp,会場,確定,,',
    );
    expect(lines[2]).toContain(',待機 一郎,,民生児童委員,,,会場,キャンセル待ち,1,');
    expect(lines[3]).toContain(',オンライン 三子,');
    // Accept: text/csv asks for the same.
    const accept = await f.current.as('staff', {
      method: 'GET',
      url: regUrl(event.id),
      headers: { accept: 'text/csv' },
    });
    expect(accept.headers['content-type']).toBe('text/csv; charset=utf-8');

    const summary = await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${event.id}/attendance?format=csv` });
    expect(summary.statusCode).toBe(200);
    const rows = summary.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('集計,区分,定員,申込数,確定,キャンセル待ち,取消,出席,欠席,当日参加');
    expect(rows).toContain('参加方法,会場,1,2,1,1,0,1,0,0');
    expect(rows).toContain('参加方法,オンライン,1,1,1,0,0,0,0,0');
    expect(rows).toContain('所属区分,教職員,,1,1,0,0,1,0,0');
    expect(rows).toContain('合計,,2,3,2,1,0,1,0,0');

    const json = await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${event.id}/attendance` });
    const attendance: TrainingAttendance = json.json();
    expect(attendance.counts).toMatchObject({ registered: 3, confirmed: 2, waitlisted: 1, attended: 1 });
    expect(attendance.counts.byAffiliation.find((x) => x.affiliation === 'teacher')).toMatchObject({
      attended: 1,
      attendedVenue: 1,
      attendedOnline: 0,
    });
    expect(attendance.counts.byAffiliation).toHaveLength(6);
  });
});
