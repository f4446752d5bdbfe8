import { formatClock, formatDate, tokyoDate } from '../../../lib/format.ts';

/** The fiscal year (April–March) a Tokyo date falls in. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

export const currentFiscalYear = () => fiscalYearOf(tokyoDate());

/**
 * 令和3年度 in Japanese, as the city writes its years (令和元年度 for the first); FY2021 in
 * English. Years before 令和 are 平成.
 */
export function fiscalYearLabel(fiscalYear: number, lng: string): string {
  if (lng === 'en') return `FY${fiscalYear}`;
  if (fiscalYear >= 2019) {
    const n = fiscalYear - 2018;
    return `令和${n === 1 ? '元' : n}年度`;
  }
  return `平成${fiscalYear - 1988}年度`;
}

/** "2026年12月10日(木) 14:00〜16:00", or both ends with their dates when it spans days. */
export function eventWhen(startsAt: string, endsAt: string, lng: string, range: string): string {
  const startDate = tokyoDate(startsAt);
  const endDate = tokyoDate(endsAt);
  const start = `${formatDate(startDate, lng)} ${formatClock(startsAt)}`;
  if (startDate === endDate) return `${start}${range}${formatClock(endsAt)}`;
  return `${start} ${range} ${formatDate(endDate, lng)} ${formatClock(endsAt)}`;
}

/** An instant as the value of a datetime-local input, in Japan time whatever the device's zone. */
export function toLocalInput(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A datetime-local value read as Japan time: "2026-12-10T14:00" → "2026-12-10T14:00:00+09:00". */
export function fromLocalInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+09:00` : value;
}
