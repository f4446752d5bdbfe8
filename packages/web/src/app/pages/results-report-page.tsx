import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FiscalYearPicker } from '../../components/fiscal-year-picker.tsx';
import { Loading } from '../../components/loading.tsx';
import { resultsReportUrl, useResultsReport } from '../../features/reports/api/get-results-report.ts';
import { ChallengesEditor } from '../../features/reports/components/challenges-editor.tsx';
import { ReportTabs } from '../../features/reports/components/report-tabs.tsx';
import { ResultsDocument } from '../../features/reports/components/results-document.tsx';
import { canEditTargets, canReadTargets } from '../../features/targets/access.ts';
import { useFiscalYearsWithTargets } from '../../features/targets/api/get-target-metrics.ts';
import { fiscalYearText, useFiscalYearParam } from '../../lib/fiscal-year.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

function ResultsReportView({ yearsWithData }: { yearsWithData: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { fiscalYear, setFiscalYear } = useFiscalYearParam(yearsWithData);
  const report = useResultsReport(fiscalYear);
  const data = report.data;
  const stale = report.isPlaceholderData || (data !== undefined && data.fiscalYear !== fiscalYear);
  const title = t('reports.results.pageTitle');
  return (
    <>
      <PageTitle>{`${title}（${fiscalYearText(fiscalYear, i18n.language)}）`}</PageTitle>
      <ReportTabs fiscalYear={fiscalYear} />
      <div className="report-toolbar no-print">
        <FiscalYearPicker
          value={fiscalYear}
          onChange={setFiscalYear}
          yearsWithData={yearsWithData}
          emptyMark={t('targets.dashboard.noTargetsMark')}
        />
        <div className="page-actions">
          <button type="button" className="button button-primary" onClick={() => window.print()}>
            {t('reports.results.print')}
          </button>
          <a className="button button-secondary" href={resultsReportUrl(fiscalYear, 'csv')} download>
            {t('reports.downloadCsv')}
          </a>
          <a
            className="button button-secondary"
            href={resultsReportUrl(fiscalYear, 'json')}
            download={`results-report_${fiscalYear}.json`}
          >
            {t('reports.downloadJson')}
          </a>
        </div>
      </div>
      <p className="muted small no-print">{t('reports.results.printHint')}</p>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />
      ) : data ? (
        <div className={stale ? 'is-stale' : undefined} aria-busy={stale}>
          <ResultsDocument
            report={data}
            challenges={
              <ChallengesEditor key={data.fiscalYear} fiscalYear={data.fiscalYear} editable={canEditTargets(me.role)} />
            }
          />
        </div>
      ) : null}
    </>
  );
}

function WithYears() {
  const years = useFiscalYearsWithTargets();
  if (years.isPending) return <Loading />;
  return <ResultsReportView yearsWithData={years.data ?? []} />;
}

export default function ResultsReportPage() {
  const me = useSession();
  if (!canReadTargets(me.role)) return <Forbidden role={me.role} />;
  return <WithYears />;
}
