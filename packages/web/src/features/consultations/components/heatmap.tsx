import { type ConsultationReport, isSuppressed, type ReportCount } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../../lib/format.ts';
import { Count, numeric } from './report-count.tsx';

const LEVELS = 5;

/** 0 for none, 1–5 by the share of the busiest hour; hidden counts have their own look. */
function level(count: ReportCount, max: number): string {
  if (isSuppressed(count)) return 'heat-hidden';
  if (count === 0) return 'heat-0';
  return `heat-${Math.max(1, Math.ceil((count / max) * LEVELS))}`;
}

/**
 * Weekday × hour of day (Japan time) as a table coloured by count: when women come. Hours no
 * one came in at the edges of the day are left out, but office hours are always shown, so an
 * empty Saturday morning reads as empty rather than as missing.
 */
export function Heatmap({ report, csvUrl }: { report: ConsultationReport; csvUrl: string }) {
  const { t } = useTranslation();
  const id = useId();
  const threshold = report.suppression.threshold;
  const byKey = new Map(report.cells.map((c) => [`${c.keys[0]?.value}:${c.keys[1]?.value}`, c.count]));
  const busy = report.cells.filter((c) => c.count !== 0).map((c) => Number(c.keys[1]?.value));
  const first = Math.min(8, ...busy);
  const last = Math.max(18, ...busy);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...report.cells.map((c) => numeric(c.count) ?? 0));
  const rowTotal = new Map(report.rowTotals.map((m) => [m.key.value, m.count]));
  const columnTotal = new Map(report.columnTotals.map((m) => [m.key.value, m.count]));

  return (
    <section className="panel chart-panel heatmap-panel" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{t('consultations.analysis.heatmap')}</h3>
        <a className="csv-link" href={csvUrl} download>
          {t('consultations.analysis.csv')}
        </a>
      </div>
      {report.suppression.withheld ? (
        <p className="muted">{t('consultations.suppression.withheld')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="heatmap">
              <caption className="visually-hidden">{t('consultations.analysis.heatmapCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('consultations.analysis.weekday')}</span>
                  </th>
                  {hours.map((h) => (
                    <th scope="col" key={h}>
                      {t('consultations.analysis.hour', { h })}
                    </th>
                  ))}
                  <th scope="col" className="heat-total">
                    {t('consultations.analysis.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((d) => (
                  <tr key={d}>
                    <th scope="row">{t(`weekdays.short.${d}`)}</th>
                    {hours.map((h) => {
                      const count = byKey.get(`${d}:${h}`) ?? 0;
                      return (
                        <td key={h} className={`heat ${level(count, max)}`}>
                          {count === 0 ? (
                            <>
                              <span aria-hidden="true">·</span>
                              <span className="visually-hidden">0</span>
                            </>
                          ) : (
                            <Count count={count} threshold={threshold} />
                          )}
                        </td>
                      );
                    })}
                    <td className="heat-total">
                      {rowTotal.has(d) ? <Count count={rowTotal.get(d) as ReportCount} threshold={threshold} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('consultations.analysis.total')}</th>
                  {hours.map((h) => (
                    <td key={h} className="heat-total">
                      {columnTotal.has(h) ? (
                        <Count count={columnTotal.get(h) as ReportCount} threshold={threshold} />
                      ) : null}
                    </td>
                  ))}
                  <td className="heat-total">
                    <Count count={report.total} threshold={threshold} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="heat-legend" aria-hidden="true">
            <span>{t('consultations.analysis.fewer')}</span>
            {Array.from({ length: LEVELS }, (_, i) => (
              <span key={i} className={`heat-swatch heat-${i + 1}`} />
            ))}
            <span>{t('consultations.analysis.more')}</span>
            {report.suppression.applied ? (
              <>
                <span className="heat-swatch heat-hidden" />
                <span>{t('consultations.analysis.hiddenLegend', { threshold })}</span>
              </>
            ) : null}
          </p>
        </>
      )}
      <p className="field-hint chart-note">{t('consultations.analysis.heatmapNote')}</p>
    </section>
  );
}
