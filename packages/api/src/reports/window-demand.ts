/**
 * 窓口ごとの需要: for each window, how long it was open in a period against how many came.
 *
 * One SQL query: the consultations of every window counted in the period, and the window's
 * opening days and minutes walked day by day with generate_series over its schedule (jsonb),
 * less its closure dates and, unless it opens on them, the national holidays of the period —
 * the same rules as `intervalsOn` in @tsunagari/shared (the directory's opening hours), with
 * the same holiday data passed in as a parameter. Whether a consultation was inside the opening
 * hours is the flag stored when it was recorded, so a later change of schedule does not rewrite
 * history.
 */
import {
  addDaysIso,
  formatCount,
  holidaysBetween,
  isSuppressed,
  type ReportCount,
  tokyoInstant,
  type WindowDemand,
  type WindowDemandItem,
  type WindowDemandQuery,
} from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { consultations as c, consultationWindows as cw, organisations } from '../db/schema/index.ts';
import type { ReportReader } from './consultations.ts';
import { toCsv } from './csv.ts';
import { suppressList } from './suppression.ts';

/** Minutes since midnight of a schedule interval's "HH:MM" field ("24:00" is 1440). */
const minutesOf = (field: 'opens' | 'closes') =>
  sql.raw(`(split_part(iv->>'${field}', ':', 1)::int * 60 + split_part(iv->>'${field}', ':', 2)::int)`);

interface DemandRow {
  id: string;
  name: string;
  organisation_name: string;
  total: number;
  inside: number;
  opening_days: number;
  open_minutes: number;
}

export async function windowDemand(
  db: DbOrTx,
  q: Pick<WindowDemandQuery, 'from' | 'to'>,
  reader: ReportReader,
): Promise<WindowDemand> {
  const start = tokyoInstant(q.from, '00:00').toISOString();
  const end = tokyoInstant(addDaysIso(q.to, 1), '00:00').toISOString();
  const holidays = `{${holidaysBetween(q.from, q.to).join(',')}}`;
  const own = reader.organisationId ? sql`${cw.organisationId} = ${reader.organisationId}` : sql`true`;

  const result = await db.execute(sql`
    with counts as (
      select ${c.windowId} as window_id, count(*)::int as total,
             (count(*) filter (where not ${c.outsideOpeningHours}))::int as inside
        from ${c}
       where ${c.occurredAt} >= ${start}::timestamptz and ${c.occurredAt} < ${end}::timestamptz
       group by 1
    ), opening as (
      -- Each window's open minutes per ISO weekday (its schedule read once), then its days in the
      -- period on those weekdays, less closures and (unless it opens on them) holidays.
      select w.id as window_id, count(*)::int as days, sum(o.minutes)::int as minutes
        from ${cw} w
        cross join lateral (
          select (iv->>'weekday')::int as weekday, sum(${minutesOf('closes')} - ${minutesOf('opens')}) as minutes
            from jsonb_array_elements(w.schedule) iv
           group by 1
        ) o
        cross join lateral generate_series(
          greatest(w.valid_from, ${q.from}::date)::timestamp,
          least(coalesce(w.valid_to, ${q.to}::date), ${q.to}::date)::timestamp,
          interval '1 day') as g(t)
       where extract(isodow from g.t) = o.weekday
         and g.t::date <> all (w.closure_dates)
         and (w.opens_on_holidays or g.t::date <> all (${holidays}::date[]))
       group by w.id
    )
    select ${cw.id} as id, ${cw.name} as name, ${organisations.name} as organisation_name,
           coalesce(counts.total, 0)::int as total, coalesce(counts.inside, 0)::int as inside,
           coalesce(opening.days, 0)::int as opening_days, coalesce(opening.minutes, 0)::int as open_minutes
      from ${cw}
      join ${organisations} on ${organisations.id} = ${cw.organisationId}
      left join counts on counts.window_id = ${cw.id}
      left join opening on opening.window_id = ${cw.id}
     where ${own}
       and ((${cw.validFrom} <= ${q.to}::date and (${cw.validTo} is null or ${cw.validTo} >= ${q.from}::date))
            or counts.total > 0)
     order by ${cw.name}, ${cw.id}`);
  const rows = (result as unknown as { rows: DemandRow[] }).rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisationName: r.organisation_name,
    total: Number(r.total),
    inside: Number(r.inside),
    openingDays: Number(r.opening_days),
    openMinutes: Number(r.open_minutes),
  }));

  let withheld = false;
  const items: WindowDemandItem[] = rows.map((w) => {
    const openHours = w.openMinutes / 60;
    const outside = w.total - w.inside;
    let consultations: ReportCount = w.total;
    let inOpening: ReportCount = w.inside;
    let outsideOpening: ReportCount = outside;
    if (reader.suppress) {
      const shown = suppressList([w.inside, outside], w.total, reader.threshold);
      [inOpening, outsideOpening] = shown.values as [ReportCount, ReportCount];
      consultations = shown.total;
      withheld ||= shown.withheld;
    }
    const perHour =
      openHours === 0 ? null : isSuppressed(inOpening) ? inOpening : Math.round((w.inside / openHours) * 1000) / 1000;
    return {
      windowId: w.id,
      windowName: w.name,
      organisationName: w.organisationName,
      openingDays: w.openingDays,
      openHours: Math.round(openHours * 100) / 100,
      consultations,
      consultationsInOpeningHours: inOpening,
      consultationsOutsideOpeningHours: outsideOpening,
      consultationsPerOpenHour: perHour,
      noConsultations: w.total === 0,
    };
  });

  return {
    from: q.from,
    to: q.to,
    suppression: { applied: reader.suppress, threshold: reader.threshold, withheld },
    items,
  };
}

export function windowDemandCsv(report: WindowDemand): string {
  const t = report.suppression.threshold;
  const f = (count: ReportCount) => formatCount(count, t);
  return toCsv(
    [
      '窓口',
      '運営団体',
      '開設日数',
      '開設時間（時間）',
      '相談件数',
      '開設時間内の相談件数',
      '開設時間外の相談件数',
      '開設1時間あたりの相談件数',
      '相談なし',
    ],
    report.items.map((w) => [
      w.windowName,
      w.organisationName,
      w.openingDays,
      w.openHours,
      f(w.consultations),
      f(w.consultationsInOpeningHours),
      f(w.consultationsOutsideOpeningHours),
      w.consultationsPerOpenHour === null
        ? ''
        : typeof w.consultationsPerOpenHour === 'number'
          ? w.consultationsPerOpenHour
          : f(w.consultationsPerOpenHour),
      w.noConsultations ? '相談なし' : '',
    ]),
  );
}
