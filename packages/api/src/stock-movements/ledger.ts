/**
 * The rules of the stock ledger: every write locks the (point, item) rows it touches, checks
 * against the level under that lock, writes immutable ledger rows and keeps the lock row's level
 * equal to the ledger sum, all in the caller's transaction. Hand-outs (../distributions) write
 * through here too, so no path can take a point below zero.
 */
import type { ReceiptSource, RequestMethod } from '@tsunagari/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/client.ts';
import { distributions, items, stockMovements as sm, stockBalances } from '../db/schema/index.ts';
import { HttpProblem } from '../lib/problem.ts';

export interface Actor {
  id: string | null;
  label: string | null;
}

export const actorOf = (request: FastifyRequest): Actor => ({
  id: request.principal.id,
  label: request.principal.label,
});

interface Key {
  pointId: string;
  itemId: string;
}

export interface LedgerWrite {
  /** The rows written, in order (for a transfer: the source's row first). */
  movementIds: string[];
  levels: (Key & { level: number })[];
}

const keyOf = (k: Key) => `${k.pointId}/${k.itemId}`;

/**
 * Locks the balance row of each (point, item), creating it at level 0 when the pair never moved,
 * and returns the levels. Rows are locked in one fixed order, so two transfers between the same
 * points in opposite directions cannot deadlock.
 */
