import type { ReportCount } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { formatDate } from '../../../lib/format.ts';

export function surveyPeriod(opensOn: string | null, closesOn: string | null, lng: string, t: TFunction): string {
  return t('surveys.period', {
    from: opensOn ? formatDate(opensOn, lng, false) : t('surveys.noDate'),
    to: closesOn ? formatDate(closesOn, lng, false) : t('surveys.openEnded'),
  });
}

export const percent = (lng: string) =>
  new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'ja-JP', { style: 'percent', maximumFractionDigits: 0 });

/** A count as read: the number, or "<3" where small counts are hidden from this reader. */
export function countText(count: ReportCount, threshold: number): string {
  return typeof count === 'number' ? String(count) : `<${threshold}`;
}

export const countValue = (count: ReportCount): number | null => (typeof count === 'number' ? count : null);
