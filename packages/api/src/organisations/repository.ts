import type { CreateOrganisation, Organisation, UpdateOrganisation } from '@tsunagari/shared';
import { and, eq, gt, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { organisations } from '../db/schema/index.ts';

type Row = typeof organisations.$inferSelect;

export const toOrganisation = (r: Row): Organisation & { version: number } => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listOrganisations(
  db: DbOrTx,
  opts: { limit: number; after: [string, string] | null; kind?: Row['kind'] | undefined },
) {
  const after = opts.after;
  return db
    .select()
    .from(organisations)
    .where(
      and(
        after
          ? or(gt(organisations.name, after[0]), and(eq(organisations.name, after[0]), gt(organisations.id, after[1])))
          : undefined,
        opts.kind ? eq(organisations.kind, opts.kind) : undefined,
      ),
    )
    .orderBy(organisations.name, organisations.id)
    .limit(opts.limit + 1);
}

export async function getOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

export async function insertOrganisation(db: DbOrTx, input: CreateOrganisation) {
  const [row] = await db.insert(organisations).values(input).returning();
  return row as Row;
}

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateOrganisation(db: DbOrTx, id: string, version: number, patch: UpdateOrganisation) {
  const [row] = await db
    .update(organisations)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning();
  return row ?? null;
}

export async function deleteOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.delete(organisations).where(eq(organisations.id, id)).returning({ id: organisations.id });
  return row ?? null;
}
