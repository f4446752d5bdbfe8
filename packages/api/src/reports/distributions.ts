/**
 * 配付実績: sets handed out, grouped, and stock on hand with days left at the recent rate. Every
 * figure is aggregated in SQL; hand-outs that were undone (a reversal with their distribution id)
 * do not count.
 */
import {
  addDaysIso,
  type DistributionGrouping,
  DistributionPointKindLabels,
  type DistributionReport,
  type DistributionReportQuery,
  RequestMethodLabels,
  SchoolLevelLabels,
  STOCK_RATE_DAYS,
  tokyoInstant,
} from '@tsunagari/shared';
import { and, eq, gte, lt, notExists, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import {
  distributions as d,
  distributionPoints as dp,
  items,
  stockMovements as sm,
  stockBalances,
} from '../db/schema/index.ts';
import { toCsv } from './csv.ts';
import { handoutTotals } from './handout-totals.ts';

const reversal = alias(sm, 'reversal');

// 'reversal' as a literal, not a parameter: the planner then probes the small partial index of
// reversals (stock_movements_reversed_distribution_index) instead of scanning the ledger.
async function many<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const notUndoneSql = sql`not exists (select 1 from ${sm} rv where rv.distribution_id = ${d.id} and rv.kind = 'reversal')`;

const notUndone = (db: DbOrTx) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(reversal)
      .where(and(eq(reversal.distributionId, d.id), sql`${reversal.kind} = 'reversal'`)),
  );

/** Group keys over the rollups' rows `h` (every grouping but the request method, which they do not keep). */
const rollupKeys: Record<Exclude<DistributionGrouping, 'point' | 'requestMethod'>, SQL> = {
  pointKind: sql`${dp.kind}`,
  schoolLevel: sql`${dp.schoolLevel}`,
  week: sql`to_char(date_trunc('week', h.day::timestamp), 'YYYY-MM-DD')`,
  month: sql`to_char(h.day, 'YYYY-MM')`,
};

function labelOf(groupBy: DistributionGrouping, key: string): string {
  switch (groupBy) {
    case 'pointKind':
      return DistributionPointKindLabels[key as keyof typeof DistributionPointKindLabels] ?? key;
    case 'schoolLevel':
      return SchoolLevelLabels[key as keyof typeof SchoolLevelLabels] ?? key;
    case 'requestMethod':
      return RequestMethodLabels[key as keyof typeof RequestMethodLabels] ?? key;
    case 'week':
      return `${key}週`;
    case 'month':
      return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
    default:
      return key;
  }
}

export interface ReportScope {
  /** Only points of this organisation (a partner's report). */
  organisationId: string | null;
}

