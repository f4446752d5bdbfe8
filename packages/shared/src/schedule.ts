import { TZDate } from '@date-fns/tz';
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, format, parseISO } from 'date-fns';
import { TIME_ZONE } from './common.ts';
import type { ScheduleInterval } from './consultation-windows.ts';

/** What the opening-hours logic needs to know of a window (or a distribution point). */
export interface Openable {
  validFrom: string;
  validTo: string | null;
  closureDates: readonly string[];
  opensOnHolidays: boolean;
  schedule: readonly ScheduleInterval[];
}

const holidays = holidayJp.holidays as Record<string, { name: string }>;

/** Japanese national holiday name for a calendar date, or null. */
export function holidayName(date: string): string | null {
  return holidays[date]?.name ?? null;
}

/**
 * The national holidays from `from` to `to` (ISO dates, inclusive), for SQL that walks the
 * calendar itself (the window-demand report) with the same holiday data as `intervalsOn`.
 */
export function holidaysBetween(from: string, to: string): string[] {
  return Object.keys(holidays)
    .filter((date) => date >= from && date <= to)
    .sort();
}

/** The calendar date, ISO weekday and minute of the day of an instant in Asia/Tokyo. */
export function tokyoParts(instant: Date): { date: string; weekday: number; minutes: number } {
  const t = new TZDate(instant.getTime(), TIME_ZONE);
  return {
    date: format(t, 'yyyy-MM-dd'),
    weekday: ((t.getDay() + 6) % 7) + 1,
    minutes: t.getHours() * 60 + t.getMinutes(),
  };
}

/** The instant of a local Asia/Tokyo wall-clock time ("24:00" is the next midnight). */
export function tokyoInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, TIME_ZONE).getTime());
}

export function isoWeekday(date: string): number {
  const day = parseISO(date).getDay();
  return ((day + 6) % 7) + 1;
}

export function addDaysIso(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The intervals a window is open on a calendar date, after period, closures and holidays. */
export function intervalsOn(w: Openable, date: string): { opens: string; closes: string }[] {
  if (date < w.validFrom) return [];
  if (w.validTo && date > w.validTo) return [];
  if (w.closureDates.includes(date)) return [];
  if (!w.opensOnHolidays && holidayName(date)) return [];
  const weekday = isoWeekday(date);
  return w.schedule
    .filter((iv) => iv.weekday === weekday)
    .map(({ opens, closes }) => ({ opens, closes }))
    .sort((a, b) => a.opens.localeCompare(b.opens));
}

export function openingDays(w: Openable, from: string, to: string) {
  const days: { date: string; weekday: number; intervals: { opens: string; closes: string }[]; openMinutes: number }[] =
    [];
  for (let date = from; date <= to; date = addDaysIso(date, 1)) {
    const intervals = intervalsOn(w, date);
    if (intervals.length === 0) continue;
    const openMinutes = intervals.reduce((sum, iv) => sum + toMinutes(iv.closes) - toMinutes(iv.opens), 0);
    days.push({ date, weekday: isoWeekday(date), intervals, openMinutes });
  }
  return days;
}

export function isOpenAt(w: Openable, instant: Date): boolean {
  const { date, minutes } = tokyoParts(instant);
  return intervalsOn(w, date).some((iv) => toMinutes(iv.opens) <= minutes && minutes < toMinutes(iv.closes));
}

/** The current or next opening interval, looking ahead at most `horizonDays`. */
export function nextOpening(w: Openable, instant: Date, horizonDays = 370): { opens: Date; closes: Date } | null {
  const start = tokyoParts(instant).date;
  for (let k = 0; k <= horizonDays; k++) {
    const date = addDaysIso(start, k);
    if (w.validTo && date > w.validTo) return null;
    for (const iv of intervalsOn(w, date)) {
      const closes = tokyoInstant(date, iv.closes);
      if (closes > instant) return { opens: tokyoInstant(date, iv.opens), closes };
    }
  }
  return null;
}
