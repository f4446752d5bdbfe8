import {
  addDaysIso,
  type StockLevel,
  type StockMovement,
  type StockMovementKind,
  tokyoInstant,
} from '@tsunagari/shared';
import { and, desc, eq, getTableColumns, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { distributionPoints as dp, itemPointMinimums, items, stockMovements as sm } from '../db/schema/index.ts';

const reversal = alias(sm, 'reversal');

const columns = {
  ...getTableColumns(sm),
  pointName: dp.name,
  pointOrganisationId: dp.organisationId,
  itemName: items.name,
  reversedById: reversal.id,
  /** PostgreSQL's own text of the instant, for cursors: a JS Date would drop microseconds. */
  occurredAtText: sql<string>`${sm.occurredAt}::text`,
};

export type MovementRow = typeof sm.$inferSelect & {
  pointName: string;
  pointOrganisationId: string;
  itemName: string;
  reversedById: string | null;
  occurredAtText: string;
};

export const toStockMovement = (r: MovementRow): StockMovement => ({
  id: r.id,
  kind: r.kind,
  pointId: r.pointId,
  pointName: r.pointName,
  itemId: r.itemId,
  itemName: r.itemName,
  quantity: r.quantity,
  occurredAt: r.occurredAt.toISOString(),
  source: r.source,
  note: r.note,
  countedLevel: r.countedLevel,
  reason: r.reason,
  transferId: r.transferId,
  counterpartPointId: r.counterpartPointId,
  reversesId: r.reversesId,
  reversedById: r.reversedById,
  distributionId: r.distributionId,
  madeUp: r.madeUp,
  recordedBy: r.recordedByLabel,
  createdAt: r.createdAt.toISOString(),
});

function selectMovements(db: DbOrTx) {
  return db
    .select(columns)
    .from(sm)
    .innerJoin(dp, eq(dp.id, sm.pointId))
    .innerJoin(items, eq(items.id, sm.itemId))
    .leftJoin(reversal, eq(reversal.reversesId, sm.id));
}

/** Movements by id, in the order of `ids`. */
export async function getMovements(db: DbOrTx, ids: string[]): Promise<MovementRow[]> {
  if (ids.length === 0) return [];
  const rows = await selectMovements(db).where(inArray(sm.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function getMovement(db: DbOrTx, id: string): Promise<MovementRow | null> {
  const [row] = await getMovements(db, [id]);
  return row ?? null;
}

/** Instants bounding the calendar dates `from`..`to` (inclusive) in Asia/Tokyo. */
export function tokyoRange(column: AnyPgColumn, from?: string, to?: string): SQL | undefined {
  return and(
    from ? gte(column, tokyoInstant(from, '00:00')) : undefined,
    to ? lt(column, tokyoInstant(addDaysIso(to, 1), '00:00')) : undefined,
  );
}

export interface MovementFilter {
  /** Only movements at points of this organisation (how a partner is scoped). */
  organisationId?: string | null | undefined;
  pointId?: string | undefined;
  itemId?: string | undefined;
  kind?: StockMovementKind | undefined;
  transferId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One page (`limit + 1` rows, for pageOf), newest first by occurredAt, id. */
export function listMovements(db: DbOrTx, f: MovementFilter & { limit: number; after: [string, string] | null }) {
  return selectMovements(db)
    .where(
      and(
        f.organisationId ? eq(dp.organisationId, f.organisationId) : undefined,
        f.pointId ? eq(sm.pointId, f.pointId) : undefined,
        f.itemId ? eq(sm.itemId, f.itemId) : undefined,
        f.kind ? eq(sm.kind, f.kind) : undefined,
        f.transferId ? eq(sm.transferId, f.transferId) : undefined,
        tokyoRange(sm.occurredAt, f.from, f.to),
        f.after ? sql`(${sm.occurredAt}, ${sm.id}) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(sm.occurredAt), desc(sm.id))
    .limit(f.limit + 1);
}

export type LevelRow = StockLevel & { pointId: string };

/**
 * Levels of every item at the chosen points, summed from the ledger in SQL; items a point never
 * held come out at 0. The minimum is the point's override, else the item's default.
 */
export async function ledgerLevels(
  db: DbOrTx,
  f: { pointId?: string | undefined; organisationId?: string | null | undefined; itemId?: string | undefined },
): Promise<LevelRow[]> {
  const ledger = db
    .select({
      pointId: sm.pointId,
      itemId: sm.itemId,
      level: sql<number>`sum(${sm.quantity})::int`.as('level'),
    })
    .from(sm)
    .where(and(f.pointId ? eq(sm.pointId, f.pointId) : undefined, f.itemId ? eq(sm.itemId, f.itemId) : undefined))
    .groupBy(sm.pointId, sm.itemId)
    .as('ledger');
  const rows = await db
    .select({
      pointId: dp.id,
      itemId: items.id,
      itemName: items.name,
      unit: items.unit,
      level: sql<number>`coalesce(${ledger.level}, 0)`.mapWith(Number),
      minimumLevel: sql<number>`coalesce(${itemPointMinimums.minimumLevel}, ${items.defaultMinimumLevel})`.mapWith(
        Number,
      ),
    })
    .from(dp)
    .crossJoin(items)
    .leftJoin(ledger, and(eq(ledger.pointId, dp.id), eq(ledger.itemId, items.id)))
    .leftJoin(itemPointMinimums, and(eq(itemPointMinimums.pointId, dp.id), eq(itemPointMinimums.itemId, items.id)))
    .where(
      and(
        f.pointId ? eq(dp.id, f.pointId) : undefined,
        f.organisationId ? eq(dp.organisationId, f.organisationId) : undefined,
        f.itemId ? eq(items.id, f.itemId) : undefined,
      ),
    )
    .orderBy(dp.name, dp.id, items.name, items.id);
  return rows.map((r) => ({ ...r, belowMinimum: r.level < r.minimumLevel }));
}
