/**
 * Sets and hand-outs of a period read from the rollups (distribution_monthly, distribution_weekly
 * and distribution_daily, kept by triggers; see db/schema/stock.ts) instead of the hand-outs: the
 * period's whole calendar months (or ISO weeks) from the coarser rollup, the days before and after
 * them from the daily one. Undone hand-outs are already left out. A fiscal year at scale 1 is then
 * ~1,200 monthly rows (or ~5,200 weekly ones) and a few hundred daily ones, against ~120,000
 * hand-outs.
 */
import { addDaysIso, isoWeekday } from '@tsunagari/shared';
import { type SQL, sql } from 'drizzle-orm';
import {
  distributionDaily as daily,
  distributionMonthly as monthly,
  distributionWeekly as weekly,
} from '../db/schema/index.ts';

function firstOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The first day of the first whole unit in from..to, and the first day after the last whole one. */
function wholeUnits(from: string, to: string, grain: 'week' | 'month'): [string, string] {
  if (grain === 'month') {
    const first = from.endsWith('-01') ? from : firstOfNextMonth(from);
    const after = addDaysIso(to, 1) === firstOfNextMonth(to) ? firstOfNextMonth(to) : `${to.slice(0, 7)}-01`;
    return [first, after];
  }
  const first = isoWeekday(from) === 1 ? from : addDaysIso(from, 8 - isoWeekday(from));
  const after = addDaysIso(to, 1 - (isoWeekday(to) % 7));
  return [first, after];
}

export interface HandoutTotalsOptions {
  /** Only this item. */
  itemId?: string | undefined;
  /**
   * What the rows are grouped by afterwards: 'month' (or coarser: point, item, a total) lets whole
   * months come from the monthly rollup, 'week' whole ISO weeks from the weekly one, 'day' reads
   * the daily rollup only.
   */
  grain?: 'month' | 'week' | 'day';
}

/**
 * A subquery of rows `(day date, point_id uuid, item_id uuid, sets int, handouts int)` whose sums
 * are the hand-outs, not undone, on the Tokyo days `from`..`to` (inclusive). A monthly row's `day`
 * is the first of its month and a weekly row's the Monday of its week: group the rows by nothing
 * finer than the `grain` asked for. Rows whose hand-outs were all undone have zeros.
 */
export function handoutTotals(from: string, to: string, options: HandoutTotalsOptions = {}): SQL {
  const item = (column: unknown) => (options.itemId ? sql` and ${column} = ${options.itemId}` : sql``);
  const grain = options.grain ?? 'month';
  const days = (lo: string, hi: string) =>
    sql`select ${daily.day} as day, ${daily.pointId} as point_id, ${daily.itemId} as item_id,
        ${daily.sets} as sets, ${daily.handouts} as handouts
      from ${daily} where ${daily.day} >= ${lo}::date and ${daily.day} <= ${hi}::date${item(daily.itemId)}`;
  if (grain === 'day') return days(from, to);
  const [first, after] = wholeUnits(from, to, grain);
  if (first >= after) return days(from, to);
  const [table, key] = grain === 'month' ? [monthly, monthly.month] : [weekly, weekly.week];
  const parts = [
    sql`select ${key} as day, ${table.pointId} as point_id, ${table.itemId} as item_id,
        ${table.sets} as sets, ${table.handouts} as handouts
      from ${table} where ${key} >= ${first}::date and ${key} < ${after}::date${item(table.itemId)}`,
  ];
  if (from < first) parts.push(days(from, addDaysIso(first, -1)));
  if (after <= to) parts.push(days(after, to));
  return sql.join(parts, sql` union all `);
}
