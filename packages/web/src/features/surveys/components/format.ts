import type { ReportCount, SurveyContext } from '@tsunagari/shared';
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

/** What a survey is about, in words: 研修会「…」の参加者, 配付場所 3か所の配付物 … */
export function contextInWords(s: { context: SurveyContext; contextName: string | null }, t: TFunction): string {
  switch (s.context.kind) {
    case 'training_event':
      return s.contextName === null
        ? t('surveys.about.missingEvent')
        : t('surveys.about.training_event', { name: s.contextName });
    case 'distribution':
      return t('surveys.about.distribution', { n: s.context.distributionPointIds.length });
    case 'consultation_window':
      return s.contextName === null
        ? t('surveys.about.missingWindow')
        : t('surveys.about.consultation_window', { name: s.contextName });
    default:
      return t('surveys.about.none');
  }
}
