import type { Consultation } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';

export function ConsultationFacts({ c }: { c: Consultation }) {
  const { t, i18n } = useTranslation();
  const none = <span className="muted">{t('windowDetail.none')}</span>;
  const yesNo = (v: boolean) => (v ? t('consultations.detail.yes') : t('consultations.detail.no'));
  return (
    <dl className="facts">
      <dt>{t('consultations.fields.occurredAt')}</dt>
      <dd>
        {formatDateTime(c.occurredAt, i18n.language)}
        {c.outsideOpeningHours ? <p className="note">{t('consultations.detail.outside')}</p> : null}
      </dd>
      <dt>{t('consultations.fields.window')}</dt>
      <dd>
        <Link to={`/windows/${c.windowId}`}>{c.windowName}</Link>
      </dd>
      <dt>{t('consultations.fields.channel')}</dt>
      <dd>{t(`channels.${c.channel}`)}</dd>
      <dt>{t('consultations.fields.topics')}</dt>
      <dd>{c.topics.map((topic) => t(`topics.${topic}`)).join(t('punctuation.list'))}</dd>
      <dt>{t('consultations.fields.referralSource')}</dt>
      <dd>
        {t(`consultations.referralSources.${c.referralSource}`)}
        {c.cardCode ? ` (${t('consultations.fields.cardCode')}: ${c.cardCode})` : null}
      </dd>
      <dt>{t('consultations.fields.ageBand')}</dt>
      <dd>{c.ageBand ? t(`consultations.ageBands.${c.ageBand}`) : none}</dd>
      <dt>{t('consultations.badges.repeat')}</dt>
      <dd>{yesNo(c.isRepeat)}</dd>
      <dt>{t('consultations.fields.referredTo')}</dt>
      <dd>
        {c.referredToWindowId ? (
          <Link to={`/windows/${c.referredToWindowId}`} className="block">
            {c.referredToWindowName}
          </Link>
        ) : null}
        {c.referredToExternal ? <span className="block">{c.referredToExternal}</span> : null}
        {!c.referredToWindowId && !c.referredToExternal ? none : null}
      </dd>
      <dt>{t('consultations.fields.followUpNeeded')}</dt>
      <dd>{yesNo(c.followUpNeeded)}</dd>
      <dt>{t('consultations.fields.note')}</dt>
      <dd className="prewrap">{c.note ?? none}</dd>
      <dt>{t('consultations.detail.recordedBy')}</dt>
      <dd>
        {c.recordedBy.label ?? none}
        {c.madeUp ? <p className="note">{t('consultations.detail.madeUp')}</p> : null}
      </dd>
    </dl>
  );
}
