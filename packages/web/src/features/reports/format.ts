import { formatDate } from '../../lib/format.ts';

/**
 * Dates as an official Japanese report writes them: 令和3年11月19日(金), from the platform's
 * Japanese calendar. English readers get the western date.
 */
export function formatReportDate(iso: string, lng: string, withWeekday = true): string {
  if (lng === 'en') return formatDate(iso, lng, withWeekday);
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withWeekday ? { weekday: 'short' as const } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(new Date(`${iso}T12:00:00+09:00`));
}
