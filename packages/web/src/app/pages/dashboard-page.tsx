import { useQuery } from '@tanstack/react-query';
import { fiscalYearBounds } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FiscalYearPicker } from '../../components/fiscal-year-picker.tsx';
import { Loading } from '../../components/loading.tsx';
import { funnelQueryOptions } from '../../features/reports/api/get-funnel.ts';
import { FunnelSummary } from '../../features/reports/components/funnel-summary.tsx';
import { canEditTargets, canReadTargets } from '../../features/targets/access.ts';
import { useFiscalYearsWithTargets } from '../../features/targets/api/get-target-metrics.ts';
import { targetReportCsvUrl, useTargetReport } from '../../features/targets/api/get-target-report.ts';
import { AsOfControl } from '../../features/targets/components/as-of-control.tsx';
import { MetricCard } from '../../features/targets/components/metric-card.tsx';
import { YearStatus } from '../../features/targets/components/year-status.tsx';
import { metricStatus } from '../../features/targets/status.ts';
import { fiscalYearText, useFiscalYearParam } from '../../lib/fiscal-year.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function Dashboard({ yearsWithData }: { yearsWithData: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useSession();
  const { fiscalYear, source, current, setFiscalYear } = useFiscalYearParam(yearsWithData);
  const [params, setParams] = useSearchParams();
  const bounds = fiscalYearBounds(fiscalYear);
  const asOfParam = params.get('asOf');
  // A day of the chosen year only: switching years drops it.
  const asOf =
    asOfParam && DATE.test(asOfParam) && asOfParam >= bounds.from && asOfParam <= bounds.to ? asOfParam : null;
  const setAsOf = (date: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('fy', String(fiscalYear));
        if (date) next.set('asOf', date);
        else next.delete('asOf');
        return next;
      },
      { replace: true },
    );
  const report = useTargetReport(fiscalYear, asOf);
  const funnel = useQuery({ ...funnelQueryOptions(fiscalYear, asOf), placeholderData: (previous) => previous });
  const editable = canEditTargets(me.role);
  const title = t('targets.dashboard.title');
  const data = report.data;
  const stale = report.isPlaceholderData || (data !== undefined && data.fiscalYear !== fiscalYear);

  const counts = { met: 0, missed: 0, at_risk: 0, on_track: 0, no_data: 0, not_started: 0 };
  if (data) for (const m of data.items) counts[metricStatus(m, data)]++;

  return (
    <>
      <PageTitle>{`${title}（${fiscalYearText(fiscalYear, lng)}）`}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('targets.dashboard.lead')}</p>
        </div>
        <FiscalYearPicker
          value={fiscalYear}
          onChange={setFiscalYear}
          yearsWithData={yearsWithData}
          emptyMark={t('targets.dashboard.noTargetsMark')}
        />
      </div>

      {source === 'latest-with-data' ? (
        <div className="alert alert-info" role="status">
          <p>
            {t('targets.dashboard.showingLatest', {
              current: fiscalYearText(current, lng),
              shown: fiscalYearText(fiscalYear, lng),
            })}
          </p>
          <button type="button" className="button button-secondary button-small" onClick={() => setFiscalYear(current)}>
            {t('targets.dashboard.showCurrent', { year: fiscalYearText(current, lng) })}
          </button>
        </div>
      ) : null}

      <div className="dashboard-bar">
        <div className="dashboard-when">
          {data && !stale ? <YearStatus report={data} /> : null}
          <AsOfControl value={asOf} from={bounds.from} to={bounds.to} onChange={setAsOf} />
        </div>
        <div className="page-actions">
          {editable ? (
            <Link to={`/targets/metrics?fy=${fiscalYear}`} className="button button-secondary">
              {t('targets.dashboard.manage')}
            </Link>
          ) : (
            <p className="read-only-note">{t('targets.dashboard.readOnly')}</p>
          )}
          <Link to={`/reports?fy=${fiscalYear}`} className="button button-secondary">
            {t('targets.dashboard.resultsReport')}
          </Link>
          <a href={targetReportCsvUrl(fiscalYear, asOf)} className="button button-quiet" download>
            {t('reports.downloadCsv')}
          </a>
        </div>
      </div>

      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />
      ) : data && data.items.length === 0 && !stale ? (
        <div className="empty">
          <p>{t('targets.dashboard.empty', { year: fiscalYearText(fiscalYear, lng) })}</p>
          {yearsWithData.length > 0 ? (
            <p>
              {t('targets.dashboard.yearsWithTargets')}{' '}
              {yearsWithData.map((fy, i) => (
                <span key={fy}>
                  {i > 0 ? t('punctuation.list') : ''}
                  <Link to={`/targets?fy=${fy}`}>{fiscalYearText(fy, lng)}</Link>
                </span>
              ))}
            </p>
          ) : null}
          {editable ? (
            <Link to={`/targets/metrics/new?fy=${fiscalYear}`} className="button button-primary">
              {t('targets.metrics.create')}
            </Link>
          ) : null}
        </div>
      ) : data ? (
        <div className={stale ? 'is-stale' : undefined} aria-busy={stale}>
          <h2 className="dashboard-summary" aria-live="polite">
            <span className="dashboard-summary-year">{fiscalYearText(data.fiscalYear, lng)}</span>
            <span>{t('targets.dashboard.summary', { n: data.items.length })}</span>
            <span className="summary-chips">
              {(['met', 'on_track', 'at_risk', 'missed', 'no_data'] as const)
                .filter((s) => counts[s] > 0)
                .map((s) => (
                  <span key={s} className={`summary-chip metric-status-${s}`}>
                    {t(`targets.status.${s}`)} {counts[s]}
                  </span>
                ))}
            </span>
          </h2>
          {data.suppression.applied ? <p className="muted small">{t('targets.dashboard.suppressed')}</p> : null}
          <div className="metric-grid">
            {data.items.map((m) => (
              <MetricCard key={m.metricId} metric={m} report={data} />
            ))}
          </div>
        </div>
      ) : null}

      {funnel.data && !funnel.isPlaceholderData ? (
        <FunnelSummary report={funnel.data} detailsTo={`/reports/funnel?fy=${fiscalYear}`} />
      ) : null}
    </>
  );
}

/** Which years have targets decides the year shown first: wait for it rather than flash an empty year. */
function WithYears() {
  const years = useFiscalYearsWithTargets();
  if (years.isPending) return <Loading />;
  return <Dashboard yearsWithData={years.data ?? []} />;
}

export default function DashboardPage() {
  const me = useSession();
  if (!canReadTargets(me.role)) return <Forbidden role={me.role} />;
  return <WithYears />;
}
