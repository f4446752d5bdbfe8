import type { ScheduleInterval } from '@tsunagari/shared';

/** Every date and time the programme shows is Japan time, whatever the device's zone. */
const TIME_ZONE = 'Asia/Tokyo';

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'ja-JP');

const isoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in Japan. */
export function tokyoDate(instant: Date | string = new Date()): string {
  return isoDate.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Noon keeps a calendar date on the same day in every zone. */
const dateAtNoon = (date: string) => new Date(`${date}T12:00:00+09:00`);

export function formatDate(date: string, lng: string, withWeekday = true): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: lng === 'en' ? 'short' : 'long',
    day: 'numeric',
    ...(withWeekday ? { weekday: 'short' as const } : {}),
  }).format(dateAtNoon(date));
}

/** 2021/11/13 (ja) or 13/11/2021 (en): compact, for tables. */
export function formatNumericDate(date: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).format(dateAtNoon(date));
}

/** Month and day with weekday, no year: for dates near today. */
export function formatShortDate(date: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    month: lng === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(dateAtNoon(date));
}

export function formatDateTime(instant: string | Date, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: lng === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** 2021/11/13 10:05 (ja) or 13/11/2021, 10:05 (en), Japan time: compact, for tables; `seconds` for logs. */
export function formatNumericDateTime(instant: string | Date, lng: string, seconds = false): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** HH:MM of an instant in Japan, without a leading zero (9:00, 17:30). */
export function formatClock(instant: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
  return displayTime(parts);
}

/** The clock time an interval closes at: midnight is the end of the day, "24:00", not "0:00". */
export function formatClosingClock(instant: string | Date): string {
  const clock = formatClock(instant);
  return clock === '0:00' ? '24:00' : clock;
}

/**
 * A typed time as the API wants it (HH:MM): "9:00", "900", "9" and full-width "９：００" (a
 * Japanese input method left on) all become "09:00". Anything else is returned as typed, for
 * the schema to refuse with a message.
 */
export function normaliseTime(input: string): string {
  const v = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace('：', ':');
  const m = /^(\d{1,2}):?(\d{2})$/.exec(v) ?? /^(\d{1,2})()$/.exec(v);
  if (!m) return input;
  return `${(m[1] as string).padStart(2, '0')}:${m[2] || '00'}`;
}

/** A schedule time "09:00" as people write it: "9:00". */
export function displayTime(hhmm: string): string {
  return hhmm.replace(/^0(\d)/, '$1');
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type WeekdayNumber = (typeof WEEKDAYS)[number];

export interface ScheduleLine {
  weekdays: number[];
  intervals: { opens: string; closes: string }[];
}

/**
 * Weekdays with the same hours folded into one line, in weekday order:
 * Mon–Fri 9:00–17:30 reads better on a phone than five identical rows.
 */
export function summariseSchedule(schedule: readonly ScheduleInterval[]): ScheduleLine[] {
  const lines: ScheduleLine[] = [];
  const byKey = new Map<string, ScheduleLine>();
  for (const weekday of WEEKDAYS) {
    const intervals = schedule
      .filter((iv) => iv.weekday === weekday)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens));
    if (intervals.length === 0) continue;
    const key = intervals.map((iv) => `${iv.opens}-${iv.closes}`).join(',');
    const line = byKey.get(key);
    if (line) line.weekdays.push(weekday);
    else {
      const created = { weekdays: [weekday], intervals };
      byKey.set(key, created);
      lines.push(created);
    }
  }
  return lines;
}

/** Weekday numbers as short names, runs of three or more joined: 月〜金, 月・水・金. */
export function formatWeekdays(
  weekdays: readonly number[],
  name: (weekday: number) => string,
  punctuation: { range: string; separator: string },
): string {
  const runs: number[][] = [];
  for (const d of weekdays) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${name(run[0] as number)}${punctuation.range}${name(run[run.length - 1] as number)}`]
        : run.map(name),
    )
    .join(punctuation.separator);
}
