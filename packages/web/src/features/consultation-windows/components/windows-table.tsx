import type { ConsultationWindow } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScheduleSummary } from '../../../components/schedule-summary.tsx';
import { Words } from '../../../components/words.tsx';
import { formatNumericDate } from '../../../lib/format.ts';
import { WindowBadges } from './badges.tsx';

export function WindowsTable({ windows }: { windows: ConsultationWindow[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table windows-table">
        <thead>
          <tr>
            <th scope="col">{t('windows.columns.name')}</th>
            <th scope="col">{t('windows.columns.topics')}</th>
            <th scope="col">{t('windows.columns.schedule')}</th>
            <th scope="col">{t('windows.columns.channels')}</th>
            <th scope="col">{t('windows.columns.period')}</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.id}>
              <th scope="row" data-label={t('windows.columns.name')}>
                <Link to={`/windows/${w.id}`} className="row-link">
                  {w.name}
                </Link>
                <WindowBadges womenOnly={w.womenOnly} isNew={w.isNew} reservationRequired={w.reservationRequired} />
                <span className="row-sub">{w.organisationName}</span>
              </th>
              <td data-label={t('windows.columns.topics')}>
                <Words items={w.topics.map((topic) => t(`topics.${topic}`))} />
              </td>
              <td data-label={t('windows.columns.schedule')}>
                <ScheduleSummary schedule={w.schedule} />
              </td>
              <td data-label={t('windows.columns.channels')}>
                <Words items={w.channels.map((c) => t(`channels.${c}`))} />
              </td>
              <td data-label={t('windows.columns.period')}>
                {w.validTo
                  ? t('windows.periodRange', {
                      from: formatNumericDate(w.validFrom, lng),
                      to: formatNumericDate(w.validTo, lng),
                    })
                  : t('windows.periodOpenEnded', { from: formatNumericDate(w.validFrom, lng) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
