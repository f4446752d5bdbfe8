/**
 * The actual of every target metric of a fiscal year: one SQL query per metric, whatever the
 * number of records, returning the cumulative numerator (and denominator) week by week from the
 * start of the year to the moment asked for. The last week is the actual; TypeScript only turns
 * it into a share, a rate, a projection and, for partners' and analysts' eyes, hides small counts.
 *
 * When a record counts (Asia/Tokyo):
 * - training participants: on the day of their event (a check-in typed in later still counts for
 *   the seminar's day); events cancelled do not count;
 * - survey answers: when the response was submitted (a paper form: the day written on it);
 * - consultations and hand-outs: when they happened; undone hand-outs do not count;
 * - manual values: on their asOf day, the latest value holding.
 */
import {
  addDaysIso,
  type FiscalYearBounds,
  fiscalYearBounds,
  fiscalYearLabel,
  isShareKind,
  type MetricDirection,
  type MetricSeriesPoint,
  type StoredMetricDefinition,
  type Suppressed,
  type TargetMetricResult,
  type TargetMetricsReport,
  tokyoInstant,
  tokyoParts,
  weekStartOf,
} from '@tsunagari/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  surveyAnswers as a,
  consultations as c,
  surveyAnswerChoices as ch,
  distributions as d,
  distributionPoints as dp,
  targetMetricManualValues as mv,
  surveyOptions as o,
  surveyQuestions as q,
  surveyResponses as r,
  stockMovements as sm,
  trainingEvents as te,
  trainingRegistrations as tr,
} from '../db/schema/index.ts';
import { handoutTotals } from '../reports/handout-totals.ts';
import type { MetricRow } from './repository.ts';

const DAY_MS = 86_400_000;

export interface MetricReader {
  /** Partners and analysts: counts of women's contacts that could single someone out are hidden. */
  suppress: boolean;
  threshold: number;
}

/** The moment figures are counted up to, and what follows from it for the year. */
export interface Horizon {
  bounds: FiscalYearBounds;
  /** The asOf asked for (or now). */
  asOf: Date;
  /** Records before this instant count: min(asOf, end of the year). */
  cutoff: Date;
  /** The Tokyo day asOf falls on (the end of which it is, for a date). */
  asOfDate: string;
  daysElapsed: number;
  finished: boolean;
  /** Monday of the first and of the last week of the series; null before the year starts. */
  weeks: { first: string; last: string } | null;
}

/** `asOf` as a date means the end of that day in Asia/Tokyo; as a date-time, that moment. */
export function horizonOf(fiscalYear: number, asOf: string | undefined, now = new Date()): Horizon {
  const bounds = fiscalYearBounds(fiscalYear);
  const isDate = !!asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const instant = !asOf ? now : isDate ? tokyoInstant(addDaysIso(asOf, 1), '00:00') : new Date(asOf);
  const cutoff = new Date(Math.min(instant.getTime(), bounds.end.getTime()));
  const elapsedMs = cutoff.getTime() - bounds.start.getTime();
  const daysElapsed = elapsedMs <= 0 ? 0 : Math.min(bounds.days, Math.ceil(elapsedMs / DAY_MS));
  // The last instant that counts is just before the cutoff: its day is the series' last.
  const lastDay = tokyoParts(new Date(cutoff.getTime() - 1)).date;
  return {
    bounds,
    asOf: instant,
    cutoff,
    asOfDate: isDate ? (asOf as string) : tokyoParts(instant).date,
    daysElapsed,
    finished: instant >= bounds.end,
    weeks: daysElapsed > 0 ? { first: weekStartOf(bounds.from), last: weekStartOf(lastDay) } : null,
  };
}

interface WeekRow {
  week: string;
  num: number;
  den: number;
  as_of: string | null;
}

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The Monday of the week an instant falls in, as a date, read in Asia/Tokyo. */
const weekOf = (column: unknown) => sql`(date_trunc('week', ${column} at time zone 'Asia/Tokyo'))::date`;

/**
 * Cumulative sums per week of `counts` (a query of rows `week date, num, den`, one per week with
 * records), over every week of the series, zeros included.
 */
function cumulative(h: Horizon & { weeks: NonNullable<Horizon['weeks']> }, counts: SQL): SQL {
  return sql`with w as (
      select generate_series(${h.weeks.first}::timestamp, ${h.weeks.last}::timestamp, interval '7 day')::date as week
    ), k as (${counts})
    select to_char(w.week, 'YYYY-MM-DD') as week,
      coalesce(sum(k.num) over (order by w.week), 0)::float8 as num,
      coalesce(sum(k.den) over (order by w.week), 0)::float8 as den,
      null::text as as_of
    from w left join k on k.week = w.week
    order by w.week`;
}