export async function distributionReport(
  db: DbOrTx,
  q: Pick<DistributionReportQuery, 'from' | 'to' | 'groupBy' | 'itemId'>,
  scope: ReportScope,
): Promise<DistributionReport> {
  const start = tokyoInstant(q.from, '00:00');
  const end = tokyoInstant(addDaysIso(q.to, 1), '00:00');
  const now = new Date();
  const stockAt = end < now ? end : now;
  const rateStart = new Date(stockAt.getTime() - STOCK_RATE_DAYS * 86_400_000);

  const pointFilter = and(
    scope.organisationId ? eq(dp.organisationId, scope.organisationId) : undefined,
    q.groupBy === 'schoolLevel' ? eq(dp.kind, 'school_nurse_office') : undefined,
  );
  const handedOut = (from: Date, to: Date) =>
    and(gte(d.occurredAt, from), lt(d.occurredAt, to), q.itemId ? eq(d.itemId, q.itemId) : undefined, notUndone(db));

  // Sets and hand-outs come from the rollups (./handout-totals.ts): the period is whole Tokyo days,
  // so summing its months and days is exact. The grand total comes with every row (a window sum
  // over the groups), so nothing is added up in TypeScript.
  type GroupRow = {
    key: string;
    label: string | null;
    sets: number;
    handouts: number;
    total_sets: number;
    total_handouts: number;
  };
  const scoped = scope.organisationId ? sql`${dp.organisationId} = ${scope.organisationId}` : sql`true`;
  const levelOnly = q.groupBy === 'schoolLevel' ? sql`${dp.kind} = 'school_nurse_office'` : sql`true`;
  let rows: GroupRow[];
  if (q.groupBy === 'point') {
    // Every point in scope, also those that handed out nothing.
    rows = await many<GroupRow>(
      db,
      sql`select ${dp.id}::text as key, ${dp.name} as label,
            coalesce(p.sets, 0)::int as sets, coalesce(p.handouts, 0)::int as handouts,
            coalesce(sum(p.sets) over (), 0)::int as total_sets, coalesce(sum(p.handouts) over (), 0)::int as total_handouts
          from ${dp}
          left join (select h.point_id, sum(h.sets) as sets, sum(h.handouts) as handouts
                       from (${handoutTotals(q.from, q.to, { itemId: q.itemId })}) h group by 1) p on p.point_id = ${dp.id}
          where ${scoped}
          order by ${dp.name}, ${dp.id}`,
    );
  } else if (q.groupBy === 'requestMethod') {
    // The rollups do not keep how she asked: these are counted from the hand-outs themselves.
    rows = await many<GroupRow>(
      db,
      sql`select ${d.requestMethod} as key, null as label, sum(${d.sets})::int as sets, count(*)::int as handouts,
            sum(sum(${d.sets})) over ()::int as total_sets, sum(count(*)) over ()::int as total_handouts
          from ${d} join ${dp} on ${dp.id} = ${d.pointId}
          where ${d.occurredAt} >= ${start.toISOString()}::timestamptz and ${d.occurredAt} < ${end.toISOString()}::timestamptz
            ${q.itemId ? sql`and ${d.itemId} = ${q.itemId}` : sql``}
            and ${notUndoneSql} and ${scoped}
          group by 1 order by 1`,
    );
  } else {
    rows = await many<GroupRow>(
      db,
      sql`select ${rollupKeys[q.groupBy]} as key, null as label, sum(h.sets)::int as sets, sum(h.handouts)::int as handouts,
            sum(sum(h.sets)) over ()::int as total_sets, sum(sum(h.handouts)) over ()::int as total_handouts
          from (${handoutTotals(q.from, q.to, { itemId: q.itemId, grain: q.groupBy === 'week' ? 'week' : 'month' })}) h
          join ${dp} on ${dp.id} = h.point_id
          where ${scoped} and ${levelOnly}
          group by 1
          -- A group whose hand-outs were all undone is no group, as when counting hand-outs.
          having sum(h.handouts) > 0
          order by 1`,
    );
  }
  const groups: DistributionReport['groups'] = rows.map((r) => ({
    key: r.key,
    label: r.label ?? labelOf(q.groupBy, r.key),
    sets: Number(r.sets),
    handouts: Number(r.handouts),
  }));
  const total = { sets: Number(rows[0]?.total_sets ?? 0), handouts: Number(rows[0]?.total_handouts ?? 0) };

  // The level at stockAt is the ledger sum before it. Summed from the side of stockAt that holds
  // fewer movements: forwards from the first movement, or backwards from the balance row (kept
  // equal to the whole ledger's sum by every ledger write) less the movements from stockAt on.
  // A report of a recent period then reads a few days of the ledger, not ten years of it.
  const [side] = (
    (await db.execute(
      sql`select ${stockAt.toISOString()}::timestamptz >= min(${sm.occurredAt}) + (max(${sm.occurredAt}) - min(${sm.occurredAt})) / 2 as late from ${sm}`,
    )) as unknown as { rows: { late: boolean | null }[] }
  ).rows;
  const ledger = side?.late
    ? (() => {
        const after = db
          .select({
            pointId: sm.pointId,
            itemId: sm.itemId,
            quantity: sql<number>`sum(${sm.quantity})`.as('after_quantity'),
          })
          .from(sm)
          .where(gte(sm.occurredAt, stockAt))
          .groupBy(sm.pointId, sm.itemId)
          .as('after');
        return db
          .select({
            pointId: stockBalances.pointId,
            itemId: stockBalances.itemId,
            level: sql<number>`(${stockBalances.level} - coalesce(${after.quantity}, 0))::int`.as('level'),
          })
          .from(stockBalances)
          .leftJoin(after, and(eq(after.pointId, stockBalances.pointId), eq(after.itemId, stockBalances.itemId)))
          .as('ledger');
      })()
    : db
        .select({
          pointId: sm.pointId,
          itemId: sm.itemId,
          level: sql<number>`sum(${sm.quantity})::int`.as('level'),
        })
        .from(sm)
        .where(lt(sm.occurredAt, stockAt))
        .groupBy(sm.pointId, sm.itemId)
        .as('ledger');
  // The recent rate: a period that has ended counts the whole Tokyo days before its end, from the
  // daily rollup; an open one counts up to this moment, from the hand-outs themselves.
  const recent =
    stockAt === end
      ? db
          .select({
            pointId: sql<string>`h.point_id`.as('recent_point_id'),
            itemId: sql<string>`h.item_id`.as('recent_item_id'),
            sets: sql<number>`sum(h.sets)::int`.as('recent_sets'),
          })
          .from(sql`(${handoutTotals(addDaysIso(q.to, 1 - STOCK_RATE_DAYS), q.to, { itemId: q.itemId })}) h`)
          .groupBy(sql`1, 2`)
          .as('recent')
      : db
          .select({
            pointId: d.pointId,
            itemId: d.itemId,
            sets: sql<number>`sum(${d.sets})::int`.as('recent_sets'),
          })
          .from(d)
          .where(handedOut(rateStart, stockAt))
          .groupBy(d.pointId, d.itemId)
          .as('recent');
  const stockRows = await db
    .select({
      pointId: dp.id,
      pointName: dp.name,
      pointKind: dp.kind,
      schoolLevel: dp.schoolLevel,
      itemId: items.id,
      itemName: items.name,
      unit: items.unit,
      level: sql<number>`coalesce(${ledger.level}, 0)`.mapWith(Number),
      recentSets: sql<number>`coalesce(${recent.sets}, 0)`.mapWith(Number),
    })
    .from(dp)
    .crossJoin(items)
    .leftJoin(ledger, and(eq(ledger.pointId, dp.id), eq(ledger.itemId, items.id)))
    .leftJoin(recent, sql`${recent.pointId} = ${dp.id} and ${recent.itemId} = ${items.id}`)
    .where(and(pointFilter, q.itemId ? eq(items.id, q.itemId) : undefined))
    .orderBy(dp.name, dp.id, items.name, items.id);

  const stock = stockRows.map((r) => {
    const dailyRate = r.recentSets / STOCK_RATE_DAYS;
    return {
      ...r,
      dailyRate: Math.round(dailyRate * 100) / 100,
      daysLeft: dailyRate > 0 ? Math.round((r.level / dailyRate) * 10) / 10 : null,
    };
  });

  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    rateDays: STOCK_RATE_DAYS,
    groups,
    total,
    stock,
  };
}

