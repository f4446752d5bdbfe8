/**
 * 事業実績報告: the year's results in the sections of the programme's report (the source
 * document's 事業の概要, 事業の効果, 目標数値 and 今後の課題). Every figure is computed from the
 * records in SQL, a handful of grouped queries for the whole report; only the opening days of
 * the windows come from their schedules (the shared opening-hours logic), as everywhere else.
 */
import {
  AffiliationLabels,
  Affiliations,
  addDaysIso,
  type Channel,
  fiscalYearBounds,
  fiscalYearLabel,
  formatCount,
  intervalsOn,
  isoWeekday,
  isSuppressed,
  openingDays,
  type ReportCount,
  type ResultsChallenges,
  type ResultsReport,
  type ScheduleInterval,
  type ShareFigure,
  type TargetMetricResult,
  tokyoParts,
} from '@tsunagari/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  consultations as c,
  consultationWindows as cw,
  distributions as d,
  distributionDaily as dd,
  distributionPoints as dp,
  organisations as org,
  trainingEvents as te,
  trainingRegistrations as tr,
} from '../db/schema/index.ts';
import { handoutTotals } from '../reports/handout-totals.ts';
import { suppressList } from '../reports/suppression.ts';
import { horizonOf, targetMetricsReport } from '../target-metrics/actuals.ts';
import { metricsOfYear } from '../target-metrics/repository.ts';

export interface ResultsReader {
  /** Analysts: consultation counts from 1 to threshold − 1 are hidden. */
  suppress: boolean;
  threshold: number;
}

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
/** 2021-11-19 → 令和3年11月19日(金), as the source document writes dates. */
const jaDate = (iso: string) =>
  new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(`${iso}T12:00:00+09:00`));

function shareFigure(m: TargetMetricResult | undefined): ShareFigure | null {
  if (!m || m.numerator === null || m.denominator === null) return null;
  return { metricId: m.metricId, label: m.label, numerator: m.numerator, denominator: m.denominator, share: m.actual };
}