/** The query of one metric's weekly counts: records in [start of year, cutoff). */
function countsOf(def: Exclude<StoredMetricDefinition, { kind: 'manual' }>, fiscalYear: number, h: Horizon): SQL {
  const start = h.bounds.start.toISOString();
  const cutoff = h.cutoff.toISOString();
  const within = (column: unknown) => sql`${column} >= ${start}::timestamptz and ${column} < ${cutoff}::timestamptz`;
  switch (def.kind) {
    case 'training_participants': {
      const counted =
        def.basis === 'registered' ? sql`${tr.status} <> 'cancelled'` : sql`${tr.checkedInAt} is not null`;
      return sql`select ${weekOf(te.startsAt)} as week, count(*)::int as num, 0 as den
        from ${tr} join ${te} on ${te.id} = ${tr.eventId}
        where ${te.fiscalYear} = ${fiscalYear} and ${te.status} <> 'cancelled' and ${counted}
          and ${within(te.startsAt)}
          ${def.eventIds ? sql`and ${te.id} in (${list(def.eventIds)})` : sql``}
        group by 1`;
    }
    case 'survey_satisfied_share':
    case 'survey_positive_share': {
      const flag =
        def.kind === 'survey_satisfied_share' ? sql.raw('counts_as_satisfied') : sql.raw('counts_as_positive');
      // The question named and the same question (by key) in the survey's other versions.
      return sql`select ${weekOf(sql`x.submitted_at`)} as week,
          count(*) filter (where x.flagged)::int as num, count(*)::int as den
        from (
          select ${r.submittedAt} as submitted_at,
            case when ${q.kind} = 'multiple_choice' then exists (
              select 1 from ${ch} join ${o} on ${o.id} = ${ch.optionId}
              where ${ch.responseId} = ${a.responseId} and ${ch.questionId} = ${a.questionId} and ${o}.${flag}
            ) else coalesce(${o}.${flag}, false) end as flagged
          from ${a}
            join ${r} on ${r.id} = ${a.responseId}
            join ${q} on ${q.id} = ${a.questionId}
            left join ${o} on ${o.id} = ${a.optionId}
          where ${r.surveyId} = ${def.surveyId}
            and ${q.key} = (select k.key from ${q} k where k.id = ${def.questionId})
            and ${within(r.submittedAt)}
        ) x
        group by 1`;
    }
    case 'consultations': {
      const local = sql`(${c.occurredAt} at time zone 'Asia/Tokyo')`;
      return sql`select ${weekOf(c.occurredAt)} as week, count(*)::int as num, 0 as den
        from ${c}
        where ${within(c.occurredAt)}
          ${def.windowIds ? sql`and ${c.windowId} in (${list(def.windowIds)})` : sql``}
          ${def.weekdays ? sql`and extract(isodow from ${local})::int in (${list(def.weekdays)})` : sql``}
          ${def.channels ? sql`and ${c.channel} in (${list(def.channels)})` : sql``}
          ${def.topics ? sql`and ${c.topics} && array[${list(def.topics)}]::text[]` : sql``}
        group by 1`;
    }
    case 'sets_handed_out':
      return sql`select week, sum(sets)::int as num, 0 as den
        from (${setsPerDay(
          h,
          sql`true
          ${def.pointIds ? sql`and ${dp.id} in (${list(def.pointIds)})` : sql``}
          ${def.pointKinds ? sql`and ${dp.kind} in (${list(def.pointKinds)})` : sql``}`,
        )}) s
        group by 1`;
    case 'funnel_conversion': {
      const points = def.pointIds ? sql`${dp.id} in (${list(def.pointIds)})` : sql`true`;
      return sql`select week, sum(num)::int as num, sum(den)::int as den from (
          select ${weekOf(c.occurredAt)} as week, count(*) as num, 0 as den
          from ${c}
          where ${within(c.occurredAt)}
            and upper(${c.cardCode}) in (select ${dp.cardCode} from ${dp} where ${points})
          group by 1
          union all
          select week, 0 as num, sets as den from (${setsPerDay(h, points)}) s
        ) u group by week`;
    }
  }
}

/**
 * Sets handed out from the start of the year to the cutoff, as rows `(week, sets)` (several per
 * week) at the points `points` (a condition on distribution_points): the whole Tokyo days from the
 * daily hand-out rollup, the cutoff's own day up to the cutoff (when asOf is a moment within it)
 * from the hand-outs themselves. Undone hand-outs are left out either way.
 */
