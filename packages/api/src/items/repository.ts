import type { CreateItem, Item, ItemMinimum, UpdateItem } from '@tsunagari/shared';
import { and, eq, gt, ilike, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { distributionPoints, itemPointMinimums, items } from '../db/schema/index.ts';

type Row = typeof items.$inferSelect;
type NewItem = z.output<typeof CreateItem>;

export const toItem = (r: Row): Item => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
  defaultMinimumLevel: r.defaultMinimumLevel,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page (`limit + 1` rows, for pageOf) ordered by name, id. */
export function listItems(db: DbOrTx, opts: { limit: number; after: [string, string] | null; q?: string | undefined }) {
  const after = opts.after;
  return db
    .select()
    .from(items)
    .where(
      and(
        opts.q ? ilike(items.name, `%${escapeLike(opts.q)}%`) : undefined,
        after ? or(gt(items.name, after[0]), and(eq(items.name, after[0]), gt(items.id, after[1]))) : undefined,
      ),
    )
    .orderBy(items.name, items.id)
    .limit(opts.limit + 1);
}

export async function getItem(db: DbOrTx, id: string) {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  return row ?? null;
}

export async function insertItem(db: DbOrTx, input: NewItem) {
  const [row] = await db.insert(items).values(input).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateItem(db: DbOrTx, id: string, version: number, patch: UpdateItem) {
  const [row] = await db
    .update(items)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(items.id, id), eq(items.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteItem(db: DbOrTx, id: string) {
  const [row] = await db.delete(items).where(eq(items.id, id)).returning({ id: items.id, name: items.name });
  return row ?? null;
}

type MinimumRow = typeof itemPointMinimums.$inferSelect & { pointName: string };

export const toItemMinimum = (r: MinimumRow): ItemMinimum => ({
  itemId: r.itemId,
  pointId: r.pointId,
  pointName: r.pointName,
  minimumLevel: r.minimumLevel,
  updatedAt: r.updatedAt.toISOString(),
});

function selectMinimums(db: DbOrTx) {
  return db
    .select({
      itemId: itemPointMinimums.itemId,
      pointId: itemPointMinimums.pointId,
      minimumLevel: itemPointMinimums.minimumLevel,
      updatedAt: itemPointMinimums.updatedAt,
      pointName: distributionPoints.name,
    })
    .from(itemPointMinimums)
    .innerJoin(distributionPoints, eq(distributionPoints.id, itemPointMinimums.pointId));
}

export function listMinimums(db: DbOrTx, itemId: string) {
  return selectMinimums(db)
    .where(eq(itemPointMinimums.itemId, itemId))
    .orderBy(distributionPoints.name, distributionPoints.id);
}

export async function getMinimum(db: DbOrTx, itemId: string, pointId: string) {
  const [row] = await selectMinimums(db).where(
    and(eq(itemPointMinimums.itemId, itemId), eq(itemPointMinimums.pointId, pointId)),
  );
  return row ?? null;
}

/** Sets the override; true when it replaced one. */
export async function upsertMinimum(db: DbOrTx, itemId: string, pointId: string, minimumLevel: number) {
  const existed = await getMinimum(db, itemId, pointId);
  await db
    .insert(itemPointMinimums)
    .values({ itemId, pointId, minimumLevel })
    .onConflictDoUpdate({
      target: [itemPointMinimums.itemId, itemPointMinimums.pointId],
      set: { minimumLevel, updatedAt: new Date() },
    });
  return existed !== null;
}

export async function deleteMinimum(db: DbOrTx, itemId: string, pointId: string) {
  const [row] = await db
    .delete(itemPointMinimums)
    .where(and(eq(itemPointMinimums.itemId, itemId), eq(itemPointMinimums.pointId, pointId)))
    .returning({ itemId: itemPointMinimums.itemId });
  return row ?? null;
}
