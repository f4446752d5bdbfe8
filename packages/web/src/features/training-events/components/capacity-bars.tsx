import type { TrainingModeSeats } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

interface CapacityBarsProps {
  seats: readonly TrainingModeSeats[];
  /** Checked in per mode, when known (the event page has the attendance). */
  attended?: Partial<Record<TrainingModeSeats['mode'], number>>;
  compact?: boolean;
}

/** Per mode: confirmed against capacity as a bar, and the waitlist, in words as well as in length. */
export function CapacityBars({ seats, attended, compact }: CapacityBarsProps) {
  const { t } = useTranslation();
  return (
    <ul className={`capacity-bars${compact ? ' capacity-bars-compact' : ''}`}>
      {seats.map((s) => {
        const offered = s.capacity > 0;
        // A walk-in let in beyond the capacity makes confirmed exceed it; the bar stays full.
        const share = offered ? Math.min(1, s.confirmed / s.capacity) : 0;
        const full = offered && s.remaining === 0;
        return (
          <li key={s.mode} className={`capacity${full ? ' is-full' : ''}${offered ? '' : ' is-off'}`}>
            <div className="capacity-head">
              <span className="capacity-mode">{t(`training.mode.${s.mode}`)}</span>
              {offered ? (
                <span className="capacity-numbers">
                  {t('training.seats.confirmedOf', { confirmed: s.confirmed, capacity: s.capacity })}
                </span>
              ) : (
                <span className="muted">{t('training.seats.notOffered')}</span>
              )}
            </div>
            {offered ? (
              <>
                <div className="capacity-track" aria-hidden="true">
                  <div className="capacity-fill" style={{ width: `${share * 100}%` }} />
                </div>
                <p className="capacity-notes">
                  <span>{full ? t('training.seats.full') : t('training.seats.remaining', { n: s.remaining })}</span>
                  {s.waitlisted > 0 ? (
                    <span className="capacity-waitlist">{t('training.seats.waitlisted', { n: s.waitlisted })}</span>
                  ) : compact ? null : (
                    <span>{t('training.seats.noWaitlist')}</span>
                  )}
                  {attended?.[s.mode] !== undefined ? (
                    <span>{t('training.seats.attended', { n: attended[s.mode] })}</span>
                  ) : null}
                </p>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
