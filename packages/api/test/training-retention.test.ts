import { PURGED_NAME, type TrainingAttendance } from '@tsunagari/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import { auditLog } from '../src/db/schema/index.ts';
import { purgeExpiredContactDetails } from '../src/training-events/retention.ts';
import { expectProblem, useFixture } from './helper.ts';
import { createEvent, daysFromNow, EVENTS, readEvent, register, registrations } from './training-fixture.ts';

const f = useFixture();
const DAY = 86_400_000;

async function attendance(eventId: string): Promise<TrainingAttendance> {
  const res = await f.current.as('staff', { method: 'GET', url: `${EVENTS}/${eventId}/attendance` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** An event that ended `daysAgo` days ago, with two attendees checked in and one waiting. */
async function pastEvent(daysAgo: number) {
  const event = await createEvent(f.current, {
    startsAt: daysFromNow(-daysAgo, -2),
    endsAt: daysFromNow(-daysAgo),
    venueCapacity: 1,
    onlineCapacity: 1,
    status: 'closed',
  });
  const a = await register(f.current, event.id, {
    name: '保存 花子',
    nameKana: 'ほぞん はなこ',
    email: `hanako.${daysAgo}@example.jp`,
    organisationName: '第1地区民生児童委員協議会',
    affiliation: 'minsei_jido_iin',
  });
  const b = await register(f.current, event.id, { name: '保存 一郎', mode: 'online', affiliation: 'teacher' });
  await register(f.current, event.id, { name: '保存 待機', affiliation: 'city_staff' });
  for (const r of [a, b]) {
    await f.current.as('staff', { method: 'POST', url: `${EVENTS}/${event.id}/registrations/${r.id}/check-in` });
  }
  return { event, a, b };
}

describe('retention of attendees’ contact details', () => {
  it('deletes names and contact details after the retention period and keeps every count', async () => {
    const old = await pastEvent(100);
    const recent = await pastEvent(10);
    const upcoming = await createEvent(f.current);
    await register(f.current, upcoming.id, { name: '未来 さん', email: 'future@example.jp' });
    const countsBefore = (await attendance(old.event.id)).counts;

    const result = await purgeExpiredContactDetails(f.current.database.db, new Date(), 90);
    expect(result).toMatchObject({ retentionDays: 90, events: 1, registrations: 3 });

    const purged = await registrations(f.current, old.event.id);
    expect(purged).toHaveLength(3);
    for (const r of purged) {
      expect(r).toMatchObject({
        name: PURGED_NAME,
        nameKana: null,
        email: null,
        organisationName: null,
        ticketToken: null,
        contactDetailsPurged: true,
      });
    }
    // What the counts are made of stays.
    expect(purged.map((r) => [r.affiliation, r.mode, r.status, r.checkedInAt !== null])).toEqual([
      ['minsei_jido_iin', 'venue', 'confirmed', true],
      ['teacher', 'online', 'confirmed', true],
      ['city_staff', 'venue', 'waitlisted', false],
    ]);
    expect((await attendance(old.event.id)).counts).toEqual(countsBefore);
    expect(countsBefore).toMatchObject({ registered: 3, attended: 2, waitlisted: 1 });
    expect((await readEvent(f.current, old.event.id)).contactDetailsPurgedAt).not.toBeNull();

    // Nothing of the name is left to find, and the ticket no longer opens.
    expect(await registrations(f.current, old.event.id, '&q=ほぞん')).toHaveLength(0);
    expectProblem(
      await f.current.app.inject({ method: 'GET', url: `/api/v1/public/training-tickets/${old.a.ticketToken}` }),
      404,
    );
    const csv = await f.current.as('staff', {
      method: 'GET',
      url: `${EVENTS}/${old.event.id}/registrations?format=csv`,
    });
    expect(csv.body).not.toContain('保存');
    expect(csv.body).not.toContain('@example.jp');

    // Events inside the period keep theirs.
    expect((await registrations(f.current, recent.event.id)).map((r) => r.name)).toContain('保存 花子');
    expect((await registrations(f.current, upcoming.id))[0]).toMatchObject({ email: 'future@example.jp' });

    // A purged registration cannot be given contact details again.
    const read = await f.current.as('staff', {
      method: 'GET',
      url: `${EVENTS}/${old.event.id}/registrations/${old.a.id}`,
    });
    const edit = await f.current.as('staff', {
      method: 'PATCH',
      url: `${EVENTS}/${old.event.id}/registrations/${old.a.id}`,
      headers: { 'if-match': String(read.headers.etag) },
      payload: { name: '復元' },
    });
    expectProblem(edit, 409, 'contact_details_purged');

    // Running it again changes nothing; the system wrote an audit entry without any name in it.
    expect(await purgeExpiredContactDetails(f.current.database.db, new Date(), 90)).toMatchObject({
      events: 0,
      registrations: 0,
    });
    const audit = await f.current.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'purge_contact_details'), eq(auditLog.entityId, old.event.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'system', details: { registrations: 3, retentionDays: 90 } });
    const everything = JSON.stringify(await f.current.database.db.select().from(auditLog));
    expect(everything).not.toContain('保存');
    expect(everything).not.toContain('hanako');

    // Later on, the recent event's turn comes too.
    const later = await purgeExpiredContactDetails(f.current.database.db, new Date(Date.now() + 85 * DAY), 90);
    expect(later).toMatchObject({ events: 1, registrations: 3 });
    expect((await registrations(f.current, recent.event.id)).every((r) => r.name === PURGED_NAME)).toBe(true);
    expect((await registrations(f.current, upcoming.id))[0]?.name).toBe('未来 さん');
  });

  it('runs at start-up with the configured number of days', async () => {
    const { event } = await pastEvent(40);
    const app = await build({
      database: f.current.database,
      config: { RATE_LIMIT: 'off', TRAINING_CONTACT_RETENTION_DAYS: 30 },
    });
    try {
      await app.ready();
      expect((await registrations(f.current, event.id)).every((r) => r.name === PURGED_NAME)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('lets an admin run it now', async () => {
    const { event } = await pastEvent(200);
    const res = await f.current.as('admin', { method: 'POST', url: `${EVENTS}/purge-contact-details` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ retentionDays: 90, events: 1, registrations: 3 });
    expect(Date.parse(res.json().endedBefore)).toBeLessThan(Date.now() - 89 * DAY);
    expect((await registrations(f.current, event.id)).every((r) => r.contactDetailsPurged)).toBe(true);
    for (const who of ['staff', 'partner', 'analyst'] as const) {
      expectProblem(await f.current.as(who, { method: 'POST', url: `${EVENTS}/purge-contact-details` }), 403);
    }
    expectProblem(await f.current.as('anonymous', { method: 'POST', url: `${EVENTS}/purge-contact-details` }), 401);
  });
});
