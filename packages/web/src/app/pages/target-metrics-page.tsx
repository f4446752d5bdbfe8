import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FiscalYearPicker } from '../../components/fiscal-year-picker.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditTargets, canReadTargets } from '../../features/targets/access.ts';
import { useFiscalYearsWithTargets, useTargetMetrics } from '../../features/targets/api/get-target-metrics.ts';
import { DefinitionSummary } from '../../features/targets/components/definition-summary.tsx';
import { formatValue } from '../../features/targets/format.ts';
import { fiscalYearText, useFiscalYearParam } from '../../lib/fiscal-year.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

function MetricsList({ yearsWithData }: { yearsWithData: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useSession();
  const editable = canEditTargets(me.role);
  const { fiscalYear, setFiscalYear } = useFiscalYearParam(yearsWithData);
  const metrics = useTargetMetrics(fiscalYear);
  const title = t('targets.metrics.title');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/targets?fy=${fiscalYear}`}>← {t('targets.dashboard.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('targets.metrics.lead')}</p>
        </div>
        <FiscalYearPicker
          value={fiscalYear}
          onChange={setFiscalYear}
          yearsWithData={yearsWithData}
          emptyMark={t('targets.dashboard.noTargetsMark')}
        />
      </div>
      <Flash />
      <div className="dashboard-bar">
        <h2 className="result-count">
          {t('targets.metrics.count', { year: fiscalYearText(fiscalYear, lng), n: metrics.data?.length ?? 0 })}
        </h2>
        {editable ? (
          <Link to={`/targets/metrics/new?fy=${fiscalYear}`} className="button button-primary">
            + {t('targets.metrics.create')}
          </Link>
        ) : (
          <p className="read-only-note">{t('targets.dashboard.readOnly')}</p>
        )}
      </div>
      {metrics.isPending ? (
        <Loading />
      ) : metrics.isError ? (
        <ErrorMessage error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : metrics.data.length === 0 ? (
        <p className="empty">{t('targets.dashboard.empty', { year: fiscalYearText(fiscalYear, lng) })}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table metrics-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('targets.metrics.position')}
                </th>
                <th scope="col">{t('targets.metrics.label')}</th>
                <th scope="col">{t('targets.metrics.definition')}</th>
                <th scope="col" className="num">
                  {t('targets.metrics.target')}
                </th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('targets.metrics.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {metrics.data.map((m) => (
                <tr key={m.id}>
                  <td className="num" data-label={t('targets.metrics.position')}>
                    {m.position}
                  </td>
                  <th scope="row">
                    <span className="block">{m.label}</span>
                    {m.description ? <span className="row-sub">{m.description}</span> : null}
                  </th>
                  <td data-label={t('targets.metrics.definition')}>
                    <DefinitionSummary metric={m} />
                  </td>
                  <td className="num" data-label={t('targets.metrics.target')}>
                    {formatValue(t, m.target, m.unit, lng)}
                    {m.direction === 'at_most' ? t('reports.results.atMost') : t('targets.metrics.atLeast')}
                  </td>
                  {editable ? (
                    <td>
                      <Link
                        to={`/targets/metrics/${m.id}/edit`}
                        className="button button-secondary button-small"
                        aria-label={t('targets.metrics.editNamed', { label: m.label })}
                      >
                        {t('targets.metrics.edit')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function WithYears() {
  const years = useFiscalYearsWithTargets();
  if (years.isPending) return <Loading />;
  return <MetricsList yearsWithData={years.data ?? []} />;
}

export default function TargetMetricsPage() {
  const me = useSession();
  if (!canReadTargets(me.role)) return <Forbidden role={me.role} />;
  return <WithYears />;
}
