/**
 * 窓口ごとの需要: for each window, how long it was open in a period against how many came.
 *
 * Opening days and hours are calendar logic (schedule, closures, national holidays) computed
 * with `openingDays` from @tsunagari/shared, the same code the directory uses, over at most a
 * few years of days per window. The consultations of every window are counted in SQL, in one
 * query; whether a consultation was inside the opening hours is the flag stored when it was
 * recorded, so a later change of schedule does not rewrite history.
 */
import {
  addDaysIso,
  formatCount,
  isSuppressed,
  openingDays,
  type ReportCount,
  tokyoInstant,
  type WindowDemand,
  type WindowDemandItem,
  type WindowDemandQuery,
} from '@tsunagari/shared';
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { consultations as c, consultationWindows as cw, organisations } from '../db/schema/index.ts';
import type { ReportReader } from './consultations.ts';
import { toCsv } from './csv.ts';
import { suppressList } from './suppression.ts';

export async function windowDemand(
  db: DbOrTx,
  q: Pick<WindowDemandQuery, 'from' | 'to'>,
  reader: ReportReader,
): Promise<WindowDemand> {
  const start = tokyoInstant(q.from, '00:00');
  const end = tokyoInstant(addDaysIso(q.to, 1), '00:00');
  const inPeriod = and(gte(c.occurredAt, start), sql`${c.occurredAt} < ${end}`);

  const counts = db
    .select({
      windowId: c.windowId,
      total: sql<number>`count(*)::int`.as('total'),
      inside: sql<number>`(count(*) filter (where not ${c.outsideOpeningHours}))::int`.as('inside'),
    })
    .from(c)
    .where(inPeriod)
    .groupBy(c.windowId)
    .as('counts');

  const rows = await db
    .select({
      id: cw.id,
      name: cw.name,
      organisationName: organisations.name,
      validFrom: cw.validFrom,
      validTo: cw.validTo,
      closureDates: cw.closureDates,
      opensOnHolidays: cw.opensOnHolidays,
      schedule: cw.schedule,
      total: sql<number>`coalesce(${counts.total}, 0)`.mapWith(Number),
      inside: sql<number>`coalesce(${counts.inside}, 0)`.mapWith(Number),
    })
    .from(cw)
    .innerJoin(organisations, eq(organisations.id, cw.organisationId))
    .leftJoin(counts, eq(counts.windowId, cw.id))
    .where(
      and(
        reader.organisationId ? eq(cw.organisationId, reader.organisationId) : undefined,
        or(and(lte(cw.validFrom, q.to), or(isNull(cw.validTo), gte(cw.validTo, q.from))), sql`${counts.total} > 0`),
      ),
    )
    .orderBy(cw.name, cw.id);

  let withheld = false;
  const items: WindowDemandItem[] = rows.map((w) => {
    const days = openingDays(w, q.from, q.to);
    const openHours = days.reduce((sum, d) => sum + d.openMinutes, 0) / 60;
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
      openingDays: days.length,
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
