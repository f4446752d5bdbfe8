import type { TrainingRegistration } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { useFixture } from './helper.ts';
import { createEvent, EVENTS, person, readEvent, registrations, seatsOf } from './training-fixture.ts';

/**
 * The last seat, raced. On PostgreSQL the requests really run at once on a pool of connections,
 * and only the lock on the event row (SELECT … FOR UPDATE) keeps a second one from taking it.
 */
const f = useFixture();
const RACERS = 24;

function expectOneSeatAndAQueue(list: TrainingRegistration[], mode: 'venue' | 'online', capacity: number) {
  const inMode = list.filter((r) => r.mode === mode);
  const confirmed = inMode.filter((r) => r.status === 'confirmed');
  const waiting = inMode.filter((r) => r.status === 'waitlisted');
  expect(confirmed).toHaveLength(capacity);
  expect(waiting).toHaveLength(inMode.length - capacity);
  // The queue is 1, 2, 3 … with no gaps or ties, in the order the registrations were taken.
  const byNumber = [...waiting].sort((a, b) => a.number - b.number);
  expect(byNumber.map((r) => r.waitlistPosition)).toEqual(byNumber.map((_, i) => i + 1));
  // Nobody got a seat after someone who had to wait.
  const lastSeated = Math.max(...confirmed.map((r) => r.number));
  expect(Math.min(...waiting.map((r) => r.number))).toBeGreaterThan(lastSeated);
}

describe('the last seat raced by concurrent registrations', () => {
  it('gives it to exactly one of many concurrent requests (inject) and waitlists the rest in order', async () => {
    const event = await createEvent(f.current, { venueCapacity: 3, onlineCapacity: 2 });
    // Two seats go first; the third is the last one, raced.
    for (const name of ['先着1', '先着2']) {
      await f.current.as('staff', {
        method: 'POST',
        url: `${EVENTS}/${event.id}/registrations`,
        payload: person({ name }),
      });
    }
    const session = await f.current.session('staff');
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        f.current.app.inject({
          method: 'POST',
          url: `${EVENTS}/${event.id}/registrations`,
          headers: session,
          payload: person({ name: `競争 ${i}` }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(RACERS).fill(201));
    const won = results.map((r) => r.json() as TrainingRegistration).filter((r) => r.status === 'confirmed');
    expect(won).toHaveLength(1);

    const list = await registrations(f.current, event.id);
    expectOneSeatAndAQueue(list, 'venue', 3);
    // The online mode is untouched by the venue's race.
    expect(seatsOf(await readEvent(f.current, event.id), 'online')).toMatchObject({ confirmed: 0, remaining: 2 });

    // The seat freed by a cancellation goes to the first in the queue.
    const first = list.find((r) => r.waitlistPosition === 1) as TrainingRegistration;
    const winner = won[0] as TrainingRegistration;
    await f.current.as('staff', { method: 'POST', url: `${EVENTS}/${event.id}/registrations/${winner.id}/cancel` });
    const after = await registrations(f.current, event.id);
    expect(after.find((r) => r.id === first.id)?.status).toBe('confirmed');
    expect(
      after
        .filter((r) => r.status === 'waitlisted')
        .map((r) => r.waitlistPosition)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(Array.from({ length: RACERS - 2 }, (_, i) => i + 1));
  });

  it('races both modes at once without one mode taking the other’s seats', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const session = await f.current.session('staff');
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        f.current.app.inject({
          method: 'POST',
          url: `${EVENTS}/${event.id}/registrations`,
          headers: session,
          payload: person({ name: `両方 ${i}`, mode: i % 2 ? 'online' : 'venue' }),
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const list = await registrations(f.current, event.id);
    expectOneSeatAndAQueue(list, 'venue', 1);
    expectOneSeatAndAQueue(list, 'online', 1);
  });

  it('lets exactly one of many concurrent walk-ins take the last seat; the rest get 409 mode_full', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const session = await f.current.session('staff');
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        f.current.app.inject({
          method: 'POST',
          url: `${EVENTS}/${event.id}/registrations`,
          headers: session,
          payload: person({ name: `当日 ${i}`, walkIn: true }),
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(RACERS - 1);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('mode_full');
    expect(await registrations(f.current, event.id)).toHaveLength(1);
  });

  it('gives the last seat to exactly one public registrant', async () => {
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 0, publicRegistration: true });
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        f.current.app.inject({
          method: 'POST',
          url: `/api/v1/public/training-registrations/${event.publicRegistrationToken}`,
          payload: person({ name: `一般 ${i}` }),
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(results.filter((r) => r.json().status === 'confirmed')).toHaveLength(1);
    expectOneSeatAndAQueue(await registrations(f.current, event.id), 'venue', 1);
  });
});

describe('the last seat raced over real HTTP', () => {
  // The fixture's afterAll closes the app, and with it the listening socket.
  it('gives it to exactly one of many concurrent HTTP requests', async () => {
    const app = f.current.app;
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const event = await createEvent(f.current, { venueCapacity: 1, onlineCapacity: 1 });
    const session = await f.current.session('staff');
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        fetch(`${base}${EVENTS}/${event.id}/registrations`, {
          method: 'POST',
          headers: { ...session, 'content-type': 'application/json' },
          body: JSON.stringify(person({ name: `通信 ${i}` })),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as TrainingRegistration })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(RACERS).fill(201));
    expect(responses.filter((r) => r.body.status === 'confirmed')).toHaveLength(1);
    expectOneSeatAndAQueue(await registrations(f.current, event.id), 'venue', 1);
  });
});