async function lockLevels(tx: Tx, keys: Key[]): Promise<Map<string, number>> {
  // Plain code-unit order: the same in every process, whatever its locale.
  const unique = [...new Map(keys.map((k) => [keyOf(k), k])).values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  const levels = new Map<string, number>();
  for (const k of unique) {
    await tx.insert(stockBalances).values(k).onConflictDoNothing();
    const [row] = await tx
      .select({ level: stockBalances.level })
      .from(stockBalances)
      .where(and(eq(stockBalances.pointId, k.pointId), eq(stockBalances.itemId, k.itemId)))
      .for('update');
    if (!row) throw new Error('balance row missing after insert');
    levels.set(keyOf(k), row.level);
  }
  return levels;
}

function outOfStock(available: number, requested: number, k: Key): HttpProblem {
  return new HttpProblem(
    409,
    'out_of_stock',
    `The point holds ${available}; ${requested} would take it below zero`,
    undefined,
    { available, pointId: k.pointId, itemId: k.itemId },
  );
}

type NewMovement = typeof sm.$inferInsert;

/** Inserts ledger rows and moves each balance by the same amounts; the balance check (>= 0) is the last guard. */
async function write(tx: Tx, rows: NewMovement[]): Promise<LedgerWrite> {
  const inserted = await tx.insert(sm).values(rows).returning({ id: sm.id });
  const deltas = new Map<string, Key & { delta: number }>();
  for (const r of rows) {
    const k = keyOf(r);
    const d = deltas.get(k) ?? { pointId: r.pointId, itemId: r.itemId, delta: 0 };
    d.delta += r.quantity;
    deltas.set(k, d);
  }
  const levels: LedgerWrite['levels'] = [];
  for (const d of deltas.values()) {
    const [row] = await tx
      .update(stockBalances)
      .set({ level: sql`${stockBalances.level} + ${d.delta}`, updatedAt: sql`now()` })
      .where(and(eq(stockBalances.pointId, d.pointId), eq(stockBalances.itemId, d.itemId)))
      .returning({ level: stockBalances.level });
    if (!row) throw new Error('balance row missing; lockLevels was not called');
    levels.push({ pointId: d.pointId, itemId: d.itemId, level: row.level });
  }
  return { movementIds: inserted.map((r) => r.id), levels };
}

export async function recordReceipt(
  tx: Tx,
  actor: Actor,
  input: Key & { quantity: number; source: ReceiptSource; note: string | null; occurredAt: Date },
): Promise<LedgerWrite> {
  await lockLevels(tx, [input]);
  return write(tx, [
    {
      pointId: input.pointId,
      itemId: input.itemId,
      kind: 'receipt',
      quantity: input.quantity,
      source: input.source,
      note: input.note,
      occurredAt: input.occurredAt,
      recordedBy: actor.id,
      recordedByLabel: actor.label,
    },
  ]);
}

/** Both sides in the caller's transaction: either both rows are written or neither. */
export async function recordTransfer(
  tx: Tx,
  actor: Actor,
  input: {
    fromPointId: string;
    toPointId: string;
    itemId: string;
    quantity: number;
    note: string | null;
    occurredAt: Date;
  },
): Promise<LedgerWrite> {
  const from = { pointId: input.fromPointId, itemId: input.itemId };
  const to = { pointId: input.toPointId, itemId: input.itemId };
  const levels = await lockLevels(tx, [from, to]);
  const available = levels.get(keyOf(from)) ?? 0;
  if (available < input.quantity) throw outOfStock(available, input.quantity, from);
  const transferId = crypto.randomUUID();
  const common = {
    itemId: input.itemId,
    kind: 'transfer' as const,
    note: input.note,
    occurredAt: input.occurredAt,
    transferId,
    recordedBy: actor.id,
    recordedByLabel: actor.label,
  };
  return write(tx, [
    { ...common, pointId: from.pointId, counterpartPointId: to.pointId, quantity: -input.quantity },
    { ...common, pointId: to.pointId, counterpartPointId: from.pointId, quantity: input.quantity },
  ]);
}

/** A stocktake: the movement is the counted level minus the ledger sum, computed in SQL under the lock. */
export async function recordAdjustment(
  tx: Tx,
  actor: Actor,
  input: Key & { countedLevel: number; reason: string; occurredAt: Date },
): Promise<LedgerWrite> {
  await lockLevels(tx, [input]);
  const [row] = await tx
    .select({
      delta: sql<number>`(${input.countedLevel}::int - coalesce(sum(${sm.quantity}), 0))::int`.mapWith(Number),
    })
    .from(sm)
    .where(and(eq(sm.pointId, input.pointId), eq(sm.itemId, input.itemId)));
  if (!row) throw new Error('aggregate returned no row');
  return write(tx, [
    {
      pointId: input.pointId,
      itemId: input.itemId,
      kind: 'adjustment',
      quantity: row.delta,
      countedLevel: input.countedLevel,
      reason: input.reason,
      occurredAt: input.occurredAt,
      recordedBy: actor.id,
      recordedByLabel: actor.label,
    },
  ]);
}

export interface HandoutInput extends Key {
  sets: number;
  occurredAt: Date;
  requestMethod: RequestMethod;
  cardEnclosed: boolean;
  periodFrom: string | null;
  periodTo: string | null;
  madeUp?: boolean;
}

/** A hand-out record and its ledger row; 409 out_of_stock (with `available`) when the point holds too little. */
export async function recordHandout(
  tx: Tx,
  actor: Actor,
  input: HandoutInput,
): Promise<LedgerWrite & { distributionId: string }> {
  const levels = await lockLevels(tx, [input]);
  const available = levels.get(keyOf(input)) ?? 0;
  if (available < input.sets) throw outOfStock(available, input.sets, input);
  const [distribution] = await tx
    .insert(distributions)
    .values({
      pointId: input.pointId,
      itemId: input.itemId,
      occurredAt: input.occurredAt,
      sets: input.sets,
      requestMethod: input.requestMethod,
      cardEnclosed: input.cardEnclosed,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      madeUp: input.madeUp ?? false,
      recordedBy: actor.id,
      recordedByLabel: actor.label,
    })
    .returning({ id: distributions.id });
  if (!distribution) throw new Error('insert returned no row');
  const result = await write(tx, [
    {
      pointId: input.pointId,
      itemId: input.itemId,
      kind: 'handout',
      quantity: -input.sets,
      occurredAt: input.occurredAt,
      distributionId: distribution.id,
      madeUp: input.madeUp ?? false,
      recordedBy: actor.id,
      recordedByLabel: actor.label,
    },
  ]);
  return { ...result, distributionId: distribution.id };
}

/**
 * Reverses a movement (both rows of a transfer) with rows of the opposite quantity. Refused when
 * the movement is a reversal itself, is reversed already, or when reversing would take a point
 * below zero (e.g. reversing a receipt whose stock has been handed out).
 */
export async function recordReversal(
  tx: Tx,
  actor: Actor,
  target: typeof sm.$inferSelect,
  reason: string,
): Promise<LedgerWrite> {
  if (target.kind === 'reversal') {
    throw new HttpProblem(409, 'not_reversible', 'A reversal cannot be reversed; record the movement again instead');
  }
  const originals =
    target.kind === 'transfer' && target.transferId
      ? await tx
          .select()
          .from(sm)
          .where(and(eq(sm.transferId, target.transferId), eq(sm.kind, 'transfer')))
          .orderBy(asc(sm.quantity))
      : [target];
  const levels = await lockLevels(tx, originals);
  // Checked under the locks: two concurrent reversals of one movement lock the same rows and queue.
  const reversed = await tx
    .select({ id: sm.id })
    .from(sm)
    .where(
      inArray(
        sm.reversesId,
        originals.map((o) => o.id),
      ),
    );
  if (reversed.length > 0) {
    throw new HttpProblem(409, 'already_reversed', 'This movement has been reversed already');
  }
  for (const o of originals) {
    const level = levels.get(keyOf(o)) ?? 0;
    if (level - o.quantity < 0) throw outOfStock(level, o.quantity, o);
  }
  return write(
    tx,
    originals.map((o) => ({
      pointId: o.pointId,
      itemId: o.itemId,
      kind: 'reversal' as const,
      quantity: -o.quantity,
      occurredAt: new Date(),
      reason,
      reversesId: o.id,
      transferId: o.transferId,
      counterpartPointId: o.counterpartPointId,
      distributionId: o.distributionId,
      recordedBy: actor.id,
      recordedByLabel: actor.label,
    })),
  );
}

/** The item named in a request body, or 422 unknown_item. */
export async function knownItem(tx: Tx, id: string, field = 'itemId') {
  const [row] = await tx.select({ id: items.id, name: items.name }).from(items).where(eq(items.id, id));
  if (!row) {
    throw new HttpProblem(422, 'unknown_item', 'The item does not exist', [
      { path: `body.${field}`, message: 'no item with this id' },
    ]);
  }
  return row;
}
