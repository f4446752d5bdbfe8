import type { TrainingRegistration } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../lib/format.ts';
import type { AttendanceAction } from '../api/update-attendance.ts';
import { ModeBadge, RegistrationStatusText } from './badges.tsx';

interface RegistrationsTableProps {
  registrations: TrainingRegistration[];
  /** False for a cancelled event: the API takes no more changes to it. */
  editable: boolean;
  busyId: string | null;
  onAction: (registration: TrainingRegistration, action: AttendanceAction) => void;
  onCancel: (registration: TrainingRegistration) => void;
}

/** 受付 column: the check-in time, 欠席, or nothing yet. */
function Attendance({ r }: { r: TrainingRegistration }) {
  const { t } = useTranslation();
  if (r.checkedInAt)
    return (
      <span className="attended">{t('training.registration.checkedInAt', { time: formatClock(r.checkedInAt) })}</span>
    );
  if (r.noShow) return <span className="no-show">{t('training.registration.noShow')}</span>;
  return <span className="muted">{t('training.registration.notYet')}</span>;
}

export function RegistrationsTable({ registrations, editable, busyId, onAction, onCancel }: RegistrationsTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table registrations-table">
        <thead>
          <tr>
            <th scope="col">{t('training.registration.number')}</th>
            <th scope="col">{t('training.registration.name')}</th>
            <th scope="col">{t('training.registration.affiliation')}</th>
            <th scope="col">{t('training.registration.modeAndStatus')}</th>
            <th scope="col">{t('training.registration.attendance')}</th>
            <th scope="col">{t('training.registration.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {registrations.map((r) => {
            const busy = busyId === r.id;
            const actions = editable && !r.contactDetailsPurged;
            const name = r.name;
            return (
              <tr key={r.id} className={r.status === 'cancelled' ? 'is-cancelled' : undefined}>
                <td data-label={t('training.registration.number')} className="numeric">
                  {r.number}
                </td>
                <th scope="row" data-label={t('training.registration.name')}>
                  <span className="registrant-name">{name}</span>
                  {r.nameKana ? <span className="row-sub">{r.nameKana}</span> : null}
                  {r.email ? <span className="row-sub">{r.email}</span> : null}
                  {r.ticketToken && r.status !== 'cancelled' ? (
                    <a
                      className="row-sub"
                      href={`/tickets/${encodeURIComponent(r.ticketToken)}`}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={t('training.registration.ticketLabel', { name })}
                    >
                      {t('training.registration.ticket')}
                    </a>
                  ) : null}
                </th>
                <td data-label={t('training.registration.affiliation')}>
                  {t(`training.affiliation.${r.affiliation}`)}
                  {r.organisationName ? <span className="row-sub">{r.organisationName}</span> : null}
                </td>
                <td data-label={t('training.registration.modeAndStatus')}>
                  <span className="mode-status">
                    <ModeBadge mode={r.mode} />
                    <RegistrationStatusText registration={r} />
                  </span>
                </td>
                <td data-label={t('training.registration.attendance')} className="nowrap">
                  <Attendance r={r} />
                </td>
                <td data-label={t('training.registration.actions')}>
                  {actions ? (
                    <div className="row-actions">
                      {r.status === 'confirmed' && !r.checkedInAt && !r.noShow ? (
                        <>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={busy}
                            aria-label={t('training.registration.checkInLabel', { name })}
                            onClick={() => onAction(r, 'checkIn')}
                          >
                            {t('training.registration.checkIn')}
                          </button>
                          <button
                            type="button"
                            className="button button-quiet button-small"
                            disabled={busy}
                            aria-label={t('training.registration.markNoShowLabel', { name })}
                            onClick={() => onAction(r, 'noShow')}
                          >
                            {t('training.registration.markNoShow')}
                          </button>
                        </>
                      ) : null}
                      {r.noShow ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          disabled={busy}
                          aria-label={t('training.registration.undoNoShowLabel', { name })}
                          onClick={() => onAction(r, 'undoNoShow')}
                        >
                          {t('training.registration.undoNoShow')}
                        </button>
                      ) : null}
                      {r.checkedInAt ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          disabled={busy}
                          aria-label={t('training.registration.undoCheckInLabel', { name })}
                          onClick={() => onAction(r, 'undoCheckIn')}
                        >
                          {t('training.registration.undoCheckIn')}
                        </button>
                      ) : null}
                      {r.status !== 'cancelled' && !r.checkedInAt ? (
                        <button
                          type="button"
                          className="button button-danger-quiet button-small"
                          disabled={busy}
                          aria-label={t('training.registration.cancelLabel', { name })}
                          onClick={() => onCancel(r)}
                        >
                          {t('training.registration.cancel')}
                        </button>
                      ) : null}
                    </div>
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