export async function resultsReport(
  db: DbOrTx,
  fiscalYear: number,
  challenges: ResultsChallenges,
  reader: ResultsReader,
  now = new Date(),
): Promise<ResultsReport> {
  const fy = fiscalYearBounds(fiscalYear);
  const start = fy.start.toISOString();
  const end = fy.end.toISOString();
  const within = (column: unknown) => sql`${column} >= ${start}::timestamptz and ${column} < ${end}::timestamptz`;
  const overlaps = (from: unknown, to: unknown) =>
    sql`${from} <= ${fy.to}::date and (${to} is null or ${to} >= ${fy.from}::date)`;

  const [events, attendance, windows, windowCounts, points, handouts, traced, metrics] = await Promise.all([
    rows<{
      id: string;
      title: string;
      starts_at: string;
      ends_at: string;
      venue_name: string | null;
      status: ResultsReport['overview']['training']['events'][number]['status'];
      registered: number;
      attended: number;
      venue: number;
      online: number;
    }>(
      db,
      sql`select ${te.id} as id, ${te.title} as title, ${te.startsAt} as starts_at, ${te.endsAt} as ends_at,
            ${te.venueName} as venue_name, ${te.status} as status,
            count(${tr.id}) filter (where ${tr.status} <> 'cancelled')::int as registered,
            count(${tr.checkedInAt})::int as attended,
            count(${tr.checkedInAt}) filter (where ${tr.mode} = 'venue')::int as venue,
            count(${tr.checkedInAt}) filter (where ${tr.mode} = 'online')::int as online
          from ${te} left join ${tr} on ${tr.eventId} = ${te.id}
          where ${te.fiscalYear} = ${fiscalYear}
          group by ${te.id}
          order by ${te.startsAt}, ${te.id}`,
    ),
    rows<{ affiliation: (typeof Affiliations)[number]; attended: number }>(
      db,
      sql`select ${tr.affiliation} as affiliation, count(${tr.checkedInAt})::int as attended
          from ${tr} join ${te} on ${te.id} = ${tr.eventId}
          where ${te.fiscalYear} = ${fiscalYear} and ${te.status} <> 'cancelled'
          group by 1`,
    ),
    // Windows opened in the year: marked new, or begun after its first day (not merely running on).
    db
      .select({
        id: cw.id,
        name: cw.name,
        organisationName: org.name,
        place: cw.place,
        channels: cw.channels,
        womenOnly: cw.womenOnly,
        isNew: cw.isNew,
        validFrom: cw.validFrom,
        validTo: cw.validTo,
        closureDates: cw.closureDates,
        opensOnHolidays: cw.opensOnHolidays,
        schedule: cw.schedule,
      })
      .from(cw)
      .innerJoin(org, sql`${org.id} = ${cw.organisationId}`)
      .where(sql`${overlaps(cw.validFrom, cw.validTo)} and (${cw.isNew} or ${cw.validFrom} > ${fy.from}::date)`)
      .orderBy(cw.validFrom, cw.name, cw.id),
    rows<{ window_id: string; n: number }>(
      db,
      sql`select ${c.windowId} as window_id, count(*)::int as n from ${c} where ${within(c.occurredAt)} group by 1`,
    ),
    rows<{
      id: string;
      name: string;
      kind: ResultsReport['overview']['distribution']['points'][number]['kind'];
      school_level: ResultsReport['overview']['distribution']['points'][number]['schoolLevel'];
      place: string;
      organisation_name: string;
      card_code: string;
      valid_from: string;
      valid_to: string | null;
    }>(
      db,
      sql`select ${dp.id} as id, ${dp.name} as name, ${dp.kind} as kind, ${dp.schoolLevel} as school_level,
            ${dp.place} as place, ${org.name} as organisation_name, ${dp.cardCode} as card_code,
            ${dp.validFrom}::text as valid_from, ${dp.validTo}::text as valid_to
          from ${dp} join ${org} on ${org.id} = ${dp.organisationId}
          where ${overlaps(dp.validFrom, dp.validTo)}
             or exists (select 1 from ${d} where ${d.pointId} = ${dp.id} and ${within(d.occurredAt)})
          order by ${dp.name}, ${dp.id}`,
    ),
    rows<{ point_id: string; sets: number; handouts: number; first: string; last: string }>(
      db,
      // From the hand-out rollups (undone ones left out): the year's months for the sums, the
      // first and last day with a hand-out by the daily rollup's (point, day) index.
      sql`select p.point_id, p.sets, p.handouts,
            (select to_char(min(dd.day), 'YYYY-MM-DD') from ${dd} dd
              where dd.point_id = p.point_id and dd.day between ${fy.from}::date and ${fy.to}::date and dd.handouts > 0) as first,
            (select to_char(max(dd.day), 'YYYY-MM-DD') from ${dd} dd
              where dd.point_id = p.point_id and dd.day between ${fy.from}::date and ${fy.to}::date and dd.handouts > 0) as last
          from (select h.point_id, sum(h.sets)::int as sets, sum(h.handouts)::int as handouts
                  from (${handoutTotals(fy.from, fy.to)}) h
                 group by 1 having sum(h.handouts) > 0) p`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${c}
          where ${within(c.occurredAt)} and upper(${c.cardCode}) in (select ${dp.cardCode} from ${dp})`,
    ),
    metricsOfYear(db, fiscalYear),
  ]);
  const targets = await targetMetricsReport(db, metrics, horizonOf(fiscalYear, undefined, now), reader);

  // ——— 事業の概要 ———
  const countOf = new Map(windowCounts.map((w) => [w.window_id, Number(w.n)]));
  const windowItems = windows.map((w) => {
    const from = maxDate(fy.from, w.validFrom);
    const to = w.validTo ? minDate(fy.to, w.validTo) : fy.to;
    const days = from <= to ? openingDays(w, from, to) : [];
    const weekdays = new Set(w.schedule.map((iv: ScheduleInterval) => iv.weekday));
    const closedDates: string[] = [];
    if (from <= to) {
      for (let date = from; date <= to; date = addDaysIso(date, 1)) {
        if (weekdays.has(isoWeekday(date)) && intervalsOn(w, date).length === 0) closedDates.push(date);
      }
    }
    return {
      windowId: w.id,
      name: w.name,
      organisationName: w.organisationName,
      place: w.place,
      channels: w.channels as Channel[],
      womenOnly: w.womenOnly,
      isNew: w.isNew,
      validFrom: w.validFrom,
      validTo: w.validTo,
      schedule: w.schedule,
      openingDays: days.length,
      openHours: Math.round((days.reduce((s, x) => s + x.openMinutes, 0) / 60) * 100) / 100,
      firstDay: days[0]?.date ?? null,
      lastDay: days[days.length - 1]?.date ?? null,
      openingDates: days.map((x) => x.date),
      closedDates,
      count: countOf.get(w.id) ?? 0,
    };
  });
  const windowCountsShown = reader.suppress
    ? suppressList(
        windowItems.map((w) => w.count),
        windowItems.reduce((s, w) => s + w.count, 0),
        reader.threshold,
      )
    : { values: windowItems.map((w) => w.count), total: windowItems.reduce((s, w) => s + w.count, 0) };

  const handoutOf = new Map(handouts.map((h) => [h.point_id, h]));
  const pointItems = points.map((p) => ({
    pointId: p.id,
    name: p.name,
    kind: p.kind,
    schoolLevel: p.school_level,
    place: p.place,
    organisationName: p.organisation_name,
    cardCode: p.card_code,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    setsHandedOut: Number(handoutOf.get(p.id)?.sets ?? 0),
  }));
  const setsHandedOut = handouts.reduce((s, h) => s + Number(h.sets), 0);
  const handOuts = handouts.reduce((s, h) => s + Number(h.handouts), 0);
  const firsts = handouts.map((h) => h.first).sort();
  const lasts = handouts.map((h) => h.last).sort();
  const periodFroms = points.map((p) => maxDate(p.valid_from, fy.from)).sort();
  const periodTos = points.map((p) => (p.valid_to ? minDate(p.valid_to, fy.to) : fy.to)).sort();

  // ——— 事業の効果 ———
  const attendedBy = new Map(attendance.map((x) => [x.affiliation, Number(x.attended)]));
  const held = events.filter((e) => e.status !== 'cancelled');
  const participants = held.reduce((s, e) => s + Number(e.attended), 0);
  const venue = held.reduce((s, e) => s + Number(e.venue), 0);
  const online = held.reduce((s, e) => s + Number(e.online), 0);
  const satisfaction = shareFigure(targets.items.find((m) => m.kind === 'survey_satisfied_share'));
  const positive = shareFigure(targets.items.find((m) => m.kind === 'survey_positive_share'));
  const tracedCount = Number(traced[0]?.n ?? 0);
  const tracedShown: ReportCount =
    reader.suppress && tracedCount > 0 && tracedCount < reader.threshold
      ? { suppressed: true, reason: 'small' }
      : tracedCount;
  const t = reader.threshold;
  const fmt = (n: ReportCount) => formatCount(n, t);
  const shareText = (s: ShareFigure) =>
    s.share === null ? '（集計できる回答なし）' : `${s.share}%（${fmt(s.numerator)}/${fmt(s.denominator)}）`;

  const venues = [...new Set(held.map((e) => e.venue_name).filter((v): v is string => !!v))];
  const trainingSummary =
    held.length === 0
      ? '研修会の開催はなかった。'
      : `${held.map((e) => jaDate(isoDateOf(e.starts_at))).join('、')}に${venues.length > 0 ? `${venues.join('、')}で` : ''}` +
        `研修会を${held.length === 1 ? '' : `${held.length}回`}開催し、会場${venue}名、オンライン${online}名、` +
        `計${participants}名が参加した。` +
        (satisfaction ? `参加者アンケートでの満足度は${shareText(satisfaction)}であった。` : '');
  const windowSummary =
    windowItems.length === 0
      ? '年度中に新たに開設した相談窓口はなかった。'
      : windowItems
          .map(
            (w, i) => `${w.name}を${w.openingDays}日開設し、相談は${fmt(windowCountsShown.values[i] ?? 0)}件であった。`,
          )
          .join('');
  const rate =
    setsHandedOut > 0 && !isSuppressed(tracedShown)
      ? Math.round((tracedCount / setsHandedOut) * 10_000) / 10_000
      : null;
  const distributionSummary =
    `${pointItems.length}か所で${setsHandedOut}セットを配付した（${handOuts}件）。` +
    `案内カードを持参した相談は${fmt(tracedShown)}件` +
    (rate !== null ? `（配付セット数の${Math.round(rate * 10_000) / 100}%）` : '') +
    'であった。' +
    (positive ? `支援に対し「よかった」と答えた人の割合は${shareText(positive)}であった。` : '');

  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    from: fy.from,
    to: fy.to,
    generatedAt: now.toISOString(),
    suppression: { applied: reader.suppress, threshold: t, withheld: false },
    overview: {
      training: {
        events: events.map((e) => ({
          eventId: e.id,
          title: e.title,
          startsAt: new Date(e.starts_at).toISOString(),
          endsAt: new Date(e.ends_at).toISOString(),
          venueName: e.venue_name,
          status: e.status,
          registered: Number(e.registered),
          attended: Number(e.attended),
          attendedVenue: Number(e.venue),
          attendedOnline: Number(e.online),
        })),
      },
      windows: windowItems.map(({ count: _count, ...w }, i) => ({
        ...w,
        consultations: windowCountsShown.values[i] ?? 0,
      })),
      distribution: {
        points: pointItems,
        periodFrom: periodFroms[0] ?? null,
        periodTo: periodTos[periodTos.length - 1] ?? null,
        firstHandOut: firsts[0] ?? null,
        lastHandOut: lasts[lasts.length - 1] ?? null,
        setsHandedOut,
        handOuts,
      },
    },
    effects: {
      training: {
        events: held.length,
        participants,
        venue,
        online,
        byAffiliation: Affiliations.map((a) => ({
          affiliation: a,
          label: AffiliationLabels[a],
          attended: attendedBy.get(a) ?? 0,
        })),
        satisfaction,
        summary: trainingSummary,
      },
      windows: {
        items: windowItems.map((w, i) => ({
          windowId: w.windowId,
          name: w.name,
          openingDays: w.openingDays,
          consultations: windowCountsShown.values[i] ?? 0,
        })),
        consultations: windowCountsShown.total,
        summary: windowSummary,
      },
      distribution: {
        setsHandedOut,
        handOuts,
        cardTracedConsultations: tracedShown,
        conversionRate: rate,
        positive,
        summary: distributionSummary,
      },
    },
    targets: targets.items,
    challenges,
  };
}

const isoDateOf = (instant: string | Date) => tokyoParts(new Date(instant)).date;
