import { isSuppressed, type WindowDemand } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Count } from './report-count.tsx';

/**
 * Each window's opening days and hours against the consultations it received. The windows
 * no one came to are named first, in a panel of their own: that is the finding to act on, and it
 * is said plainly, without alarm (an empty window is a question about reach, not a failure).
 */
export function WindowDemandTable({ report, csvUrl }: { report: WindowDemand; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lng = i18n.language === 'en' ? 'en-GB' : 'ja-JP';
  const hours = new Intl.NumberFormat(lng, { maximumFractionDigits: 1 });
  const rate = new Intl.NumberFormat(lng, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const threshold = report.suppression.threshold;
  const empty = report.items.filter((w) => w.noConsultations && w.openingDays > 0);

  return (
    <section className="panel demand-panel" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h2 id={`${id}-title`}>{t('consultations.demand.title')}</h2>
        <a className="csv-link" href={csvUrl} download>
          {t('consultations.analysis.csv')}
        </a>
      </div>
      <p className="field-hint">{t('consultations.demand.lead')}</p>

      {empty.length > 0 ? (
        <div className="demand-callout" role="note" aria-labelledby={`${id}-callout`}>
          <h3 id={`${id}-callout`}>{t('consultations.demand.calloutTitle', { n: empty.length })}</h3>
          <ul>
            {empty.map((w) => (
              <li key={w.windowId}>
                <Link to={`/windows/${w.windowId}`} className="demand-window">
                  {w.windowName}
                </Link>
                <span className="demand-facts">
                  {t('consultations.demand.calloutFacts', {
                    days: w.openingDays,
                    hours: hours.format(w.openHours),
                  })}
                </span>
              </li>
            ))}
          </ul>
          <p className="demand-callout-hint">{t('consultations.demand.calloutHint')}</p>
        </div>
      ) : null}

      {report.items.length === 0 ? (
        <p className="empty">{t('consultations.demand.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table demand-table">
            <thead>
              <tr>
                <th scope="col">{t('consultations.demand.window')}</th>
                <th scope="col" className="num">
                  {t('consultations.demand.openingDays')}
                </th>
                <th scope="col" className="num">
                  {t('consultations.demand.openHours')}
                </th>
                <th scope="col" className="num">
                  {t('consultations.demand.consultations')}
                </th>
                <th scope="col" className="num">
                  {t('consultations.demand.outside')}
                </th>
                <th scope="col" className="num">
                  {t('consultations.demand.perHour')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((w) => {
                const flagged = w.noConsultations && w.openingDays > 0;
                const perHour = w.consultationsPerOpenHour;
                return (
                  <tr key={w.windowId} className={flagged ? 'is-empty-window' : undefined}>
                    <th scope="row" data-label={t('consultations.demand.window')}>
                      <Link to={`/windows/${w.windowId}`} className="row-link">
                        {w.windowName}
                      </Link>
                      {flagged ? <span className="badge badge-no-one">{t('consultations.demand.noOne')}</span> : null}
                      {w.openingDays === 0 ? (
                        <span className="badge badge-muted">{t('consultations.demand.notOpen')}</span>
                      ) : null}
                      <span className="row-sub">{w.organisationName}</span>
                    </th>
                    <td className="num" data-label={t('consultations.demand.openingDays')}>
                      {t('consultations.demand.days', { n: w.openingDays })}
                    </td>
                    <td className="num" data-label={t('consultations.demand.openHours')}>
                      {t('consultations.demand.hours', { n: hours.format(w.openHours) })}
                    </td>
                    <td className="num demand-count" data-label={t('consultations.demand.consultations')}>
                      <Count count={w.consultations} threshold={threshold} />
                    </td>
                    <td className="num" data-label={t('consultations.demand.outside')}>
                      <Count count={w.consultationsOutsideOpeningHours} threshold={threshold} />
                    </td>
                    <td className="num" data-label={t('consultations.demand.perHour')}>
                      {perHour === null ? (
                        <span className="muted">—</span>
                      ) : isSuppressed(perHour) ? (
                        <Count count={perHour} threshold={threshold} />
                      ) : (
                        rate.format(perHour)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