function setsPerDay(h: Horizon, points: SQL): SQL {
  const cutoffDay = tokyoParts(h.cutoff).date;
  const dayStart = tokyoInstant(cutoffDay, '00:00');
  const lastWholeDay = addDaysIso(cutoffDay, -1);
  const wholeDays = sql`select (date_trunc('week', t.day::timestamp))::date as week, t.sets
      from (${handoutTotals(h.bounds.from, lastWholeDay, { grain: 'week' })}) t
      join ${dp} on ${dp.id} = t.point_id
      where ${points}`;
  if (dayStart.getTime() >= h.cutoff.getTime() || dayStart.getTime() < h.bounds.start.getTime()) return wholeDays;
  return sql`${wholeDays}
    union all
    select ${weekOf(d.occurredAt)} as week, ${d.sets} as sets
      from ${d} join ${dp} on ${dp.id} = ${d.pointId}
      where ${d.occurredAt} >= ${dayStart.toISOString()}::timestamptz and ${d.occurredAt} < ${h.cutoff.toISOString()}::timestamptz
        and ${notUndone()} and ${points}`;
}

/** A hand-out counts unless a reversal undid it. */
export const notUndone = () =>
  sql`not exists (select 1 from ${sm} rv where rv.distribution_id = ${d.id} and rv.kind = 'reversal')`;

