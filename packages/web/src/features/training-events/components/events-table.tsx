import type { TrainingEvent } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tokyoDate } from '../../../lib/format.ts';
import { EventStatusBadge } from './badges.tsx';
import { CapacityBars } from './capacity-bars.tsx';
import { eventWhen, fiscalYearLabel } from './format.ts';

/** Events as rows: when, what (with status), seats per mode, check-ins; today's offer the door screen. */
export function EventsTable({ events }: { events: TrainingEvent[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const today = tokyoDate();
  return (
    <div className="table-scroll">
      <table className="data-table training-table">
        <thead>
          <tr>
            <th scope="col">{t('training.columns.event')}</th>
            <th scope="col">{t('training.columns.when')}</th>
            <th scope="col">{t('training.columns.seats')}</th>
            <th scope="col">{t('training.columns.checkedIn')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const isToday = tokyoDate(e.startsAt) <= today && today <= tokyoDate(e.endsAt);
            return (
              <tr key={e.id}>
                <th scope="row" data-label={t('training.columns.event')}>
                  <Link to={`/training/${e.id}`} className="row-link">
                    {e.title}
                  </Link>
                  <span className="badges">
                    <EventStatusBadge status={e.status} />
                    {isToday ? <span className="badge training-today">{t('training.list.today')}</span> : null}
                  </span>
                  <span className="row-sub">
                    {fiscalYearLabel(e.fiscalYear, lng)}
                    {e.venueName ? `・${e.venueName}` : ''}
                  </span>
                </th>
                <td data-label={t('training.columns.when')}>
                  {eventWhen(e.startsAt, e.endsAt, lng, t('punctuation.range'))}
                </td>
                <td data-label={t('training.columns.seats')} className="training-seats-cell">
                  <CapacityBars seats={e.seats} compact />
                </td>
                <td data-label={t('training.columns.checkedIn')}>
                  <span className="training-checked-in">{t('training.list.checkedIn', { n: e.checkedIn })}</span>
                  {isToday && e.status !== 'cancelled' ? (
                    <Link to={`/training/${e.id}/check-in`} className="button button-secondary button-small">
                      {t('training.list.openCheckIn')}
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
