import type { AttendanceMode, TrainingEventStatus, TrainingRegistration } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

export function EventStatusBadge({ status }: { status: TrainingEventStatus }) {
  const { t } = useTranslation();
  return <span className={`badge training-status training-status-${status}`}>{t(`training.status.${status}`)}</span>;
}

export function ModeBadge({ mode }: { mode: AttendanceMode }) {
  const { t } = useTranslation();
  return <span className={`badge training-mode training-mode-${mode}`}>{t(`training.mode.${mode}`)}</span>;
}

/** 確定 / キャンセル待ち 2番 / 取消, with 当日参加 when it was a walk-in. */
export function RegistrationStatusText({ registration: r }: { registration: TrainingRegistration }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={`badge training-reg training-reg-${r.status}`}>
        {r.status === 'waitlisted' && r.waitlistPosition
          ? t('training.registration.waitlistedAt', { n: r.waitlistPosition })
          : t(`training.registration.status.${r.status}`)}
      </span>
      {r.walkIn ? <span className="badge badge-muted">{t('training.registration.walkIn')}</span> : null}
    </span>
  );
}
