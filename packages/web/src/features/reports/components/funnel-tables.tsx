import type { FunnelReport, ReferralSource } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { countValue, formatCount, formatNumber } from '../../targets/format.ts';

const pctText = (rate: number | null, lng: string) => (rate === null ? '—' : `${formatNumber(rate * 100, lng, 1)}%`);

/** The months from the first to the last with anything in them: an April with no cards yet says nothing. */
function activeMonths(report: FunnelReport): string[] {
  const busy = report.monthTotals.filter(
    (m) => m.setsHandedOut > 0 || countValue(m.consultations) !== 0 || m.consultations === null,
  );
  if (busy.length === 0) return report.months;
  const first = busy[0]?.month as string;
  const last = busy[busy.length - 1]?.month as string;
  return report.months.filter((m) => m >= first && m <= last);
}

/** Per point and month: sets handed out over consultations that brought the point's card. */
export function FunnelPointsTable({ report, csvUrl }: { report: FunnelReport; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const threshold = report.suppression.threshold;
  const months = activeMonths(report);
  const monthFormat = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ja-JP', {
    month: 'short',
    timeZone: 'Asia/Tokyo',
  });
  const monthName = (month: string) => monthFormat.format(new Date(`${month}-15T12:00:00+09:00`));
  const cell = (c: { setsHandedOut: number; consultations: FunnelReport['total']['consultations'] }) => (
    <>
      <span className={`fn-sets${c.setsHandedOut === 0 ? ' is-zero' : ''}`}>
        {formatNumber(c.setsHandedOut, lng, 0)}
      </span>
      <span className={`fn-traced${c.consultations === 0 ? ' is-zero' : ''}`}>
        {formatCount(c.consultations, threshold, lng)}
      </span>
    </>
  );
  return (
    <section className="panel" aria-labelledby="funnel-points-title">
      <div className="panel-head">
        <h2 id="funnel-points-title">{t('reports.funnel.pointsTitle')}</h2>
        <a className="csv-link" href={csvUrl} download>
          {t('reports.downloadCsv')}
        </a>
      </div>
      <p className="muted small" id="funnel-points-legend">
        {t('reports.funnel.legend')}
      </p>
      <div className="table-scroll">
        <table
          className="matrix-table funnel-table"
          aria-labelledby="funnel-points-title"
          aria-describedby="funnel-points-legend"
        >
          <thead>
            <tr>
              <th scope="col">{t('reports.funnel.point')}</th>
              {months.map((m) => (
                <th key={m} scope="col" className="num">
                  {monthName(m)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('reports.funnel.total')}
              </th>
              <th scope="col" className="num">
                {t('reports.funnel.rate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.points.map((p) => (
              <tr key={p.pointId}>
                <th scope="row">
                  <span className="block">{p.pointName}</span>
                  <span className="row-sub">
                    {t(`distribution.kinds.${p.pointKind}`)} ・ <code className="card-code-inline">{p.cardCode}</code>
                  </span>
                </th>
                {months.map((month) => {
                  const c = p.months.find((x) => x.month === month);
                  return (
                    <td key={month} className="num fn-cell">
                      {c ? cell(c) : null}
                    </td>
                  );
                })}
                <td className="num fn-cell fn-total">{cell(p.total)}</td>
                <td className="num">{pctText(p.total.conversionRate, lng)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('reports.funnel.allPoints')}</th>
              {months.map((month) => {
                const c = report.monthTotals.find((x) => x.month === month);
                return (
                  <td key={month} className="num fn-cell">
                    {c ? cell(c) : null}
                  </td>
                );
              })}
              <td className="num fn-cell fn-total">{cell(report.total)}</td>
              <td className="num">{pctText(report.total.conversionRate, lng)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {report.unmatchedCardCodes !== null && countValue(report.unmatchedCardCodes) !== 0 ? (
        <p className="muted small">
          {t('reports.funnel.unmatched', { n: formatCount(report.unmatchedCardCodes, threshold, lng) })}
        </p>
      ) : null}
    </section>
  );
}

/** How the women who consulted heard of the window: the share each way brought. */
export function ReferralSourcesTable({ report, csvUrl }: { report: FunnelReport; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const threshold = report.suppression.threshold;
  const max = Math.max(0.0001, ...report.referralSources.map((s) => s.share ?? 0));
  return (
    <section className="panel" aria-labelledby="funnel-sources-title">
      <div className="panel-head">
        <h2 id="funnel-sources-title">{t('reports.funnel.sourcesTitle')}</h2>
        <a className="csv-link" href={csvUrl} download>
          {t('reports.downloadCsv')}
        </a>
      </div>
      <p className="muted small">
        {t('reports.funnel.sourcesLead', { n: formatCount(report.consultations, threshold, lng) })}
      </p>
      <table className="bar-list referral-list">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('reports.funnel.source')}</th>
            <th scope="col">{t('reports.funnel.consultations')}</th>
            <th scope="col">{t('reports.funnel.share')}</th>
          </tr>
        </thead>
        <tbody>
          {report.referralSources.map((s) => (
            <tr key={s.referralSource} className={s.referralSource === 'guidance_card' ? 'is-card' : undefined}>
              <th scope="row" className="bar-label">
                {t(`consultations.referralSources.${s.referralSource as ReferralSource}`)}
              </th>
              <td className="bar-count">{formatCount(s.consultations, threshold, lng)}</td>
              <td className="bar-cell">
                <span className="bar-track" aria-hidden="true">
                  {s.share === null ? (
                    <span className="bar bar-hidden" />
                  ) : s.share > 0 ? (
                    <span className="bar" style={{ width: `${(s.share / max) * 100}%` }} />
                  ) : null}
                </span>
                <span className="bar-share">{pctText(s.share, lng)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
