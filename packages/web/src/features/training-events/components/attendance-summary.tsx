import type { TrainingAttendance } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

/** 出席状況: who registered, came and did not, by mode and by affiliation. */
export function AttendanceSummary({ attendance }: { attendance: TrainingAttendance }) {
  const { t } = useTranslation();
  const c = attendance.counts;
  return (
    <div className="attendance-summary">
      <p className="attendance-total">
        {t('training.attendance.total', { attended: c.attended, registered: c.registered })}
      </p>
      <table className="summary-table">
        <caption>{t('training.attendance.byMode')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.attendance.mode')}</th>
            <th scope="col">{t('training.attendance.confirmed')}</th>
            <th scope="col">{t('training.attendance.waitlisted')}</th>
            <th scope="col">{t('training.attendance.attended')}</th>
            <th scope="col">{t('training.attendance.noShow')}</th>
            <th scope="col">{t('training.attendance.walkIns')}</th>
          </tr>
        </thead>
        <tbody>
          {c.byMode.map((m) => (
            <tr key={m.mode}>
              <th scope="row">{t(`training.mode.${m.mode}`)}</th>
              <td>{m.confirmed}</td>
              <td>{m.waitlisted}</td>
              <td>
                <strong>{m.attended}</strong>
              </td>
              <td>{m.noShow}</td>
              <td>{m.walkIns}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="summary-table">
        <caption>{t('training.attendance.byAffiliation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.attendance.affiliation')}</th>
            <th scope="col">{t('training.attendance.registered')}</th>
            <th scope="col">{t('training.attendance.attended')}</th>
            <th scope="col">{t('training.mode.venue')}</th>
            <th scope="col">{t('training.mode.online')}</th>
          </tr>
        </thead>
        <tbody>
          {c.byAffiliation.map((a) => (
            <tr key={a.affiliation} className={a.registered === 0 && a.attended === 0 ? 'is-zero' : undefined}>
              <th scope="row">{t(`training.affiliation.${a.affiliation}`)}</th>
              <td>{a.registered}</td>
              <td>
                <strong>{a.attended}</strong>
              </td>
              <td>{a.attendedVenue}</td>
              <td>{a.attendedOnline}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
