import {
  type ConsultationWindow,
  CreateConsultationWindow,
  holidayName,
  isOpenAt,
  nextOpening,
  type PublicConsultationWindow,
  type Topic,
  tokyoParts,
  type UpdateConsultationWindow,
} from '@tsunagari/shared';
import { and, arrayContains, eq, getTableColumns, gt, gte, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { consultationWindows as cw, organisations } from '../db/schema/index.ts';

type Row = typeof cw.$inferSelect & { organisationName: string };
type NewWindow = z.output<typeof CreateConsultationWindow>;

const columns = { ...getTableColumns(cw), organisationName: organisations.name };

export const toConsultationWindow = (r: Row): ConsultationWindow => ({
  id: r.id,
  name: r.name,
  description: r.description,
  topics: r.topics,
  organisationId: r.organisationId,
  organisationName: r.organisationName,
  place: r.place,
  address: r.address,
  phone: r.phone,
  phoneExtension: r.phoneExtension,
  reservationRequired: r.reservationRequired,
  reservationNote: r.reservationNote,
  channels: r.channels,
  womenOnly: r.womenOnly,
  isNew: r.isNew,
  validFrom: r.validFrom,
  validTo: r.validTo,
  closureDates: r.closureDates,
  opensOnHolidays: r.opensOnHolidays,
  schedule: r.schedule,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The directory's view of a window: no internal ids or versions, "open now" computed for `at`. */
export function toPublicConsultationWindow(r: Row, at: Date): PublicConsultationWindow {
  const next = nextOpening(r, at);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    topics: r.topics,
    organisationName: r.organisationName,
    place: r.place,
    address: r.address,
    phone: r.phone,
    phoneExtension: r.phoneExtension,
    reservationRequired: r.reservationRequired,
    reservationNote: r.reservationNote,
    channels: r.channels,
    womenOnly: r.womenOnly,
    isNew: r.isNew,
    validFrom: r.validFrom,
    validTo: r.validTo,
    opensOnHolidays: r.opensOnHolidays,
    schedule: r.schedule,
    openNow: isOpenAt(r, at),
    nextOpening: next ? { opens: next.opens.toISOString(), closes: next.closes.toISOString() } : null,
  };
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** One stored order, so reads, ETags and the schedule grid do not depend on how a client sent them. */
function normalise<T extends Partial<NewWindow>>(v: T): T {
  return {
    ...v,
    ...(v.topics && { topics: unique(v.topics) }),
    ...(v.channels && { channels: unique(v.channels) }),
    ...(v.closureDates && { closureDates: unique(v.closureDates).sort() }),
    ...(v.schedule && {
      schedule: [...v.schedule].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
    }),
  };
}

export interface WindowFilter {
  topic?: Topic | undefined;
  /** Only windows of this organisation (also how a partner is scoped). */
  organisationId?: string | undefined;
  /** Name contains, case-insensitive. */
  q?: string | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(f: WindowFilter): SQL | undefined {
  return and(
    f.topic ? arrayContains(cw.topics, [f.topic]) : undefined,
    f.organisationId ? eq(cw.organisationId, f.organisationId) : undefined,
    f.q ? ilike(cw.name, `%${escapeLike(f.q)}%`) : undefined,
  );
}

const afterKey = (after: [string, string] | null) =>
  after ? or(gt(cw.name, after[0]), and(eq(cw.name, after[0]), gt(cw.id, after[1]))) : undefined;

function selectWindows(db: DbOrTx, where: SQL | undefined, take: number) {
  return db
    .select(columns)
    .from(cw)
    .innerJoin(organisations, eq(organisations.id, cw.organisationId))
    .where(where)
    .orderBy(cw.name, cw.id)
    .limit(take);
}

/** One page (`limit + 1` rows, for pageOf) ordered by name, id. */
export function listWindows(db: DbOrTx, opts: WindowFilter & { limit: number; after: [string, string] | null }) {
  return selectWindows(db, and(filterConditions(opts), afterKey(opts.after)), opts.limit + 1);
}

/**
 * Necessary conditions for being open at an instant that SQL can check cheaply: the window runs
 * that day, is not closed that day, has an interval on that weekday, and opens on a holiday if it is one.
 */
function mayBeOpenOn(instant: Date): SQL | undefined {
  const { date, weekday } = tokyoParts(instant);
  return and(
    lte(cw.validFrom, date),
    or(isNull(cw.validTo), gte(cw.validTo, date)),
    sql`not (${date}::date = any(${cw.closureDates}))`,
    sql`${cw.schedule} @> ${JSON.stringify([{ weekday }])}::jsonb`,
    holidayName(date) ? eq(cw.opensOnHolidays, true) : undefined,
  );
}

const OPEN_AT_BATCH = 200;

/**
 * Windows open at `instant`, one page (`limit + 1` rows, for pageOf) ordered by name, id.
 *
 * Whether a window is open is decided by `isOpenAt` from @tsunagari/shared, the same code the
 * directory and the SPA use, so the rule (Tokyo time, holidays, closures) lives in one place.
 * SQL narrows the candidates to windows that run that day on that weekday (`mayBeOpenOn`); the
 * remaining check (the hour, mostly) runs here. Because that check drops rows after the SQL
 * LIMIT, candidates are read in keyset batches until the page is full or they run out: every
 * page is full and the cursor always points at the last window returned, so no window is skipped
 * or repeated. The work is bounded by the number of windows running on that weekday.
 */
export async function listWindowsOpenAt(
  db: DbOrTx,
  opts: WindowFilter & { limit: number; after: [string, string] | null; instant: Date },
): Promise<Row[]> {
  const want = opts.limit + 1;
  const found: Row[] = [];
  let after = opts.after;
  for (;;) {
    const batch = await selectWindows(
      db,
      and(filterConditions(opts), mayBeOpenOn(opts.instant), afterKey(after)),
      Math.max(want, OPEN_AT_BATCH),
    );
    for (const row of batch) {
      if (!isOpenAt(row, opts.instant)) continue;
      found.push(row);
      if (found.length === want) return found;
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < Math.max(want, OPEN_AT_BATCH)) return found;
    after = [last.name, last.id];
  }
}

/** Upper bound on the public directory: a city has tens of windows, never this many. */
export const DIRECTORY_MAX = 500;

/** Windows that have not ended by `date` (running now or announced), for the public directory. */
export function listDirectory(db: DbOrTx, opts: { topic?: Topic | undefined; date: string }) {
  return selectWindows(
    db,
    and(filterConditions({ topic: opts.topic }), or(isNull(cw.validTo), gte(cw.validTo, opts.date))),
    DIRECTORY_MAX,
  );
}

export async function getWindow(db: DbOrTx, id: string): Promise<Row | null> {
  const [row] = await selectWindows(db, eq(cw.id, id), 1);
  return row ?? null;
}

export async function insertWindow(db: DbOrTx, input: NewWindow): Promise<string> {
  const [row] = await db.insert(cw).values(normalise(input)).returning({ id: cw.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateWindow(db: DbOrTx, id: string, version: number, patch: UpdateConsultationWindow) {
  const [row] = await db
    .update(cw)
    .set({ ...normalise(patch), version: version + 1, updatedAt: new Date() })
    .where(and(eq(cw.id, id), eq(cw.version, version)))
    .returning({ id: cw.id });
  return row ?? null;
}

/** Deletes, when `version` is given only that version; null when nothing matched. */
export async function deleteWindow(db: DbOrTx, id: string, version?: number) {
  const [row] = await db
    .delete(cw)
    .where(and(eq(cw.id, id), version === undefined ? undefined : eq(cw.version, version)))
    .returning({ id: cw.id, name: cw.name });
  return row ?? null;
}

/** Validates and stores windows that come from code (the demo set) exactly like the API would. */
export async function insertWindows(db: DbOrTx, inputs: CreateConsultationWindow[]) {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => normalise(CreateConsultationWindow.parse(input)));
  return db.insert(cw).values(rows).returning({ id: cw.id, name: cw.name });
}
