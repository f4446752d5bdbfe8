import type { Channel, Consultation, ReferralSource, Topic } from '@tsunagari/shared';
import { and, arrayContains, eq, getTableColumns, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { consultations as c, consultationWindows as cw } from '../db/schema/index.ts';

type Table = typeof c.$inferSelect;
export type NewConsultationRow = typeof c.$inferInsert;
type Row = Table & { windowName: string; referredToWindowName: string | null; cursorAt: string };

const referredWindow = alias(cw, 'referred_window');

const columns = {
  ...getTableColumns(c),
  windowName: cw.name,
  referredToWindowName: referredWindow.name,
  // PostgreSQL's own text of the timestamp keeps microseconds for the keyset cursor.
  cursorAt: sql<string>`${c.occurredAt}::text`,
};

export const toConsultation = (r: Row): Consultation => ({
  id: r.id,
  windowId: r.windowId,
  windowName: r.windowName,
  occurredAt: r.occurredAt.toISOString(),
  channel: r.channel,
  topics: r.topics,
  referralSource: r.referralSource,
  cardCode: r.cardCode,
  ageBand: r.ageBand,
  isRepeat: r.isRepeat,
  referredToWindowId: r.referredToWindowId,
  referredToWindowName: r.referredToWindowName,
  referredToExternal: r.referredToExternal,
  followUpNeeded: r.followUpNeeded,
  note: r.note,
  outsideOpeningHours: r.outsideOpeningHours,
  madeUp: r.madeUp,
  recordedBy: { type: r.recordedByType, id: r.recordedById, label: r.recordedByLabel },
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export interface ConsultationFilter {
  windowId?: string | undefined;
  /** Instants bounding the period: from inclusive, to exclusive. */
  from?: Date | undefined;
  to?: Date | undefined;
  channel?: Channel | undefined;
  topic?: Topic | undefined;
  referralSource?: ReferralSource | undefined;
  /** Only consultations at windows of this organisation (how a partner is scoped). */
  organisationId?: string | undefined;
}

function filterConditions(f: ConsultationFilter): SQL | undefined {
  return and(
    f.windowId ? eq(c.windowId, f.windowId) : undefined,
    f.from ? gte(c.occurredAt, f.from) : undefined,
    f.to ? lt(c.occurredAt, f.to) : undefined,
    f.channel ? eq(c.channel, f.channel) : undefined,
    f.topic ? arrayContains(c.topics, [f.topic]) : undefined,
    f.referralSource ? eq(c.referralSource, f.referralSource) : undefined,
    f.organisationId
      ? inArray(c.windowId, sql`(select ${cw.id} from ${cw} where ${cw.organisationId} = ${f.organisationId})`)
      : undefined,
  );
}

function selectConsultations(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(columns)
    .from(c)
    .innerJoin(cw, eq(cw.id, c.windowId))
    .leftJoin(referredWindow, eq(referredWindow.id, c.referredToWindowId))
    .where(where);
}

/** One page (`limit + 1` rows, for pageOf), newest first; `after` is the (occurred_at text, id) of the last row. */
export function listConsultations(
  db: DbOrTx,
  opts: ConsultationFilter & { limit: number; after: [string, string] | null },
) {
  const after = opts.after;
  return selectConsultations(
    db,
    and(
      filterConditions(opts),
      after ? sql`(${c.occurredAt}, ${c.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    ),
  )
    .orderBy(sql`${c.occurredAt} desc`, sql`${c.id} desc`)
    .limit(opts.limit + 1);
}

export async function getConsultation(db: DbOrTx, id: string): Promise<(Row & { organisationId: string }) | null> {
  const [row] = await db
    .select({ ...columns, organisationId: cw.organisationId })
    .from(c)
    .innerJoin(cw, eq(cw.id, c.windowId))
    .leftJoin(referredWindow, eq(referredWindow.id, c.referredToWindowId))
    .where(eq(c.id, id));
  return row ?? null;
}

export async function insertConsultation(db: DbOrTx, values: NewConsultationRow): Promise<string> {
  const [row] = await db.insert(c).values(values).returning({ id: c.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateConsultation(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<NewConsultationRow>,
): Promise<string | null> {
  const [row] = await db
    .update(c)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(c.id, id), eq(c.version, version)))
    .returning({ id: c.id });
  return row?.id ?? null;
}

export async function deleteConsultation(db: DbOrTx, id: string) {
  const [row] = await db.delete(c).where(eq(c.id, id)).returning({ id: c.id, windowId: c.windowId });
  return row ?? null;
}

/** What the rules need of a window: who runs it and when it is open. */
export async function getWindowForConsultation(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: cw.id,
      name: cw.name,
      organisationId: cw.organisationId,
      validFrom: cw.validFrom,
      validTo: cw.validTo,
      closureDates: cw.closureDates,
      opensOnHolidays: cw.opensOnHolidays,
      schedule: cw.schedule,
    })
    .from(cw)
    .where(eq(cw.id, id));
  return row ?? null;
}
export type ConsultationWindowFacts = NonNullable<Awaited<ReturnType<typeof getWindowForConsultation>>>;
