import type { Consultation } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Words } from '../../../components/words.tsx';
import { ConsultationBadges } from './badges.tsx';

/** 2022/3/29(火) 16:32: a table column's worth, in Japan time. */
function compactDateTime(instant: string, lng: string): string {
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

export function ConsultationsTable({ items }: { items: Consultation[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table consultations-table">
        <thead>
          <tr>
            <th scope="col">{t('consultations.columns.occurredAt')}</th>
            <th scope="col">{t('consultations.columns.window')}</th>
            <th scope="col">{t('consultations.columns.channel')}</th>
            <th scope="col">{t('consultations.columns.topics')}</th>
            <th scope="col">{t('consultations.columns.referralSource')}</th>
            <th scope="col">{t('consultations.columns.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className={c.outsideOpeningHours ? 'is-outside' : undefined}>
              <th scope="row" data-label={t('consultations.columns.occurredAt')}>
                <Link to={`/consultations/${c.id}`} className="row-link">
                  {compactDateTime(c.occurredAt, lng)}
                </Link>
                <ConsultationBadges c={c} />
              </th>
              <td data-label={t('consultations.columns.window')}>{c.windowName}</td>
              <td data-label={t('consultations.columns.channel')}>{t(`channels.${c.channel}`)}</td>
              <td data-label={t('consultations.columns.topics')}>
                <Words items={c.topics.map((topic) => t(`topics.${topic}`))} />
              </td>
              <td data-label={t('consultations.columns.referralSource')}>
                {t(`consultations.referralSources.${c.referralSource}`)}
                {c.cardCode ? <span className="row-sub">{c.cardCode}</span> : null}
              </td>
              <td data-label={t('consultations.columns.note')} className="cf-note-cell">
                {c.note ? <span className="cf-note-text">{c.note}</span> : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
