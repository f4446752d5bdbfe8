import { isSuppressed, type ReportCount, type SuppressionInfo } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

/** A count as a number, or null when it is not shown. */
export const numeric = (count: ReportCount | null | undefined): number | null =>
  typeof count === 'number' ? count : null;

/** How a count reads: the number, "<3" for a small one, "x" for one hidden to protect a small one. */
export function countText(count: ReportCount, threshold: number, lng: string): string {
  if (!isSuppressed(count)) return count.toLocaleString(lng === 'en' ? 'en-GB' : 'ja-JP');
  return count.reason === 'small' ? `<${threshold}` : 'x';
}

/** A count on screen; a hidden one is marked, with its reason for the title and a screen reader. */
export function Count({ count, threshold }: { count: ReportCount; threshold: number }) {
  const { t, i18n } = useTranslation();
  if (!isSuppressed(count)) return <>{countText(count, threshold, i18n.language)}</>;
  const reason =
    count.reason === 'small'
      ? t('consultations.suppression.small', { n: threshold - 1 })
      : t('consultations.suppression.hidden');
  return (
    <span className="suppressed" title={reason}>
      <span aria-hidden="true">{countText(count, threshold, i18n.language)}</span>
      <span className="visually-hidden">{reason}</span>
    </span>
  );
}

/** Why some counts read "<3" or "x": shown wherever they may appear. */
export function SuppressionNote({ suppression }: { suppression: SuppressionInfo }) {
  const { t } = useTranslation();
  if (!suppression.applied) return null;
  const n = suppression.threshold;
  return (
    <aside className="suppression-note" aria-label={t('consultations.suppression.title')}>
      <p>
        <strong>{t('consultations.suppression.title')}</strong>
      </p>
      <p>{t('consultations.suppression.body', { threshold: n, max: n - 1 })}</p>
    </aside>
  );
}
