import type { ConsultationWindow } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { TagList } from './badges.tsx';

/** Everything about a window except its schedule, as a definition list. */
export function WindowFacts({ window: w }: { window: ConsultationWindow }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('windowDetail.none')}</span>;
  return (
    <dl className="facts">
      <dt>{t('windowDetail.organisation')}</dt>
      <dd>{w.organisationName}</dd>
      <dt>{t('windowDetail.topics')}</dt>
      <dd>
        <TagList items={w.topics.map((topic) => t(`topics.${topic}`))} />
      </dd>
      <dt>{t('windowDetail.channels')}</dt>
      <dd>
        <TagList items={w.channels.map((c) => t(`channels.${c}`))} />
      </dd>
      <dt>{t('windowDetail.place')}</dt>
      <dd>{w.place}</dd>
      <dt>{t('windowDetail.address')}</dt>
      <dd>{w.address ?? none}</dd>
      <dt>{t('windowDetail.phone')}</dt>
      <dd>
        {w.phone ? (
          <>
            <a href={`tel:${w.phone.replaceAll('-', '')}`}>{w.phone}</a>
            {w.phoneExtension ? ` ${t('windowDetail.extension', { ext: w.phoneExtension })}` : null}
          </>
        ) : (
          none
        )}
      </dd>
      <dt>{t('windowDetail.reservation')}</dt>
      <dd>
        {w.reservationRequired ? t('windowDetail.reservationRequired') : t('windowDetail.reservationNotRequired')}
        {w.reservationNote ? <p className="note">{w.reservationNote}</p> : null}
      </dd>
      <dt>{t('windowDetail.description')}</dt>
      <dd className="prewrap">{w.description ?? none}</dd>
    </dl>
  );
}

/** Period, holidays and closure dates: what decides on which days the schedule applies. */
export function WindowCalendarFacts({ window: w }: { window: ConsultationWindow }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <dl className="facts">
      <dt>{t('windowDetail.validFrom')}</dt>
      <dd>{formatDate(w.validFrom, lng)}</dd>
      <dt>{t('windowDetail.validTo')}</dt>
      <dd>{w.validTo ? formatDate(w.validTo, lng) : t('windowDetail.openEnded')}</dd>
      <dt>{t('windowDetail.holidays')}</dt>
      <dd>{w.opensOnHolidays ? t('windowDetail.opensOnHolidays') : t('windowDetail.closedOnHolidays')}</dd>
      <dt>{t('windowDetail.closures')}</dt>
      <dd>
        {w.closureDates.length === 0 ? (
          <span className="muted">{t('windowDetail.noClosures')}</span>
        ) : (
          <ul className="date-list">
            {[...w.closureDates].sort().map((d) => (
              <li key={d}>{formatDate(d, lng)}</li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
