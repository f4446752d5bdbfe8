import type { Consultation } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatClock, formatShortDate, tokyoDate } from '../../../lib/format.ts';

/**
 * What was just recorded, in one line beside the save button, so the clerk can check it at a
 * glance before the next one. The status region is always on the page, so a screen reader
 * announces each save.
 */
export function SavedNotice({ saved, count }: { saved: Consultation | null; count: number }) {
  const { t, i18n } = useTranslation();
  const when = saved
    ? `${tokyoDate(saved.occurredAt) === tokyoDate() ? '' : `${formatShortDate(tokyoDate(saved.occurredAt), i18n.language)} `}${formatClock(saved.occurredAt)}`
    : '';
  return (
    <div role="status" className="cf-saved-region">
      {saved ? (
        <p className="cf-saved">
          <strong className="cf-saved-title">
            <span aria-hidden="true">✓ </span>
            {t('consultations.quick.saved', { n: count })}
          </strong>{' '}
          <span className="cf-saved-summary">
            {[
              when,
              saved.windowName,
              t(`channels.${saved.channel}`),
              saved.topics.map((topic) => t(`topics.${topic}`)).join(t('punctuation.list')),
            ].join(' ／ ')}
          </span>
          {saved.outsideOpeningHours ? (
            <span className="badge badge-outside cf-saved-outside">{t('consultations.quick.savedOutside')}</span>
          ) : null}{' '}
          <Link to={`/consultations/${saved.id}`}>{t('consultations.quick.open')}</Link>
        </p>
      ) : null}
    </div>
  );
}
