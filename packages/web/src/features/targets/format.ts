import { isSuppressed, type MetricUnit, type ReportCount, type TargetMetricsReport } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { tokyoDate } from '../../lib/format.ts';

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'ja-JP');

/** 36, 86.1, 1,234: counts whole, shares and projections to one decimal at most. */
export function formatNumber(value: number, lng: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(lng), { maximumFractionDigits }).format(value);
}

/**
 * The last day a report counts: the year's last once it ended; otherwise the day of `asOf`, which
 * for a chosen day is midnight after it (the end of that day), hence the millisecond back.
 */
export function countedUpTo(report: Pick<TargetMetricsReport, 'finished' | 'to' | 'asOf'>): string {
  return report.finished ? report.to : tokyoDate(new Date(Date.parse(report.asOf) - 1));
}

/** +6.1, −44, ±0: a difference, with its sign always written. */
export function formatSigned(value: number, lng: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(lng), { maximumFractionDigits, signDisplay: 'exceptZero' }).format(value);
}

/** 0.45 → 45%; 1.0764 → 108%. */
export function formatRate(rate: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** 36名, 86.1%, 0件, 431セット (36 people, 86.1%, 0, 431 sets). */
export function formatValue(t: TFunction, value: number, unit: MetricUnit, lng: string, digits?: number): string {
  const n = formatNumber(value, lng, digits ?? (unit === 'percent' ? 1 : 0));
  return t(`targets.units.${unit}`, { value: n });
}

/** A count of a report: the number, or "<3" / "x" where a small count is not shown. */
export function formatCount(count: ReportCount | null, threshold: number, lng: string): string {
  if (count === null) return '—';
  if (!isSuppressed(count)) return formatNumber(count, lng, 0);
  return count.reason === 'small' ? `<${threshold}` : 'x';
}

export const countValue = (count: ReportCount | null | undefined): number | null =>
  typeof count === 'number' ? count : null;
