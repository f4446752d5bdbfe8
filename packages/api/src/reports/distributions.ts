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
import { distributions as d, distributionPoints as dp, items, stockMovements as sm } from '../db/schema/index.ts';
import { toCsv } from './csv.ts';

const reversal = alias(sm, 'reversal');

const notUndone = (db: DbOrTx) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(reversal)
      .where(and(eq(reversal.distributionId, d.id), eq(reversal.kind, 'reversal'))),
  );

const groupKeys: Record<Exclude<DistributionGrouping, 'point'>, SQL<string>> = {
  pointKind: sql<string>`${dp.kind}`,
  schoolLevel: sql<string>`${dp.schoolLevel}`,
  week: sql<string>`to_char(date_trunc('week', ${d.occurredAt} at time zone 'Asia/Tokyo'), 'YYYY-MM-DD')`,
  month: sql<string>`to_char(${d.occurredAt} at time zone 'Asia/Tokyo', 'YYYY-MM')`,
  requestMethod: sql<string>`${d.requestMethod}`,
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

  let groups: DistributionReport['groups'];
  if (q.groupBy === 'point') {
    // Every point in scope, also those that handed out nothing.
    const perPoint = db
      .select({
        pointId: d.pointId,
        sets: sql<number>`sum(${d.sets})::int`.as('sets'),
        handouts: sql<number>`count(*)::int`.as('handouts'),
      })
      .from(d)
      .where(handedOut(start, end))
      .groupBy(d.pointId)
      .as('per_point');
    const rows = await db
      .select({
        key: dp.id,
        label: dp.name,
        sets: sql<number>`coalesce(${perPoint.sets}, 0)`.mapWith(Number),
        handouts: sql<number>`coalesce(${perPoint.handouts}, 0)`.mapWith(Number),
      })
      .from(dp)
      .leftJoin(perPoint, eq(perPoint.pointId, dp.id))
      .where(pointFilter)
      .orderBy(dp.name, dp.id);
    groups = rows;
  } else {
    const key = groupKeys[q.groupBy];
    const rows = await db
      .select({
        key,
        sets: sql<number>`sum(${d.sets})::int`.mapWith(Number),
        handouts: sql<number>`count(*)::int`.mapWith(Number),
      })
      .from(d)
      .innerJoin(dp, eq(dp.id, d.pointId))
      .where(and(handedOut(start, end), pointFilter))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    groups = rows.map((r) => ({ ...r, label: labelOf(q.groupBy, r.key) }));
  }

  const ledger = db
    .select({
      pointId: sm.pointId,
      itemId: sm.itemId,
      level: sql<number>`sum(${sm.quantity})::int`.as('level'),
    })
    .from(sm)
    .where(lt(sm.occurredAt, stockAt))
    .groupBy(sm.pointId, sm.itemId)
    .as('ledger');
  const recent = db
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
    .leftJoin(recent, and(eq(recent.pointId, dp.id), eq(recent.itemId, items.id)))
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
    total: {
      sets: groups.reduce((sum, g) => sum + g.sets, 0),
      handouts: groups.reduce((sum, g) => sum + g.handouts, 0),
    },
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