const groupHeaders: Record<DistributionGrouping, string> = {
  point: '配付場所',
  pointKind: '配付場所の種別',
  schoolLevel: '学校区分',
  week: '週（月曜日から）',
  month: '月',
  requestMethod: '申出の方法',
};

/** Excel-ready CSV (see ./csv.ts): the grouped table with a total row, or the stock table. */
export function distributionReportCsv(report: DistributionReport, table: 'groups' | 'stock'): string {
  if (table === 'stock') {
    return toCsv(
      [
        '配付場所',
        '種別',
        '学校区分',
        '品目',
        '単位',
        `在庫数（${report.to}時点）`,
        `直近${report.rateDays}日の配付数`,
        '1日あたり配付数',
        '在庫日数',
      ],
      report.stock.map((s) => [
        s.pointName,
        DistributionPointKindLabels[s.pointKind],
        s.schoolLevel ? SchoolLevelLabels[s.schoolLevel] : '',
        s.itemName,
        s.unit,
        s.level,
        s.recentSets,
        s.dailyRate,
        s.daysLeft ?? '',
      ]),
    );
  }
  return toCsv(
    [groupHeaders[report.groupBy], '配付セット数', '配付件数'],
    [...report.groups.map((g) => [g.label, g.sets, g.handouts]), ['合計', report.total.sets, report.total.handouts]],
  );
}
