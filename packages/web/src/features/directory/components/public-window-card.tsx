import { useTranslation } from 'react-i18next';
import { ScheduleSummary } from '../../../components/schedule-summary.tsx';
import { formatClock, formatClosingClock, formatDate, formatShortDate, tokyoDate } from '../../../lib/format.ts';
import type { PublicWindow } from '../api/get-public-directory.ts';

/** One window as a woman on a phone needs it: is it open, when next, and one tap to call. */
export function PublicWindowCard({ window: w, today }: { window: PublicWindow; today: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const headingId = `window-${w.id}`;
  const next = w.nextOpening;

  let status: string;
  if (w.openNow && next) status = t('directory.openUntil', { closes: formatClosingClock(next.closes) });
  else if (next && tokyoDate(next.opens) === today)
    status = t('directory.nextToday', { opens: formatClock(next.opens), closes: formatClosingClock(next.closes) });
  else if (next)
    status = `${formatShortDate(tokyoDate(next.opens), lng)} ${t('time.range', {
      opens: formatClock(next.opens),
      closes: formatClosingClock(next.closes),
    })}`;
  else status = t('directory.nextNone');

  return (
    <article className={`public-card${w.openNow ? ' is-open' : ''}`} aria-labelledby={headingId}>
      <header className="public-card-head">
        <h2 id={headingId}>{w.name}</h2>
        <p className="badges">
          <span className={`badge ${w.openNow ? 'badge-open' : 'badge-closed'}`}>
            {w.openNow ? t('badges.openNow') : t('badges.closedNow')}
          </span>
          {w.womenOnly ? <span className="badge badge-women">{t('badges.womenOnly')}</span> : null}
          {w.isNew ? <span className="badge badge-new">{t('badges.isNew')}</span> : null}
        </p>
      </header>

      <p className="public-status">
        {!w.openNow && next ? <span className="public-status-label">{t('directory.next')}</span> : null}
        {status}
      </p>

      {w.phone ? (
        <a className="call-button" href={`tel:${w.phone.replaceAll('-', '')}`}>
          <span aria-hidden="true" className="call-icon">
            ☎
          </span>
          {t('directory.call', { phone: w.phone })}
          {w.phoneExtension ? t('directory.callExtension', { ext: w.phoneExtension }) : null}
        </a>
      ) : null}

      {w.description ? <p className="public-description">{w.description}</p> : null}

      <ul className="tags" aria-label={t('windows.columns.topics')}>
        {w.topics.map((topic) => (
          <li key={topic} className="tag">
            {t(`topics.${topic}`)}
          </li>
        ))}
      </ul>

      <dl className="public-facts">
        <div>
          <dt>{t('directory.hours')}</dt>
          <dd>
            <ScheduleSummary schedule={w.schedule} />
            <span className="muted">
              {w.opensOnHolidays ? t('directory.holidaysOpen') : t('directory.holidaysClosed')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('directory.place')}</dt>
          <dd>
            {w.place}
            {w.address ? <span className="muted block">{w.address}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('directory.channels')}</dt>
          <dd>{w.channels.map((c) => t(`channels.${c}`)).join(t('punctuation.list'))}</dd>
        </div>
        {w.reservationRequired || w.reservationNote ? (
          <div>
            <dt>{t('directory.reservation')}</dt>
            <dd>
              {w.reservationRequired ? t('badges.reservation') : null}
              {w.reservationNote ? <span className="block">{w.reservationNote}</span> : null}
            </dd>
          </div>
        ) : null}
        {w.validTo ? (
          <div>
            <dt>{t('directory.period')}</dt>
            <dd>
              {t('windows.periodRange', {
                from: formatDate(w.validFrom, lng, false),
                to: formatDate(w.validTo, lng, false),
              })}
            </dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
