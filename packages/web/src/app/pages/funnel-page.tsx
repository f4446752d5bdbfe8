import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FiscalYearPicker } from '../../components/fiscal-year-picker.tsx';
import { Loading } from '../../components/loading.tsx';
import { funnelCsvUrl, useFunnel } from '../../features/reports/api/get-funnel.ts';
import { FunnelSummary } from '../../features/reports/components/funnel-summary.tsx';
import { FunnelPointsTable, ReferralSourcesTable } from '../../features/reports/components/funnel-tables.tsx';
import { ReportTabs } from '../../features/reports/components/report-tabs.tsx';
import { canReadTargets } from '../../features/targets/access.ts';
import { useFiscalYearsWithTargets } from '../../features/targets/api/get-target-metrics.ts';
import { fiscalYearText, useFiscalYearParam } from '../../lib/fiscal-year.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

function Funnel({ yearsWithData }: { yearsWithData: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const { fiscalYear, setFiscalYear } = useFiscalYearParam(yearsWithData);
  const report = useFunnel(fiscalYear);
  const data = report.data;
  const stale = report.isPlaceholderData || (data !== undefined && data.fiscalYear !== fiscalYear);
  const title = t('reports.funnel.title');
  return (
    <>
      <PageTitle>{`${title}（${fiscalYearText(fiscalYear, i18n.language)}）`}</PageTitle>
      <ReportTabs fiscalYear={fiscalYear} />
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('reports.funnel.lead')}</p>
        </div>
        <FiscalYearPicker
          value={fiscalYear}
          onChange={setFiscalYear}
          yearsWithData={yearsWithData}
          emptyMark={t('targets.dashboard.noTargetsMark')}
        />
      </div>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />
      ) : data ? (
        <div className={stale ? 'is-stale' : undefined} aria-busy={stale}>
          {data.suppression.applied ? <p className="muted small">{t('targets.dashboard.suppressed')}</p> : null}
          <FunnelSummary report={data} />
          <FunnelPointsTable report={data} csvUrl={funnelCsvUrl(fiscalYear, 'points')} />
          <ReferralSourcesTable report={data} csvUrl={funnelCsvUrl(fiscalYear, 'referral_sources')} />
        </div>
      ) : null}
    </>
  );
}

function WithYears() {
  const years = useFiscalYearsWithTargets();
  if (years.isPending) return <Loading />;
  return <Funnel yearsWithData={years.data ?? []} />;
}

export default function FunnelPage() {
  const me = useSession();
  // Partners read their own points' funnel through the API; the screens are the city's.
  if (!canReadTargets(me.role)) return <Forbidden role={me.role} />;
  return <WithYears />;
}
