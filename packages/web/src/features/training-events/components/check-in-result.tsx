import type { TrainingRegistration } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../lib/format.ts';

export type CheckInOutcome =
  | { kind: 'checkedIn'; registration: TrainingRegistration; walkIn?: boolean }
  | { kind: 'already'; registration: TrainingRegistration }
  | { kind: 'undone'; registration: TrainingRegistration }
  | { kind: 'waitlisted'; text: string; retry: () => void }
  | { kind: 'error'; text: string };

interface CheckInResultProps {
  outcome: CheckInOutcome | null;
  onUndo: (registration: TrainingRegistration) => void;
  /** Leaves a question unanswered (the waitlisted ticket is not taken). */
  onDismiss: () => void;
  busy: boolean;
}

/**
 * The answer to the last check-in, large enough to read at arm's length: green for "came in
 * now", amber for "had come in already" or a decision to make, red for a ticket that is not
 * valid here. A status region, so a screen reader says it too.
 */
export function CheckInResult({ outcome, onUndo, onDismiss, busy }: CheckInResultProps) {
  const { t } = useTranslation();
  let body = null;
  let tone = 'idle';
  if (outcome) {
    switch (outcome.kind) {
      case 'checkedIn': {
        const r = outcome.registration;
        tone = 'ok';
        body = (
          <>
            <p className="checkin-result-title">
              <span aria-hidden="true">✓ </span>
              {outcome.walkIn ? t('training.checkIn.walkInDone') : t('training.checkIn.done')}
            </p>
            <p className="checkin-result-name">
              {t('training.checkIn.who', { name: r.name, mode: t(`training.mode.${r.mode}`) })}
            </p>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => onUndo(r)}>
              {t('training.checkIn.undo')}
            </button>
          </>
        );
        break;
      }
      case 'already': {
        const r = outcome.registration;
        tone = 'warn';
        body = (
          <>
            <p className="checkin-result-title">
              {t('training.checkIn.already', { time: r.checkedInAt ? formatClock(r.checkedInAt) : '' })}
            </p>
            <p className="checkin-result-name">
              {t('training.checkIn.who', { name: r.name, mode: t(`training.mode.${r.mode}`) })}
            </p>
          </>
        );
        break;
      }
      case 'undone':
        tone = 'info';
        body = (
          <p className="checkin-result-title">{t('training.checkIn.undone', { name: outcome.registration.name })}</p>
        );
        break;
      case 'waitlisted':
        tone = 'warn';
        body = (
          <>
            <p className="checkin-result-title">{outcome.text}</p>
            <div className="checkin-result-actions">
              <button
                type="button"
                className="button button-primary button-large"
                disabled={busy}
                onClick={outcome.retry}
              >
                {t('training.checkIn.overrideWaitlist')}
              </button>
              <button type="button" className="button button-secondary button-large" onClick={onDismiss}>
                {t('training.checkIn.overrideNo')}
              </button>
            </div>
          </>
        );
        break;
      case 'error':
        tone = 'error';
        body = <p className="checkin-result-title">{outcome.text}</p>;
        break;
    }
  }
  return (
    <div className={`checkin-result checkin-result-${tone}`} role="status" aria-live="polite">
      {body ?? <p className="checkin-result-idle">{t('training.checkIn.idle')}</p>}
    </div>
  );
}