/** Per week, the latest manual value holding at the week's end (the last week: at asOf). */
function manualSeries(metricId: string, h: Horizon & { weeks: NonNullable<Horizon['weeks']> }): SQL {
  const latest = (column: SQL) => sql`(select ${column} from ${mv}
      where ${mv.metricId} = ${metricId}
        and ${mv.asOf} <= case when w.week = ${h.weeks.last}::date then ${h.asOfDate}::date
                               else least(w.week + 6, ${h.asOfDate}::date) end
      order by ${mv.asOf} desc, ${mv.createdAt} desc, ${mv.id} desc limit 1)`;
  return sql`select to_char(w.week, 'YYYY-MM-DD') as week,
      ${latest(sql`${mv.value}`)}::float8 as num, 0::float8 as den, ${latest(sql`${mv.asOf}::text`)} as as_of
    from generate_series(${h.weeks.first}::timestamp, ${h.weeks.last}::timestamp, interval '7 day') as g(t)
      cross join lateral (select g.t::date as week) w
    order by w.week`;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const SMALL: Suppressed = { suppressed: true, reason: 'small' };
const COMPLEMENTARY: Suppressed = { suppressed: true, reason: 'complementary' };

/**
 * Which points of a cumulative series may be shown. Two shown points differ by their week's
 * counts, so a point is shown only when every protected count changed by 0 or by at least the
 * threshold since the last point shown (and up to the last point, when that is shown): no run of
 * hidden weeks can then be worked out to hold 1 or 2. The counts protected are the numerator and,
 * for a survey share, those who answered otherwise (den − num).
 */
export function protectedPoints(
  points: readonly { num: number; den: number }[],
  threshold: number,
  withComplement: boolean,
): boolean[] {
  const parts = (p: { num: number; den: number }) => (withComplement ? [p.num, p.den - p.num] : [p.num]);
  const fine = (from: { num: number; den: number }, to: { num: number; den: number }) => {
    const x = parts(from);
    return parts(to).every((v, i) => {
      const diff = v - (x[i] ?? 0);
      return diff === 0 || diff >= threshold;
    });
  };
  const origin = { num: 0, den: 0 };
  const final = points[points.length - 1];
  const finalShown = !!final && fine(origin, final);
  let last = origin;
  return points.map((p, i) => {
    if (i === points.length - 1) return finalShown && fine(last, p);
    if (fine(last, p) && (!finalShown || fine(p, final as { num: number; den: number }))) {
      last = p;
      return true;
    }
    return false;
  });
}

function achievement(actual: number | null, target: number, direction: MetricDirection) {
  if (actual === null) return { achievementRate: null, met: null };
  if (direction === 'at_least') {
    return { achievementRate: target > 0 ? round(actual / target, 4) : null, met: actual >= target };
  }
  return { achievementRate: actual > 0 ? round(target / actual, 4) : null, met: actual <= target };
}

const misses = (value: number, target: number, direction: MetricDirection) =>
  direction === 'at_least' ? value < target : value > target;

/** Computes one metric. */
export async function metricResult(
  db: DbOrTx,
  metric: MetricRow,
  h: Horizon,
  reader: MetricReader,
): Promise<TargetMetricResult> {
  const def = metric.definition;
  const share = isShareKind(def.kind);
  const base = {
    metricId: metric.id,
    label: metric.label,
    description: metric.description,
    kind: def.kind,
    unit: metric.unit,
    target: metric.target,
    direction: metric.direction,
  };
  const weekRows: WeekRow[] = !h.weeks
    ? []
    : await rows<WeekRow>(
        db,
        def.kind === 'manual'
          ? manualSeries(metric.id, { ...h, weeks: h.weeks })
          : cumulative({ ...h, weeks: h.weeks }, countsOf(def, metric.fiscalYear, h)),
      );
  const points = weekRows.map((w) => ({
    week: w.week,
    num: w.num === null ? null : Number(w.num),
    den: Number(w.den ?? 0),
    asOf: w.as_of,
  }));

  // Women's contacts: consultations, and survey answers. Training counts and sets are not suppressed.
  const protects =
    reader.suppress &&
    ['consultations', 'funnel_conversion', 'survey_satisfied_share', 'survey_positive_share'].includes(def.kind);
  const withComplement = def.kind === 'survey_satisfied_share' || def.kind === 'survey_positive_share';
  const shown = protects
    ? protectedPoints(
        points.map((p) => ({ num: p.num ?? 0, den: p.den })),
        reader.threshold,
        withComplement,
      )
    : points.map(() => true);

  const shareOrCount = (num: number | null, den: number) =>
    num === null ? null : share ? (den > 0 ? (num / den) * 100 : null) : num;
  const hide = (num: number): Suppressed => (num >= 1 && num < reader.threshold ? SMALL : COMPLEMENTARY);

  const series: MetricSeriesPoint[] = points.map((p, i) => {
    const value = shareOrCount(p.num, p.den);
    if (!shown[i]) {
      return {
        weekStart: p.week,
        value: null,
        numerator: hide(p.num ?? 0),
        denominator: share ? (withComplement ? COMPLEMENTARY : p.den) : null,
      };
    }
    return {
      weekStart: p.week,
      value: value === null ? null : round(value, 2),
      numerator: def.kind === 'manual' ? null : (p.num ?? 0),
      denominator: share ? p.den : null,
    };
  });

  const last = points[points.length - 1];
  const lastShown = points.length > 0 ? shown[points.length - 1] : true;
  // Before the year starts nothing has happened: counts are 0, shares have no denominator.
  const num = last ? last.num : def.kind === 'manual' ? null : 0;
  const den = last ? last.den : 0;
  if (!lastShown) {
    return {
      ...base,
      actual: null,
      numerator: hide(num ?? 0),
      denominator: share ? (withComplement ? COMPLEMENTARY : den) : null,
      achievementRate: null,
      met: null,
      projection: null,
      atRisk: false,
      valueAsOf: null,
      series,
    };
  }
  const exact = shareOrCount(num, den);
  const percentLike = share || metric.unit === 'percent';
  let projection: number | null = null;
  if (exact !== null && h.daysElapsed > 0) {
    if (h.finished || percentLike) projection = exact;
    else if (def.kind === 'manual') {
      // A manual value holds for its own day: project from the days elapsed by then.
      const days = last?.asOf
        ? Math.min(h.bounds.days, Math.round((Date.parse(last.asOf) - Date.parse(h.bounds.from)) / DAY_MS) + 1)
        : h.daysElapsed;
      projection = days >= h.bounds.days ? exact : (exact * h.bounds.days) / Math.max(1, days);
    } else projection = (exact * h.bounds.days) / h.daysElapsed;
  }
  return {
    ...base,
    actual: exact === null ? null : round(exact, 2),
    numerator: def.kind === 'manual' ? null : (num ?? 0),
    denominator: share ? den : null,
    ...achievement(exact, metric.target, metric.direction),
    projection: projection === null ? null : round(projection, 2),
    atRisk: projection !== null && misses(projection, metric.target, metric.direction),
    valueAsOf: def.kind === 'manual' ? (last?.asOf ?? null) : null,
    series,
  };
}

/** Every metric of the fiscal year, each with its one query. */
export async function targetMetricsReport(
  db: DbOrTx,
  metrics: MetricRow[],
  h: Horizon,
  reader: MetricReader,
): Promise<TargetMetricsReport> {
  const items = await Promise.all(metrics.map((m) => metricResult(db, m, h, reader)));
  return {
    fiscalYear: h.bounds.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(h.bounds.fiscalYear),
    from: h.bounds.from,
    to: h.bounds.to,
    asOf: h.asOf.toISOString(),
    daysInYear: h.bounds.days,
    daysElapsed: h.daysElapsed,
    finished: h.finished,
    suppression: { applied: reader.suppress, threshold: reader.threshold, withheld: false },
    items,
  };
}
