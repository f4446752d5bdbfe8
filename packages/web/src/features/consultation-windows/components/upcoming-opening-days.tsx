import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { displayTime, formatShortDate } from '../../../lib/format.ts';
import { useOpeningDays } from '../api/get-opening-days.ts';

interface OpeningDaysListProps {
  id: string;
  from: string;
  to: string;
  /** A long range (a whole period) shows its totals and keeps the dates behind a disclosure. */
  collapsed?: boolean;
}

/** The dates the window actually opens, after holidays, closures and its period are taken out. */
export function OpeningDaysList({ id, from, to, collapsed = false }: OpeningDaysListProps) {
  const { t, i18n } = useTranslation();
  const query = useOpeningDays(id, from, to);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const { days, totalDays, totalHours } = query.data;
  if (days.length === 0) return <p className="muted">{t('windowDetail.upcomingNone')}</p>;
  const list = (
    <ul className="opening-days">
      {days.map((day) => (
        <li key={day.date}>
          <span className="opening-date">{formatShortDate(day.date, i18n.language)}</span>
          <span>
            {day.intervals
              .map((iv) => t('time.range', { opens: displayTime(iv.opens), closes: displayTime(iv.closes) }))
              .join(t('punctuation.list'))}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <p className="opening-total">
        {t('windowDetail.upcomingTotal', { days: totalDays, hours: Math.round(totalHours * 10) / 10 })}
      </p>
      {collapsed ? (
        <details className="disclosure">
          <summary>{t('windowDetail.showDates', { n: totalDays })}</summary>
          {list}
        </details>
      ) : (
        list
      )}
    </>
  );
}
