import { fiscalYearOfDate, type ReferralSource, type Topic } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canRecordConsultations } from '../../features/consultations/access.ts';
import {
  consultationReportCsvUrl,
  useConsultationReport,
} from '../../features/consultations/api/get-consultation-report.ts';
import { useWindowDemand, windowDemandCsvUrl } from '../../features/consultations/api/get-window-demand.ts';
import { useWindowOptions } from '../../features/consultations/api/get-window-options.ts';
import type { ConsultationReportParams } from '../../features/consultations/api/keys.ts';
import { BarList } from '../../features/consultations/components/bar-list.tsx';
import { Heatmap } from '../../features/consultations/components/heatmap.tsx';
import {
  type AnalysisPeriod,
  fiscalYearPeriod,
  PeriodForm,
} from '../../features/consultations/components/period-form.tsx';
import { SuppressionNote } from '../../features/consultations/components/report-count.tsx';
import { SectionTabs } from '../../features/consultations/components/section-tabs.tsx';
import { WindowDemandTable } from '../../features/consultations/components/window-demand-table.tsx';
import { formatDate, tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The programme's first year: the period picker offers every fiscal year since. */
const FIRST_FISCAL_YEAR = 2021;

type Dimension = 'channel' | 'referral_source' | 'topic';

function ReportChart({ params, dimension }: { params: ConsultationReportParams; dimension: Dimension }) {
  const { t } = useTranslation();
  const query = useConsultationReport(params);
  const titles: Record<Dimension, string> = {
    channel: t('consultations.analysis.byChannel'),
    referral_source: t('consultations.analysis.byReferralSource'),
    topic: t('consultations.analysis.byTopic'),
  };
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const label = (value: string | number | null, apiLabel: string) => {
    if (dimension === 'channel') return t(`channels.${value as 'phone'}`);
    if (dimension === 'topic') return t(`topics.${value as Topic}`);
    return value ? t(`consultations.referralSources.${value as ReferralSource}`) : apiLabel;
  };
  return (
    <BarList
      title={titles[dimension]}
      report={query.data}
      label={label}
      note={dimension === 'topic' ? t('consultations.analysis.topicNote') : undefined}
      csvUrl={consultationReportCsvUrl(params)}
    />
  );
}

function HeatmapChart({ params }: { params: ConsultationReportParams }) {
  const query = useConsultationReport(params);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return <Heatmap report={query.data} csvUrl={consultationReportCsvUrl(params)} />;
}

export default function ConsultationAnalysisPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const windows = useWindowOptions();

  // The period lives in the address, so a view can be bookmarked and sent on; the default is this fiscal year.
  const currentFy = fiscalYearOfDate(tokyoDate());
  const fallback = fiscalYearPeriod(currentFy);
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const windowParam = params.get('window') ?? '';
  const period: AnalysisPeriod = {
    from: DATE.test(fromParam) ? fromParam : fallback.from,
    to: DATE.test(toParam) ? toParam : fallback.to,
    windowId: UUID.test(windowParam) ? windowParam : '',
  };
  const fiscalYears = Array.from({ length: Math.max(1, currentFy - FIRST_FISCAL_YEAR + 1) }, (_, i) => currentFy - i);
  const base = { from: period.from, to: period.to, windowId: period.windowId || undefined };
  const summary = useConsultationReport({ ...base, groupBy: 'weekday,hour' });
  const demand = useWindowDemand({ from: period.from, to: period.to });

  const onChange = (next: AnalysisPeriod) =>
    setParams(
      () => {
        const out = new URLSearchParams({ from: next.from, to: next.to });
        if (next.windowId) out.set('window', next.windowId);
        return out;
      },
      { replace: true },
    );

  const lng = i18n.language;
  const total = summary.data?.total;
  const windowName = windows.data?.find((w) => w.id === period.windowId)?.name;
  const title = t('consultations.analysis.title');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('consultations.analysis.lead')}</p>
        </div>
        {canRecordConsultations(me.role) ? (
          <Link to="/consultations/new" className="button button-primary">
            + {t('consultations.tabs.new')}
          </Link>
        ) : null}
      </div>
      <SectionTabs role={me.role} />
      <PeriodForm value={period} onChange={onChange} fiscalYears={fiscalYears} windows={windows.data ?? []} />

      <section aria-labelledby="analysis-summary" className={summary.isPlaceholderData ? 'is-stale' : undefined}>
        <h2 id="analysis-summary" className="analysis-summary" aria-live="polite">
          {t('consultations.analysis.summary', {
            from: formatDate(period.from, lng, false),
            to: formatDate(period.to, lng, false),
          })}
          {windowName ? <span className="analysis-window">{windowName}</span> : null}
          {typeof total === 'number' ? (
            <span className="analysis-total">{t('consultations.analysis.totalCount', { n: total })}</span>
          ) : null}
        </h2>
        {summary.data ? <SuppressionNote suppression={summary.data.suppression} /> : null}
        {summary.data && total === 0 ? <p className="empty">{t('consultations.analysis.empty')}</p> : null}
        <HeatmapChart params={{ ...base, groupBy: 'weekday,hour' }} />
        <div className="chart-grid">
          <ReportChart params={{ ...base, groupBy: 'channel' }} dimension="channel" />
          <ReportChart params={{ ...base, groupBy: 'referral_source' }} dimension="referral_source" />
          <ReportChart params={{ ...base, groupBy: 'topic' }} dimension="topic" />
        </div>
      </section>

      {demand.isPending ? (
        <Loading />
      ) : demand.isError ? (
        <ErrorMessage error={demand.error} onRetry={() => void demand.refetch()} />
      ) : (
        <div className={demand.isPlaceholderData ? 'is-stale' : undefined}>
          <WindowDemandTable report={demand.data} csvUrl={windowDemandCsvUrl({ from: period.from, to: period.to })} />
        </div>
      )}
    </>
  );
}
