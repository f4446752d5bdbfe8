import type { ConsultationReport } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Count, numeric } from './report-count.tsx';

interface BarListProps {
  title: string;
  report: ConsultationReport;
  /** The label of a key value in the reader's language (the API's labels are Japanese). */
  label: (value: string | number | null, apiLabel: string) => string;
  note?: string | undefined;
  csvUrl: string;
}

/**
 * Counts by one dimension as horizontal bars. It is a table first (a screen reader reads it as
 * one, and the numbers are always written out); the bars are drawn in CSS beside the numbers.
 * A hidden count gets no bar: drawing one would show what the "<3" is there to hide.
 */
export function BarList({ title, report, label, note, csvUrl }: BarListProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const threshold = report.suppression.threshold;
  const max = Math.max(1, ...report.cells.map((c) => numeric(c.count) ?? 0));
  const total = numeric(report.total);
  const pct = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <a className="csv-link" href={csvUrl} download>
          {t('consultations.analysis.csv')}
        </a>
      </div>
      {report.suppression.withheld ? (
        <p className="muted">{t('consultations.suppression.withheld')}</p>
      ) : (
        <table className="bar-list">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{t('consultations.analysis.count')}</th>
              <th scope="col">{t('consultations.analysis.share')}</th>
            </tr>
          </thead>
          <tbody>
            {report.cells.map((cell) => {
              const key = cell.keys[0];
              const n = numeric(cell.count);
              return (
                <tr key={String(key?.value)}>
                  <th scope="row" className="bar-label">
                    {key ? label(key.value, key.label) : ''}
                  </th>
                  <td className="bar-count">
                    <Count count={cell.count} threshold={threshold} />
                  </td>
                  <td className="bar-cell">
                    <span className="bar-track" aria-hidden="true">
                      {n === null ? (
                        <span className="bar bar-hidden" />
                      ) : n > 0 ? (
                        <span className="bar" style={{ width: `${(n / max) * 100}%` }} />
                      ) : null}
                    </span>
                    <span className="bar-share">{n !== null && total ? pct.format(n / total) : ''}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('consultations.analysis.total')}</th>
              <td className="bar-count">
                <Count count={report.total} threshold={threshold} />
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {note ? <p className="field-hint chart-note">{note}</p> : null}
    </section>
  );
}
