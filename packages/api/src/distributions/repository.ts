import type { Distribution, RequestMethod } from '@tsunagari/shared';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { distributions as d, distributionPoints as dp, items, stockMovements } from '../db/schema/index.ts';
import { tokyoRange } from '../stock-movements/repository.ts';

const handout = alias(stockMovements, 'handout');
const undo = alias(stockMovements, 'undo');

const columns = {
  ...getTableColumns(d),
  pointName: dp.name,
  pointKind: dp.kind,
  pointOrganisationId: dp.organisationId,
  itemName: items.name,
  movementId: handout.id,
  undoneAt: undo.createdAt,
  occurredAtText: sql<string>`${d.occurredAt}::text`,
};

export type DistributionRow = typeof d.$inferSelect & {
  pointName: string;
  pointKind: Distribution['pointKind'];
  pointOrganisationId: string;
  itemName: string;
  movementId: string;
  undoneAt: Date | null;
  occurredAtText: string;
};

export function toDistribution(r: DistributionRow, undoMinutes: number): Distribution {
  return {
    id: r.id,
    pointId: r.pointId,
    pointName: r.pointName,
    pointKind: r.pointKind,
    itemId: r.itemId,
    itemName: r.itemName,
    occurredAt: r.occurredAt.toISOString(),
    sets: r.sets,
    requestMethod: r.requestMethod,
    cardEnclosed: r.cardEnclosed,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    movementId: r.movementId,
    madeUp: r.madeUp,
    recordedBy: r.recordedByLabel,
    createdAt: r.createdAt.toISOString(),
    undoneAt: r.undoneAt?.toISOString() ?? null,
    undoableUntil: r.undoneAt ? null : new Date(r.createdAt.getTime() + undoMinutes * 60_000).toISOString(),
  };
}

function selectDistributions(db: DbOrTx) {
  return db
    .select(columns)
    .from(d)
    .innerJoin(dp, eq(dp.id, d.pointId))
    .innerJoin(items, eq(items.id, d.itemId))
    .innerJoin(handout, and(eq(handout.distributionId, d.id), eq(handout.kind, 'handout')))
    .leftJoin(undo, and(eq(undo.distributionId, d.id), eq(undo.kind, 'reversal')));
}

export async function getDistribution(db: DbOrTx, id: string): Promise<DistributionRow | null> {
  const [row] = await selectDistributions(db).where(eq(d.id, id));
  return row ?? null;
}

export interface DistributionFilter {
  /** Only hand-outs at points of this organisation (how a partner is scoped). */
  organisationId?: string | null | undefined;
  pointId?: string | undefined;
  itemId?: string | undefined;
  requestMethod?: RequestMethod | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One page (`limit + 1` rows, for pageOf), newest first by occurredAt, id. */
export function listDistributions(
  db: DbOrTx,
  f: DistributionFilter & { limit: number; after: [string, string] | null },
) {
  return selectDistributions(db)
    .where(
      and(
        f.organisationId ? eq(dp.organisationId, f.organisationId) : undefined,
        f.pointId ? eq(d.pointId, f.pointId) : undefined,
        f.itemId ? eq(d.itemId, f.itemId) : undefined,
        f.requestMethod ? eq(d.requestMethod, f.requestMethod) : undefined,
        tokyoRange(d.occurredAt, f.from, f.to),
        f.after ? sql`(${d.occurredAt}, ${d.id}) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(d.occurredAt), desc(d.id))
    .limit(f.limit + 1);
}
