import type { Consultation } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

/** The flags of a consultation worth seeing in a list: taken outside hours, follow-up, repeat, made up. */
export function ConsultationBadges({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  if (!c.outsideOpeningHours && !c.followUpNeeded && !c.isRepeat && !c.madeUp) return null;
  return (
    <span className="badges">
      {c.outsideOpeningHours ? (
        <span className="badge badge-outside" title={t('consultations.badges.outsideHint')}>
          {t('consultations.badges.outside')}
        </span>
      ) : null}
      {c.followUpNeeded ? <span className="badge badge-follow-up">{t('consultations.badges.followUp')}</span> : null}
      {c.isRepeat ? <span className="badge badge-muted">{t('consultations.badges.repeat')}</span> : null}
      {c.madeUp ? <span className="badge badge-muted">{t('consultations.badges.madeUp')}</span> : null}
    </span>
  );
}
