import type { ReceiptSource, RequestMethod, StockMovementKind } from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { distributionPoints } from './distribution-points.ts';

export const items = pgTable(
  'items',
  {
    id: id(),
    name: text().notNull().unique(),
    unit: text().notNull(),
    defaultMinimumLevel: integer().notNull().default(0),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [check('items_default_minimum_level', sql`${t.defaultMinimumLevel} >= 0`)],
);

/** A point's own minimum level of an item, overriding the item's default. */
export const itemPointMinimums = pgTable(
  'item_point_minimums',
  {
    itemId: uuid()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    pointId: uuid()
      .notNull()
      .references(() => distributionPoints.id, { onDelete: 'cascade' }),
    minimumLevel: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.pointId] }),
    index().on(t.pointId),
    check('item_point_minimums_level', sql`${t.minimumLevel} >= 0`),
  ],
);

/** 配付記録: what was handed out, how she asked; its stock effect is a handout row in the ledger. */
export const distributions = pgTable(
  'distributions',
  {
    id: id(),
    pointId: uuid()
      .notNull()
      .references(() => distributionPoints.id),
    itemId: uuid()
      .notNull()
      .references(() => items.id),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    sets: integer().notNull(),
    requestMethod: text().$type<RequestMethod>().notNull(),
    cardEnclosed: boolean().notNull(),
    periodFrom: date({ mode: 'string' }),
    periodTo: date({ mode: 'string' }),
    madeUp: boolean().notNull().default(false),
    recordedBy: uuid(),
    recordedByLabel: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Keyset pages newest first on (occurred_at, id); the trailing columns are what the reports
    // read of a hand-out, so that a period's hand-outs are summed from the index alone. Ascending
    // on purpose: scanned backwards it gives ORDER BY … DESC (NULLS FIRST), which an index built
    // DESC NULLS LAST (drizzle's .desc()) cannot, so PostgreSQL sorted the whole table for a page.
    index().on(t.occurredAt, t.id, t.pointId, t.itemId, t.sets, t.requestMethod),
    index().on(t.pointId, t.occurredAt, t.id),
    check('distributions_sets', sql`${t.sets} >= 1`),
    check(
      'distributions_period',
      sql`(${t.periodFrom} IS NULL) = (${t.periodTo} IS NULL) AND (${t.periodFrom} IS NULL OR ${t.periodFrom} <= ${t.periodTo})`,
    ),
  ],
);

/**
 * The stock ledger: immutable rows whose sum per (point, item) is the level. Nothing updates or
 * deletes a row; a mistake is corrected by a reversal that references it.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    pointId: uuid()
      .notNull()
      .references(() => distributionPoints.id),
    itemId: uuid()
      .notNull()
      .references(() => items.id),
    kind: text().$type<StockMovementKind>().notNull(),
    /** Change of the level at pointId: positive in, negative out. */
    quantity: integer().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    source: text().$type<ReceiptSource>(),
    note: text(),
    countedLevel: integer(),
    reason: text(),
    transferId: uuid(),
    counterpartPointId: uuid().references(() => distributionPoints.id),
    reversesId: uuid().references((): AnyPgColumn => stockMovements.id),
    distributionId: uuid().references(() => distributions.id),
    madeUp: boolean().notNull().default(false),
    recordedBy: uuid(),
    recordedByLabel: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.pointId, t.itemId),
    // Ascending, scanned backwards for pages newest first (see distributions); the trailing columns
    // let the level at a moment be summed from the index alone.
    index().on(t.pointId, t.occurredAt, t.id),
    index().on(t.occurredAt, t.id, t.pointId, t.itemId, t.quantity),
    index().on(t.transferId),
    // The few undone hand-outs: every report's "not undone" test is a probe of this small index.
    index('stock_movements_reversed_distribution_index').on(t.distributionId).where(sql`${t.kind} = 'reversal'`),
    // A movement is reversed at most once; a hand-out has one handout row and at most one reversal.
    uniqueIndex().on(t.reversesId),
    uniqueIndex().on(t.distributionId, t.kind),
    check(
      'stock_movements_kind',
      sql`(${t.kind} = 'receipt' AND ${t.quantity} > 0 AND ${t.source} IS NOT NULL)
       OR (${t.kind} = 'transfer' AND ${t.quantity} <> 0 AND ${t.transferId} IS NOT NULL AND ${t.counterpartPointId} IS NOT NULL)
       OR (${t.kind} = 'handout' AND ${t.quantity} < 0 AND ${t.distributionId} IS NOT NULL)
       OR (${t.kind} = 'adjustment' AND ${t.countedLevel} >= 0 AND ${t.reason} IS NOT NULL)
       OR (${t.kind} = 'reversal' AND ${t.reversesId} IS NOT NULL)`,
    ),
  ],
);

/**
 * One row per (point, item) that has ever moved: the row every writer locks (SELECT … FOR UPDATE)
 * before it checks and writes, so concurrent hand-outs queue instead of overselling. `level` is
 * kept equal to the ledger sum in the same transaction (tests assert it) and may never go below
 * zero; reads still derive levels from the ledger.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    pointId: uuid()
      .notNull()
      .references(() => distributionPoints.id),
    itemId: uuid()
      .notNull()
      .references(() => items.id),
    level: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.itemId] }), check('stock_balances_level', sql`${t.level} >= 0`)],
);

/**
 * Hand-outs per Tokyo calendar day, point and item, less those undone, and the same per calendar
 * month: rollups the reports sum instead of the hand-outs themselves. At scale 1 a fiscal year is
 * ~120,000 hand-outs, ~25,000 daily rows, ~5,200 weekly rows and ~1,200 monthly rows; a period is
 * read as its whole months (or weeks) from the coarser rollup and its remaining days from the daily one
 * (src/reports/handout-totals.ts). Kept by statement triggers (migration 0008_handout_rollups): an
 * insert into distributions adds, a reversal in the ledger that names a distribution subtracts,
 * in the same transaction, so every writer — the API, the demo loader, bulk loads — keeps them
 * exact. Nothing else writes them; distributions are never updated or deleted. A day or month
 * whose hand-outs were all undone keeps its row, with zeros.
 */
export const distributionDaily = pgTable(
  'distribution_daily',
  {
    day: date({ mode: 'string' }).notNull(),
    pointId: uuid().notNull(),
    itemId: uuid().notNull(),
    sets: integer().notNull(),
    handouts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.pointId, t.itemId] }), index().on(t.pointId, t.day)],
);

/** See distributionDaily; `week` is the Monday of the Tokyo calendar week (migration 0009). */
export const distributionWeekly = pgTable(
  'distribution_weekly',
  {
    week: date({ mode: 'string' }).notNull(),
    pointId: uuid().notNull(),
    itemId: uuid().notNull(),
    sets: integer().notNull(),
    handouts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.pointId, t.itemId] })],
);

/** See distributionDaily; `month` is the first day of the Tokyo calendar month. */
export const distributionMonthly = pgTable(
  'distribution_monthly',
  {
    month: date({ mode: 'string' }).notNull(),
    pointId: uuid().notNull(),
    itemId: uuid().notNull(),
    sets: integer().notNull(),
    handouts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.pointId, t.itemId] })],
);
