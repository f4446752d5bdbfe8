import {
  type MetricDirection,
  MetricDirections,
  type MetricUnit,
  MetricUnits,
  type StoredMetricDefinition,
} from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * 目標数値: a target of a fiscal year. The definition is kept as JSON (validated by the shared
 * schema and against the records when written); the records it names are looked up by the
 * report, so a metric never holds a copy of a figure that could go stale.
 */
export const targetMetrics = pgTable(
  'target_metrics',
  {
    id: id(),
    fiscalYear: integer().notNull(),
    label: text().notNull(),
    unit: text().$type<MetricUnit>().notNull(),
    target: doublePrecision().notNull(),
    direction: text().$type<MetricDirection>().notNull(),
    description: text(),
    position: integer().notNull().default(0),
    definition: jsonb().$type<StoredMetricDefinition>().notNull(),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    unique('target_metrics_year_label').on(t.fiscalYear, t.label),
    index().on(t.fiscalYear, t.position, t.id),
    check('target_metrics_unit', sql`${t.unit} in (${inList(MetricUnits)})`),
    check('target_metrics_direction', sql`${t.direction} in (${inList(MetricDirections)})`),
    check('target_metrics_target', sql`${t.target} >= 0`),
    check('target_metrics_kind', sql`jsonb_typeof(${t.definition} -> 'kind') = 'string'`),
  ],
);

/** The history of a manual metric: values are added, never edited, so the trail stays. */
export const targetMetricManualValues = pgTable(
  'target_metric_manual_values',
  {
    id: id(),
    metricId: uuid()
      .notNull()
      .references(() => targetMetrics.id, { onDelete: 'cascade' }),
    value: doublePrecision().notNull(),
    asOf: date({ mode: 'string' }).notNull(),
    note: text(),
    recordedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.metricId, t.asOf, t.createdAt)],
);

/** 今後の課題 of a fiscal year's results report: one editable text per year. */
export const resultsReportChallenges = pgTable('results_report_challenges', {
  fiscalYear: integer().primaryKey(),
  text: text().notNull(),
  version: integer().notNull().default(1),
  updatedBy: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
