import type {
  CreateDistributionPoint,
  DistributionPoint,
  DistributionPointKind,
  SchoolLevel,
  UpdateDistributionPoint,
} from '@tsunagari/shared';
import { and, eq, getTableColumns, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { distributionPoints as dp, organisations } from '../db/schema/index.ts';

export type PointRow = typeof dp.$inferSelect & { organisationName: string };
type NewPoint = z.output<typeof CreateDistributionPoint>;

const columns = { ...getTableColumns(dp), organisationName: organisations.name };

export const toDistributionPoint = (r: PointRow): DistributionPoint => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  schoolLevel: r.schoolLevel,
  organisationId: r.organisationId,
  organisationName: r.organisationName,
  place: r.place,
  cardCode: r.cardCode,
  validFrom: r.validFrom,
  validTo: r.validTo,
  closureDates: r.closureDates,
  opensOnHolidays: r.opensOnHolidays,
  schedule: r.schedule,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** One stored order, so reads and ETags do not depend on how a client sent the lists. */
function normalise<T extends Partial<NewPoint>>(v: T): T {
  return {
    ...v,
    ...(v.closureDates && { closureDates: [...new Set(v.closureDates)].sort() }),
    ...(v.schedule && {
      schedule: [...v.schedule].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
    }),
  };
}

export interface PointFilter {
  kind?: DistributionPointKind | undefined;
  schoolLevel?: SchoolLevel | undefined;
  /** Only points of this organisation (also how a partner is scoped). */
  organisationId?: string | undefined;
  cardCode?: string | undefined;
  q?: string | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(f: PointFilter): SQL | undefined {
  return and(
    f.kind ? eq(dp.kind, f.kind) : undefined,
    f.schoolLevel ? eq(dp.schoolLevel, f.schoolLevel) : undefined,
    f.organisationId ? eq(dp.organisationId, f.organisationId) : undefined,
    f.cardCode ? eq(dp.cardCode, f.cardCode) : undefined,
    f.q ? ilike(dp.name, `%${escapeLike(f.q)}%`) : undefined,
  );
}

/** One page (`limit + 1` rows, for pageOf) ordered by name, id. */
export function listPoints(db: DbOrTx, f: PointFilter & { limit: number; after: [string, string] | null }) {
  const after = f.after;
  return db
    .select(columns)
    .from(dp)
    .innerJoin(organisations, eq(organisations.id, dp.organisationId))
    .where(
      and(
        conditions(f),
        after ? or(gt(dp.name, after[0]), and(eq(dp.name, after[0]), gt(dp.id, after[1]))) : undefined,
      ),
    )
    .orderBy(dp.name, dp.id)
    .limit(f.limit + 1);
}

export async function getPoint(db: DbOrTx, id: string): Promise<PointRow | null> {
  const [row] = await db
    .select(columns)
    .from(dp)
    .innerJoin(organisations, eq(organisations.id, dp.organisationId))
    .where(eq(dp.id, id));
  return row ?? null;
}

export async function insertPoint(db: DbOrTx, input: NewPoint): Promise<string> {
  const [row] = await db.insert(dp).values(normalise(input)).returning({ id: dp.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Updates only when the stored version is the one the client read; false otherwise. */
export async function updatePoint(db: DbOrTx, id: string, version: number, patch: UpdateDistributionPoint) {
  const rows = await db
    .update(dp)
    .set({ ...normalise(patch), version: version + 1, updatedAt: new Date() })
    .where(and(eq(dp.id, id), eq(dp.version, version)))
    .returning({ id: dp.id });
  return rows.length > 0;
}

export async function deletePoint(db: DbOrTx, id: string) {
  const [row] = await db.delete(dp).where(eq(dp.id, id)).returning({ id: dp.id });
  return row ?? null;
}
