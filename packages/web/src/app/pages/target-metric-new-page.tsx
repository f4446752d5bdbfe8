import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../components/loading.tsx';
import { canEditTargets } from '../../features/targets/access.ts';
import { useCreateTargetMetric } from '../../features/targets/api/create-target-metric.ts';
import { useFiscalYearsWithTargets } from '../../features/targets/api/get-target-metrics.ts';
import { emptyValues } from '../../features/targets/components/form-values.ts';
import { MetricForm } from '../../features/targets/components/metric-form.tsx';
import { currentFiscalYear } from '../../lib/fiscal-year.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function TargetMetricNewPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const years = useFiscalYearsWithTargets();
  const create = useCreateTargetMetric();
  if (!canEditTargets(me.role)) return <Forbidden role={me.role} />;
  if (years.isPending) return <Loading />;
  const fy = /^\d{4}$/.test(params.get('fy') ?? '') ? Number(params.get('fy')) : currentFiscalYear();
  const title = t('targets.form.createTitle');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/targets/metrics?fy=${fy}`}>← {t('targets.metrics.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('targets.form.lead')}</p>
        </div>
      </div>
      <MetricForm
        mode="create"
        defaultValues={emptyValues(fy)}
        yearsWithData={years.data ?? []}
        cancelTo={`/targets/metrics?fy=${fy}`}
        onSubmit={async (payload) => {
          const created = await create.mutateAsync(payload);
          navigate(`/targets/metrics?fy=${created.fiscalYear}`, {
            state: { flash: t('targets.form.created', { label: created.label }) },
          });
        }}
      />
    </>
  );
}
