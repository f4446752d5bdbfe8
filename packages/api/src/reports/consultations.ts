/**
 * 相談件数: consultations in a period grouped by one or two dimensions. Counts, row and column
 * totals and the grand total all come from one SQL query (GROUPING SETS over the dimensions,
 * read in Asia/Tokyo); TypeScript only lays them out on the full grid of each dimension's
 * values, so that empty cells show as 0, and applies suppression for partners and analysts.
 */
import {
  AgeBandLabels,
  AgeBands,
  addDaysIso,
  ChannelLabels,
  Channels,
  type ConsultationDimension,
  ConsultationDimensionLabels,
  type ConsultationReport,
  type ConsultationReportQuery,
  formatCount,
  isoWeekday,
  ReferralSourceLabels,
  ReferralSources,
  type ReportCount,
  type ReportKey,
  TopicLabels,
  Topics,
  tokyoInstant,
  WeekdayLabels,
} from '@tsunagari/shared';
import { and, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { consultations as c, consultationWindows as cw } from '../db/schema/index.ts';
import { toCsv } from './csv.ts';
import { exactTable, type SuppressedTable, suppressList, suppressTable } from './suppression.ts';

export interface ReportReader {
  /** Only windows of this organisation (a partner's report); null for everything. */
  organisationId: string | null;
  /** Suppress small counts (partners and analysts); staff and admins read exact counts. */
  suppress: boolean;
  threshold: number;
}

type KeyValue = string | number | null;

const local = sql`(${c.occurredAt} at time zone 'Asia/Tokyo')`;

/** The SQL of each dimension's key, read from the consultation row (and `t.topic` after unnest). */
const keySql: Record<ConsultationDimension, SQL> = {
  window: sql`${c.windowId}::text`,
  month: sql`to_char(${local}, 'YYYY-MM')`,
  week: sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`,
  weekday: sql`extract(isodow from ${local})::int`,
  hour: sql`extract(hour from ${local})::int`,
  channel: sql`${c.channel}`,
  topic: sql`t.topic`,
  referral_source: sql`${c.referralSource}`,
  age_band: sql`${c.ageBand}`,
};

/** Only consultations the reader may count, in the period, at the window asked for. */
export function consultationScope(
  q: { from: string; to: string; windowId?: string | undefined },
  reader: Pick<ReportReader, 'organisationId'>,
): SQL {
  return and(
    gte(c.occurredAt, tokyoInstant(q.from, '00:00')),
    sql`${c.occurredAt} < ${tokyoInstant(addDaysIso(q.to, 1), '00:00')}`,
    q.windowId ? eq(c.windowId, q.windowId) : undefined,
    reader.organisationId
      ? sql`${c.windowId} in (select ${cw.id} from ${cw} where ${cw.organisationId} = ${reader.organisationId})`
      : undefined,
  ) as SQL;
}

interface Row {
  k1: KeyValue;
  k2: KeyValue;
  g1: number;
  g2: number;
  n: number;
}

async function countRows(
  db: DbOrTx,
  q: Pick<ConsultationReportQuery, 'from' | 'to' | 'windowId' | 'groupBy'>,
  reader: ReportReader,
): Promise<Row[]> {
  const [d1, d2] = q.groupBy as [ConsultationDimension, ConsultationDimension | undefined];
  const unnest = q.groupBy.includes('topic') ? sql`cross join lateral unnest(${c.topics}) as t(topic)` : sql``;
  const k2 = d2 ? keySql[d2] : sql`null::text`;
  const sets = d2 ? sql`grouping sets ((k1, k2), (k1), (k2), ())` : sql`grouping sets ((k1), ())`;
  const result = await db.execute(sql`
    select k1, ${d2 ? sql`k2` : sql`null`} as k2,
           grouping(k1)::int as g1, ${d2 ? sql`grouping(k2)::int` : sql`1`} as g2,
           count(*)::int as n
    from (
      select ${keySql[d1]} as k1, ${k2} as k2
      from ${c} ${unnest}
      where ${consultationScope(q, reader)}
    ) as x
    group by ${sets}
  `);
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({
    k1: r.k1,
    k2: r.k2,
    g1: Number(r.g1),
    g2: Number(r.g2),
    n: Number(r.n),
  }));
}

/** Windows a window-dimension lists: those running in the period, and any with consultations in it. */
async function windowDomain(
  db: DbOrTx,
  q: Pick<ConsultationReportQuery, 'from' | 'to' | 'windowId'>,
  reader: ReportReader,
): Promise<ReportKey[]> {
  const rows = await db
    .select({ id: cw.id, name: cw.name })
    .from(cw)
    .where(
      and(
        reader.organisationId ? eq(cw.organisationId, reader.organisationId) : undefined,
        q.windowId ? eq(cw.id, q.windowId) : undefined,
        or(
          and(lte(cw.validFrom, q.to), or(isNull(cw.validTo), gte(cw.validTo, q.from))),
          sql`exists (select 1 from ${c} where ${c.windowId} = ${cw.id} and ${consultationScope(q, reader)})`,
        ),
      ),
    )
    .orderBy(cw.name, cw.id);
  return rows.map((w) => ({ value: w.id, label: w.name }));
}

function monthsIn(from: string, to: string): ReportKey[] {
  const keys: ReportKey[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const value = `${y}-${String(m).padStart(2, '0')}`;
    if (value > last) return keys;
    keys.push({ value, label: `${y}年${m}月` });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

function weeksIn(from: string, to: string): ReportKey[] {
  const keys: ReportKey[] = [];
  for (let monday = addDaysIso(from, 1 - isoWeekday(from)); monday <= to; monday = addDaysIso(monday, 7)) {
    keys.push({ value: monday, label: `${monday}週` });
  }
  return keys;
}

const fixed = <T extends string>(values: readonly T[], labels: Record<T, string>): ReportKey[] =>
  values.map((value) => ({ value, label: labels[value] }));

/** Every value a dimension takes in the period, in the order a table shows them. */
async function domain(
  db: DbOrTx,
  dimension: ConsultationDimension,
  q: Pick<ConsultationReportQuery, 'from' | 'to' | 'windowId'>,
  reader: ReportReader,
): Promise<ReportKey[]> {
  switch (dimension) {
    case 'window':
      return windowDomain(db, q, reader);
    case 'month':
      return monthsIn(q.from, q.to);
    case 'week':
      return weeksIn(q.from, q.to);
    case 'weekday':
      return WeekdayLabels.map((label, i) => ({ value: i + 1, label }));
    case 'hour':
      return Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${h}時` }));
    case 'channel':
      return fixed(Channels, ChannelLabels);
    case 'topic':
      return fixed(Topics, TopicLabels);
    case 'referral_source':
      return fixed(ReferralSources, ReferralSourceLabels);
    case 'age_band':
      return [...fixed(AgeBands, AgeBandLabels), { value: null, label: '未記入' }];
  }
}

