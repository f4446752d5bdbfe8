/**
 * 案内カードから相談へ (the card-to-consultation funnel): per distribution point and month, the
 * sets handed out and the consultations that recorded that point's card code; and per referral
 * source, the share of consultations it brought. It answers the programme's open question:
 * whether hand-outs lead women to help, and from where. Aggregated in SQL (three GROUP BYs, the
 * sets from the hand-out rollups);
 * consultation counts read by partners and analysts are suppressed as in every report.
 */
import {
  addDaysIso,
  DistributionPointKindLabels,
  type FunnelCell,
  type FunnelReport,
  fiscalYearBounds,
  formatCount,
  ReferralSourceLabels,
  ReferralSources,
  type ReportCount,
  tokyoInstant,
} from '@tsunagari/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  consultations as c,
  consultationWindows as cw,
  distributions as d,
  distributionPoints as dp,
  organisations as org,
} from '../db/schema/index.ts';
import { toCsv } from './csv.ts';
import { handoutTotals } from './handout-totals.ts';
import { exactTable, suppressList, suppressTable } from './suppression.ts';

export interface FunnelReader {
  /** A partner's organisation: its points (and, for referral sources, its windows) only. */
  organisationId: string | null;
  suppress: boolean;
  threshold: number;
}

export interface FunnelPeriod {
  from: string;
  to: string;
  fiscalYear: number | null;
}

export function funnelPeriod(q: { fiscalYear?: number | undefined; from?: string; to?: string }): FunnelPeriod {
  if (q.fiscalYear !== undefined) {
    const b = fiscalYearBounds(q.fiscalYear);
    return { from: b.from, to: b.to, fiscalYear: q.fiscalYear };
  }
  return { from: q.from as string, to: q.to as string, fiscalYear: null };
}

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

function monthsIn(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to.slice(0, 7)) return months;
    months.push(month);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y += 1;
  }
}

const rate = (consultations: ReportCount, sets: number) =>
  typeof consultations === 'number' && sets > 0 ? Math.round((consultations / sets) * 10_000) / 10_000 : null;

