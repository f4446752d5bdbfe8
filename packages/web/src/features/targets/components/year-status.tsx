import type { TargetMetricsReport } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { countedUpTo } from '../format.ts';

/** Where in its year the report stands: not begun, running (day n of 365), or finished. */
export function YearStatus({ report }: { report: TargetMetricsReport }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const from = formatDate(report.from, lng, false);
  const to = formatDate(report.to, lng, false);
  if (report.finished) return <p className="year-status">{t('targets.year.finished', { from, to })}</p>;
  if (report.daysElapsed === 0) return <p className="year-status">{t('targets.year.notStarted', { from, to })}</p>;
  const pct = Math.round((report.daysElapsed / report.daysInYear) * 100);
  return (
    <div className="year-status">
      <p>
        {t('targets.year.running', {
          date: formatDate(countedUpTo(report), lng, false),
          days: report.daysElapsed,
          total: report.daysInYear,
          pct,
        })}
      </p>
      <div className="year-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