const keyOf = (v: KeyValue) => JSON.stringify(v);

export async function consultationReport(
  db: DbOrTx,
  q: Pick<ConsultationReportQuery, 'from' | 'to' | 'windowId' | 'groupBy'>,
  reader: ReportReader,
): Promise<ConsultationReport> {
  const [d1, d2] = q.groupBy as [ConsultationDimension, ConsultationDimension | undefined];
  const rows = await countRows(db, q, reader);
  const rowsKeys = await domain(db, d1, q, reader);
  const colsKeys = d2 ? await domain(db, d2, q, reader) : [{ value: null, label: '' }];
  const index1 = new Map(rowsKeys.map((k, i) => [keyOf(k.value), i]));
  const index2 = new Map(colsKeys.map((k, i) => [keyOf(k.value), i]));

  const cells = rowsKeys.map(() => colsKeys.map(() => 0));
  const rowTotals = rowsKeys.map(() => 0);
  const columnTotals = colsKeys.map(() => 0);
  let total = 0;
  for (const r of rows) {
    const i = index1.get(keyOf(r.k1));
    const j = d2 ? index2.get(keyOf(r.k2)) : 0;
    // grouping() is 1 for a dimension summed over; with one dimension only k1 is grouped.
    const overRows = r.g1 === 1;
    const overColumns = d2 ? r.g2 === 1 : true;
    if (overRows && overColumns) total = r.n;
    else if (overRows && j !== undefined) columnTotals[j] = r.n;
    else if (d2 && overColumns && i !== undefined) rowTotals[i] = r.n;
    else if (i !== undefined && j !== undefined) (cells[i] as number[])[j] = r.n;
  }

  const table = { cells, rowTotals, columnTotals, total };
  let shown: SuppressedTable;
  if (!reader.suppress) {
    shown = exactTable(table);
  } else if (d2) {
    shown = suppressTable(table, reader.threshold);
  } else {
    const list = suppressList(
      cells.map((row) => row[0] ?? 0),
      total,
      reader.threshold,
    );
    shown = {
      cells: list.values.map((v) => [v]),
      rowTotals: [],
      columnTotals: [],
      total: list.total,
      withheld: list.withheld,
    };
  }

  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    windowId: q.windowId ?? null,
    suppression: { applied: reader.suppress, threshold: reader.threshold, withheld: shown.withheld },
    cells: rowsKeys.flatMap((k1, i) =>
      d2
        ? colsKeys.map((k2, j) => ({ keys: [k1, k2], count: shown.cells[i]?.[j] as ReportCount }))
        : [{ keys: [k1], count: shown.cells[i]?.[0] as ReportCount }],
    ),
    rowTotals: d2 ? rowsKeys.map((key, i) => ({ key, count: shown.rowTotals[i] as ReportCount })) : [],
    columnTotals: d2 ? colsKeys.map((key, j) => ({ key, count: shown.columnTotals[j] as ReportCount })) : [],
    total: shown.total,
  };
}

/**
 * One dimension: a list (dimension, 件数) ending with 合計. Two: a cross table, the first
 * dimension down, the second across, totals in the last row and column.
 */
export function consultationReportCsv(report: ConsultationReport): string {
  const t = report.suppression.threshold;
  const f = (count: ReportCount) => formatCount(count, t);
  const [d1, d2] = report.groupBy as [ConsultationDimension, ConsultationDimension | undefined];
  if (!d2) {
    return toCsv(
      [ConsultationDimensionLabels[d1], '相談件数'],
      [...report.cells.map((cell) => [cell.keys[0]?.label ?? '', f(cell.count)]), ['合計', f(report.total)]],
    );
  }
  const columns = report.columnTotals.map((m) => m.key.label);
  const width = columns.length;
  const rows = report.rowTotals.map((margin, i) => [
    margin.key.label,
    ...report.cells.slice(i * width, (i + 1) * width).map((cell) => f(cell.count)),
    f(margin.count),
  ]);
  rows.push(['合計', ...report.columnTotals.map((m) => f(m.count)), f(report.total)]);
  return toCsv([`${ConsultationDimensionLabels[d1]}＼${ConsultationDimensionLabels[d2]}`, ...columns, '合計'], rows);
}
