import {
  type AttendanceMode,
  AttendanceModes,
  addDaysIso,
  type TrainingEvent,
  type TrainingEventQuery,
  type TrainingModeSeats,
  type TrainingRegistration,
  tokyoInstant,
} from '@tsunagari/shared';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { trainingEvents as te, trainingRegistrations as tr } from '../db/schema/index.ts';

export type EventRow = typeof te.$inferSelect;
export type RegistrationRow = typeof tr.$inferSelect;
export type NewRegistrationRow = typeof tr.$inferInsert;
type SeatCounts = Map<string, { confirmed: number; waitlisted: number; checkedIn: number }>;

/** Rows become response shapes here and only here. */
export function toTrainingEvent(r: EventRow, counts: SeatCounts): TrainingEvent & { version: number } {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    venueName: r.venueName,
    venueAddress: r.venueAddress,
    venueCapacity: r.venueCapacity,
    onlineCapacity: r.onlineCapacity,
    onlineJoinDetails: r.onlineJoinDetails,
    lecturer: r.lecturer,
    intendedAudiences: r.intendedAudiences,
    status: r.status,
    publicRegistrationToken: r.publicRegistrationToken,
    fiscalYear: r.fiscalYear,
    seats: seatsOf(r, counts),
    checkedIn: AttendanceModes.reduce((n, m) => n + (counts.get(`${r.id}/${m}`)?.checkedIn ?? 0), 0),
    contactDetailsPurgedAt: r.contactDetailsPurgedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const capacityOf = (e: Pick<EventRow, 'venueCapacity' | 'onlineCapacity'>, mode: AttendanceMode) =>
  mode === 'venue' ? e.venueCapacity : e.onlineCapacity;

export function seatsOf(r: EventRow, counts: SeatCounts): TrainingModeSeats[] {
  return AttendanceModes.map((mode) => {
    const c = counts.get(`${r.id}/${mode}`);
    const capacity = capacityOf(r, mode);
    const confirmed = c?.confirmed ?? 0;
    return {
      mode,
      capacity,
      confirmed,
      waitlisted: c?.waitlisted ?? 0,
      remaining: Math.max(0, capacity - confirmed),
    };
  });
}

/** Confirmed, waitlisted and checked-in registrations per (event, mode), keyed `${eventId}/${mode}`. */
export async function seatCounts(db: DbOrTx, eventIds: string[]): Promise<SeatCounts> {
  const counts: SeatCounts = new Map();
  if (eventIds.length === 0) return counts;
  const rows = await db
    .select({
      eventId: tr.eventId,
      mode: tr.mode,
      confirmed: sql<number>`count(*) filter (where ${tr.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${tr.status} = 'waitlisted')::int`,
      checkedIn: sql<number>`count(${tr.checkedInAt})::int`,
    })
    .from(tr)
    .where(inArray(tr.eventId, eventIds))
    .groupBy(tr.eventId, tr.mode);
  for (const r of rows) counts.set(`${r.eventId}/${r.mode}`, r);
  return counts;
}

export async function listEvents(
  db: DbOrTx,
  q: Omit<TrainingEventQuery, 'cursor'> & { after: [string, string] | null },
) {
  const startsText = sql<string>`${te.startsAt}::text`;
  const after = q.after;
  const keyset = after
    ? q.order === 'asc'
      ? or(
          gt(te.startsAt, sql`${after[0]}::timestamptz`),
          and(eq(te.startsAt, sql`${after[0]}::timestamptz`), gt(te.id, after[1])),
        )
      : or(
          lt(te.startsAt, sql`${after[0]}::timestamptz`),
          and(eq(te.startsAt, sql`${after[0]}::timestamptz`), lt(te.id, after[1])),
        )
    : undefined;
  const conditions: (SQL | undefined)[] = [
    keyset,
    q.status ? eq(te.status, q.status) : undefined,
    q.fiscalYear !== undefined ? eq(te.fiscalYear, q.fiscalYear) : undefined,
    q.from ? gte(te.startsAt, tokyoInstant(q.from, '00:00')) : undefined,
    q.to ? lt(te.startsAt, tokyoInstant(addDaysIso(q.to, 1), '00:00')) : undefined,
    q.q ? sql`${te.title} ilike ${`%${escapeLike(q.q)}%`}` : undefined,
  ];
  const order = q.order === 'asc' ? [asc(te.startsAt), asc(te.id)] : [desc(te.startsAt), desc(te.id)];
  return db
    .select({ event: te, startsText })
    .from(te)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(q.limit + 1);
}

export async function getEvent(db: DbOrTx, id: string) {
  const [row] = await db.select().from(te).where(eq(te.id, id));
  return row ?? null;
}

/** The lock every writer of an event's registrations takes first: seats are counted under it. */
export async function lockEvent(db: DbOrTx, id: string) {
  const [row] = await db.select().from(te).where(eq(te.id, id)).for('update');
  return row ?? null;
}

export async function getEventByPublicToken(db: DbOrTx, token: string) {
  const [row] = await db.select().from(te).where(eq(te.publicRegistrationToken, token));
  return row ?? null;
}

export async function insertEvent(db: DbOrTx, values: typeof te.$inferInsert) {
  const [row] = await db.insert(te).values(values).returning();
  return row as EventRow;
}

export async function updateEvent(db: DbOrTx, id: string, version: number, patch: Partial<typeof te.$inferInsert>) {
  const [row] = await db
    .update(te)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(te.id, id), eq(te.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteEvent(db: DbOrTx, id: string) {
  const [row] = await db.delete(te).where(eq(te.id, id)).returning({ id: te.id });
  return row ?? null;
}

export async function hasCheckIns(db: DbOrTx, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: tr.id })
    .from(tr)
    .where(and(eq(tr.eventId, eventId), isNotNull(tr.checkedInAt)))
    .limit(1);
  return Boolean(row);
}

// ——— registrations ———

/**
 * Place in its mode's queue, counted over the whole event (not over a filtered page). Written
 * out because drizzle leaves columns unqualified in single-table selects, which a correlated
 * subquery over the same table cannot use.
 */
const waitlistPosition = sql<number | null>`case when "training_registrations"."status" = 'waitlisted' then (
  select count(*)::int from "training_registrations" as w
  where w.event_id = "training_registrations"."event_id" and w.mode = "training_registrations"."mode"
    and w.status = 'waitlisted' and w.queue_seq <= "training_registrations"."queue_seq"
) end`;

export type RegistrationWithPosition = { registration: RegistrationRow; waitlistPosition: number | null };

export function toTrainingRegistration(r: RegistrationWithPosition): TrainingRegistration & { version: number } {
  const g = r.registration;
  return {
    id: g.id,
    eventId: g.eventId,
    number: g.seq,
    name: g.name,
    nameKana: g.nameKana,
    affiliation: g.affiliation,
    organisationName: g.organisationName,
    email: g.email,
    mode: g.mode,
    status: g.status,
    waitlistPosition: g.status === 'waitlisted' ? r.waitlistPosition : null,
    checkedInAt: g.checkedInAt?.toISOString() ?? null,
    noShow: g.noShow,
    walkIn: g.walkIn,
    source: g.source,
    ticketToken: g.ticketToken,
    promotedAt: g.promotedAt?.toISOString() ?? null,
    cancelledAt: g.cancelledAt?.toISOString() ?? null,
    contactDetailsPurged: g.contactPurgedAt !== null,
    version: g.version,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** LIKE wildcards in a search term are matched literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface RegistrationFilter {
  searchKey?: string | undefined;
  status?: RegistrationRow['status'] | undefined;
  mode?: AttendanceMode | undefined;
  checkedIn?: boolean | undefined;
}

export async function listRegistrations(
  db: DbOrTx,
  eventId: string,
  filter: RegistrationFilter,
  page: { limit: number; afterSeq: number | null } | null,
): Promise<RegistrationWithPosition[]> {
  const conditions: (SQL | undefined)[] = [
    eq(tr.eventId, eventId),
    filter.searchKey ? sql`${tr.searchKey} like ${`%${escapeLike(filter.searchKey)}%`}` : undefined,
    filter.status ? eq(tr.status, filter.status) : undefined,
    filter.mode ? eq(tr.mode, filter.mode) : undefined,
    filter.checkedIn === undefined ? undefined : filter.checkedIn ? isNotNull(tr.checkedInAt) : isNull(tr.checkedInAt),
    page?.afterSeq != null ? gt(tr.seq, page.afterSeq) : undefined,
  ];
  const query = db
    .select({ registration: tr, waitlistPosition })
    .from(tr)
    .where(and(...conditions))
    .orderBy(asc(tr.seq));
  return page ? query.limit(page.limit + 1) : query;
}

export async function getRegistration(db: DbOrTx, eventId: string, id: string) {
  const [row] = await db
    .select({ registration: tr, waitlistPosition })
    .from(tr)
    .where(and(eq(tr.eventId, eventId), eq(tr.id, id)));
  return row ?? null;
}

export async function getRegistrationByTicket(db: DbOrTx, ticketToken: string) {
  const [row] = await db.select({ registration: tr, waitlistPosition }).from(tr).where(eq(tr.ticketToken, ticketToken));
  return row ?? null;
}

/** The registration row locked for a change (its event must be locked first). */
export async function lockRegistration(db: DbOrTx, eventId: string, id: string) {
  const [row] = await db
    .select()
    .from(tr)
    .where(and(eq(tr.eventId, eventId), eq(tr.id, id)))
    .for('update');
  return row ?? null;
}

export async function countConfirmed(db: DbOrTx, eventId: string, mode: AttendanceMode): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tr)
    .where(and(eq(tr.eventId, eventId), eq(tr.mode, mode), eq(tr.status, 'confirmed')));
  return row?.n ?? 0;
}

/** The first `n` waiting in a mode, in queue order. */
export async function firstWaiting(db: DbOrTx, eventId: string, mode: AttendanceMode, n: number) {
  if (n <= 0) return [];
  return db
    .select({ id: tr.id })
    .from(tr)
    .where(and(eq(tr.eventId, eventId), eq(tr.mode, mode), eq(tr.status, 'waitlisted')))
    .orderBy(asc(tr.queueSeq))
    .limit(n);
}

export async function insertRegistration(db: DbOrTx, values: NewRegistrationRow) {
  const [row] = await db.insert(tr).values(values).returning();
  return row as RegistrationRow;
}

export async function setRegistration(db: DbOrTx, id: string, patch: Partial<NewRegistrationRow>, version?: number) {
  const [row] = await db
    .update(tr)
    .set({ ...patch, version: sql`${tr.version} + 1`, updatedAt: new Date() })
    .where(and(eq(tr.id, id), version === undefined ? undefined : eq(tr.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteRegistration(db: DbOrTx, id: string) {
  const [row] = await db.delete(tr).where(eq(tr.id, id)).returning({ id: tr.id });
  return row ?? null;
}

/** Live (not cancelled) registrations of an event holding one of these e-mail addresses (lower case). */
export async function takenEmails(db: DbOrTx, eventId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: sql<string>`lower(${tr.email})` })
    .from(tr)
    .where(and(eq(tr.eventId, eventId), sql`${tr.status} <> 'cancelled'`, inArray(sql`lower(${tr.email})`, emails)));
  return new Set(rows.map((r) => r.email));
}

export const nextQueueSeq = sql`nextval('training_registration_queue_seq')`;