export async function funnelReport(db: DbOrTx, period: FunnelPeriod, reader: FunnelReader): Promise<FunnelReport> {
  const start = tokyoInstant(period.from, '00:00').toISOString();
  const end = tokyoInstant(addDaysIso(period.to, 1), '00:00').toISOString();
  const within = (column: unknown) => sql`${column} >= ${start}::timestamptz and ${column} < ${end}::timestamptz`;
  const month = (column: unknown) => sql`to_char(${column} at time zone 'Asia/Tokyo', 'YYYY-MM')`;
  const scope = reader.organisationId ? sql`${dp.organisationId} = ${reader.organisationId}` : sql`true`;

  // Points of the reader's scope that ran in the period, or handed out or were named in it.
  const points = await rows<{
    id: string;
    name: string;
    kind: FunnelReport['points'][number]['pointKind'];
    school_level: FunnelReport['points'][number]['schoolLevel'];
    card_code: string;
    organisation_name: string;
  }>(
    db,
    sql`select ${dp.id} as id, ${dp.name} as name, ${dp.kind} as kind, ${dp.schoolLevel} as school_level,
          ${dp.cardCode} as card_code, ${org.name} as organisation_name
        from ${dp} join ${org} on ${org.id} = ${dp.organisationId}
        where ${scope} and (
          (${dp.validFrom} <= ${period.to}::date and (${dp.validTo} is null or ${dp.validTo} >= ${period.from}::date))
          or exists (select 1 from ${d} where ${d.pointId} = ${dp.id} and ${within(d.occurredAt)})
          or exists (select 1 from ${c} where upper(${c.cardCode}) = ${dp.cardCode} and ${within(c.occurredAt)})
        )
        order by ${dp.name}, ${dp.id}`,
  );
  // Sets from the hand-out rollups (whole months and days of the period; undone ones left out).
  const handouts = await rows<{ point_id: string; month: string; sets: number }>(
    db,
    sql`select h.point_id, to_char(h.day, 'YYYY-MM') as month, sum(h.sets)::int as sets
        from (${handoutTotals(period.from, period.to)}) h join ${dp} on ${dp.id} = h.point_id
        where ${scope}
        group by 1, 2`,
  );
  // Card codes are unique per point, so each consultation with a code counts at one point at most.
  const traced = await rows<{ point_id: string | null; month: string | null; n: number }>(
    db,
    sql`select ${dp.id} as point_id, ${month(c.occurredAt)} as month, count(*)::int as n
        from ${c} left join ${dp} on ${dp.cardCode} = upper(${c.cardCode})
        where ${within(c.occurredAt)} and ${c.cardCode} is not null
          and (${dp.id} is null or ${scope})
        group by 1, 2`,
  );
  const windowScope = reader.organisationId
    ? sql`${c.windowId} in (select ${cw.id} from ${cw} where ${cw.organisationId} = ${reader.organisationId})`
    : sql`true`;
  const sources = await rows<{ referral_source: string; n: number }>(
    db,
    sql`select ${c.referralSource} as referral_source, count(*)::int as n
        from ${c} where ${within(c.occurredAt)} and ${windowScope}
        group by 1`,
  );

  const months = monthsIn(period.from, period.to);
  const col = new Map(months.map((m, j) => [m, j]));
  const row = new Map(points.map((p, i) => [p.id, i]));
  const sets = points.map(() => months.map(() => 0));
  for (const h of handouts) {
    const i = row.get(h.point_id);
    const j = col.get(h.month);
    if (i !== undefined && j !== undefined) (sets[i] as number[])[j] = Number(h.sets);
  }
  const counts = points.map(() => months.map(() => 0));
  let unmatched = 0;
  for (const t of traced) {
    if (t.point_id === null) {
      unmatched += Number(t.n);
      continue;
    }
    const i = row.get(t.point_id);
    const j = t.month ? col.get(t.month) : undefined;
    if (i !== undefined && j !== undefined) (counts[i] as number[])[j] = Number(t.n);
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const table = {
    cells: counts,
    rowTotals: counts.map(sum),
    columnTotals: months.map((_, j) => sum(counts.map((r) => r[j] ?? 0))),
    total: sum(counts.map(sum)),
  };
  const shown = reader.suppress ? suppressTable(table, reader.threshold) : exactTable(table);
  const setRowTotals = sets.map(sum);
  const setColumnTotals = months.map((_, j) => sum(sets.map((r) => r[j] ?? 0)));
  const cell = (consultations: ReportCount, handedOut: number): FunnelCell => ({
    setsHandedOut: handedOut,
    consultations,
    conversionRate: rate(consultations, handedOut),
  });

  const sourceCount = new Map(sources.map((s) => [s.referral_source, Number(s.n)]));
  const sourceValues = ReferralSources.map((s) => sourceCount.get(s) ?? 0);
  const sourceTotal = sum(sourceValues);
  const sourcesShown = reader.suppress
    ? suppressList(sourceValues, sourceTotal, reader.threshold)
    : { values: sourceValues, total: sourceTotal, withheld: false };
  const small = (n: number): ReportCount =>
    reader.suppress && n > 0 && n < reader.threshold ? { suppressed: true, reason: 'small' } : n;

  return {
    from: period.from,
    to: period.to,
    fiscalYear: period.fiscalYear,
    suppression: {
      applied: reader.suppress,
      threshold: reader.threshold,
      withheld: shown.withheld || sourcesShown.withheld,
    },
    months,
    points: points.map((p, i) => ({
      pointId: p.id,
      pointName: p.name,
      pointKind: p.kind,
      schoolLevel: p.school_level,
      organisationName: p.organisation_name,
      cardCode: p.card_code,
      months: months.map((m, j) => ({
        month: m,
        ...cell(shown.cells[i]?.[j] ?? 0, sets[i]?.[j] ?? 0),
      })),
      total: cell(shown.rowTotals[i] ?? 0, setRowTotals[i] ?? 0),
    })),
    monthTotals: months.map((m, j) => ({ month: m, ...cell(shown.columnTotals[j] ?? 0, setColumnTotals[j] ?? 0) })),
    total: cell(shown.total, sum(setRowTotals)),
    unmatchedCardCodes: reader.organisationId ? null : small(unmatched),
    referralSources: ReferralSources.map((s, k) => {
      const n = sourcesShown.values[k] ?? 0;
      return {
        referralSource: s,
        label: ReferralSourceLabels[s],
        consultations: n,
        share: typeof n === 'number' && sourceTotal > 0 ? Math.round((n / sourceTotal) * 10_000) / 10_000 : null,
      };
    }),
    consultations: sourcesShown.total,
  };
}

const percent = (r: number | null) => (r === null ? '' : String(Math.round(r * 10_000) / 100));

/** Excel-ready CSV (see ./csv.ts): per point and month with totals, or the referral sources. */
export function funnelCsv(report: FunnelReport, table: 'points' | 'referral_sources'): string {
  const t = report.suppression.threshold;
  if (table === 'referral_sources') {
    return toCsv(
      ['きっかけ', '相談件数', '割合（%）'],
      [
        ...report.referralSources.map((s) => [s.label, formatCount(s.consultations, t), percent(s.share)]),
        ['合計', formatCount(report.consultations, t), report.consultations === 0 ? '' : '100'],
      ],
    );
  }
  const line = (name: string, kind: string, code: string, month: string, c: FunnelCell) => [
    name,
    kind,
    code,
    month,
    c.setsHandedOut,
    formatCount(c.consultations, t),
    percent(c.conversionRate),
  ];
  return toCsv(
    [
      '配付場所',
      '種別',
      '案内カードコード',
      '月',
      '配付セット数',
      'カードを持参した相談件数',
      '相談につながった割合（%）',
    ],
    [
      ...report.points.flatMap((p) => [
        ...p.months.map((m) => line(p.pointName, DistributionPointKindLabels[p.pointKind], p.cardCode, m.month, m)),
        line(p.pointName, DistributionPointKindLabels[p.pointKind], p.cardCode, '合計', p.total),
      ]),
      ...report.monthTotals.map((m) => line('全配付場所', '', '', m.month, m)),
      line('全配付場所', '', '', '合計', report.total),
    ],
  );
}
