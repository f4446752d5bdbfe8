import type { ManualValue, MetricDefinition, StoredMetricDefinition, TargetMetric } from '@tsunagari/shared';
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { targetMetricManualValues as mv, targetMetrics } from '../db/schema/index.ts';

export type MetricRow = typeof targetMetrics.$inferSelect;
type ManualRow = typeof mv.$inferSelect;

export type NewMetric = Omit<typeof targetMetrics.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

const toManualValue = (v: ManualRow): ManualValue => ({
  id: v.id,
  value: v.value,
  asOf: v.asOf,
  note: v.note,
  recordedBy: v.recordedBy,
  createdAt: v.createdAt.toISOString(),
});

/** A stored row as the API shows it; a manual metric's history comes from its own table. */
export function toTargetMetric(row: MetricRow, manual: ManualRow[] = []): TargetMetric {
  const definition: MetricDefinition =
    row.definition.kind === 'manual'
      ? { kind: 'manual', entries: manual.map(toManualValue) }
      : (row.definition as Exclude<MetricDefinition, { kind: 'manual' }>);
  return {
    id: row.id,
    fiscalYear: row.fiscalYear,
    label: row.label,
    unit: row.unit,
    target: row.target,
    direction: row.direction,
    description: row.description,
    position: row.position,
    definition,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const order = [
  asc(targetMetrics.fiscalYear),
  asc(targetMetrics.position),
  asc(targetMetrics.label),
  asc(targetMetrics.id),
];

export async function listMetrics(
  db: DbOrTx,
  opts: { fiscalYear?: number | undefined; limit: number; after: [number, number, string, string] | null },
) {
  const t = targetMetrics;
  const after = opts.after;
  return db
    .select()
    .from(t)
    .where(
      and(
        opts.fiscalYear !== undefined ? eq(t.fiscalYear, opts.fiscalYear) : undefined,
        after
          ? sql`(${t.fiscalYear}, ${t.position}, ${t.label}, ${t.id}) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(...order)
    .limit(opts.limit + 1);
}

/** Every metric of a fiscal year, in report order. */
export async function metricsOfYear(db: DbOrTx, fiscalYear: number) {
  return db
    .select()
    .from(targetMetrics)
    .where(eq(targetMetrics.fiscalYear, fiscalYear))
    .orderBy(...order);
}

export async function getMetric(db: DbOrTx, id: string) {
  const [row] = await db.select().from(targetMetrics).where(eq(targetMetrics.id, id));
  return row ?? null;
}

/** Locks the metric row, so that values added at once get their versions in turn. */
export async function lockMetric(db: DbOrTx, id: string) {
  const [row] = await db.select().from(targetMetrics).where(eq(targetMetrics.id, id)).for('update');
  return row ?? null;
}

/** The manual histories of several metrics in one query, oldest value first. */
export async function manualValuesOf(db: DbOrTx, metricIds: string[]): Promise<Map<string, ManualRow[]>> {
  const byMetric = new Map<string, ManualRow[]>();
  if (metricIds.length === 0) return byMetric;
  const rows = await db
    .select()
    .from(mv)
    .where(inArray(mv.metricId, metricIds))
    .orderBy(asc(mv.asOf), asc(mv.createdAt), asc(mv.id));
  for (const row of rows) {
    const list = byMetric.get(row.metricId);
    if (list) list.push(row);
    else byMetric.set(row.metricId, [row]);
  }
  return byMetric;
}

export async function nextPosition(db: DbOrTx, fiscalYear: number): Promise<number> {
  const [row] = await db
    .select({ last: max(targetMetrics.position) })
    .from(targetMetrics)
    .where(eq(targetMetrics.fiscalYear, fiscalYear));
  return row?.last === null || row?.last === undefined ? 1 : Math.min(999, row.last + 1);
}

export async function insertMetric(db: DbOrTx, values: NewMetric) {
  const [row] = await db.insert(targetMetrics).values(values).returning();
  return row as MetricRow;
}

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateMetric(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<Omit<NewMetric, 'definition'>> & { definition?: StoredMetricDefinition },
) {
  const [row] = await db
    .update(targetMetrics)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(targetMetrics.id, id), eq(targetMetrics.version, version)))
    .returning();
  return row ?? null;
}

/** A new manual value changes the metric: its version goes up, so ETags read before are stale. */
export async function bumpVersion(db: DbOrTx, id: string) {
  const [row] = await db
    .update(targetMetrics)
    .set({ version: sql`${targetMetrics.version} + 1`, updatedAt: new Date() })
    .where(eq(targetMetrics.id, id))
    .returning();
  return row ?? null;
}

export async function insertManualValues(
  db: DbOrTx,
  metricId: string,
  values: { value: number; asOf: string; note?: string | null }[],
  recordedBy: string | null,
) {
  if (values.length === 0) return [];
  return db
    .insert(mv)
    .values(values.map((v) => ({ metricId, value: v.value, asOf: v.asOf, note: v.note ?? null, recordedBy })))
    .returning();
}

export async function deleteMetric(db: DbOrTx, id: string) {
  const [row] = await db.delete(targetMetrics).where(eq(targetMetrics.id, id)).returning({ id: targetMetrics.id });
  return row ?? null;
}

/** The keyset of the list order. */
export const cursorOf = (row: MetricRow) => [row.fiscalYear, row.position, row.label, row.id];
