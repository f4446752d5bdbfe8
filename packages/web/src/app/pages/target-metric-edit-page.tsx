import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditTargets } from '../../features/targets/access.ts';
import { useDeleteTargetMetric } from '../../features/targets/api/delete-target-metric.ts';
import { useTargetMetric, type VersionedMetric } from '../../features/targets/api/get-target-metric.ts';
import { useFiscalYearsWithTargets } from '../../features/targets/api/get-target-metrics.ts';
import { useUpdateTargetMetric } from '../../features/targets/api/update-target-metric.ts';
import { changedFields, metricToValues } from '../../features/targets/components/form-values.ts';
import { ManualValues } from '../../features/targets/components/manual-values.tsx';
import { MetricForm } from '../../features/targets/components/metric-form.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

function DeleteMetric({ id, label, fiscalYear }: { id: string; label: string; fiscalYear: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteTargetMetric();
  const [asking, setAsking] = useState(false);
  return (
    <section className="form-section danger-zone" aria-labelledby="delete-metric-title">
      <h2 id="delete-metric-title">{t('targets.delete.title')}</h2>
      <p>{t('targets.delete.body')}</p>
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {asking ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('targets.delete.confirm', { label })}</p>
          <div className="form-actions-inline">
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(id, {
                  onSuccess: () =>
                    navigate(`/targets/metrics?fy=${fiscalYear}`, {
                      state: { flash: t('targets.delete.done', { label }) },
                    }),
                })
              }
            >
              {t('targets.delete.yes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
              {t('targets.delete.no')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button-danger-quiet" onClick={() => setAsking(true)}>
          {t('targets.delete.button')}
        </button>
      )}
    </section>
  );
}

export default function TargetMetricEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useTargetMetric(id);
  const years = useFiscalYearsWithTargets();
  const update = useUpdateTargetMetric();
  const [unchanged, setUnchanged] = useState(false);
  // The edit starts from one read and keeps it: a background refetch must not swap the form's
  // values under the user's hands. Only "load the latest version" moves it on.
  const [base, setBase] = useState<VersionedMetric | null>(null);
  // The ETag an edit is sent with: the base's, moved on only by this page's own added values.
  const [etag, setEtag] = useState<string | null>(null);
  useEffect(() => {
    if (!base && query.data) {
      setBase(query.data);
      setEtag(query.data.etag);
    }
  }, [base, query.data]);

  if (!canEditTargets(me.role)) return <Forbidden role={me.role} />;
  const current = base ?? query.data;
  if ((!current && query.isPending) || years.isPending) return <Loading />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <ErrorMessage
        error={query.error}
        message={missing ? t('targets.form.notFound') : undefined}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const { metric } = current;
  // The history grows as values are added: show the latest read, not the form's base.
  const latest = query.data?.metric ?? metric;
  const title = t('targets.form.editTitle', { label: metric.label });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/targets/metrics?fy=${metric.fiscalYear}`}>← {t('targets.metrics.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <MetricForm
        key={`${metric.id}-${metric.version}`}
        mode="edit"
        defaultValues={metricToValues(metric)}
        yearsWithData={years.data ?? []}
        cancelTo={`/targets/metrics?fy=${metric.fiscalYear}`}
        notice={
          unchanged ? (
            <div className="alert alert-info" role="status">
              <p>{t('targets.form.noChanges')}</p>
            </div>
          ) : null
        }
        onSubmit={async (payload) => {
          const changes = changedFields(payload, metric);
          if (Object.keys(changes).length === 0) {
            setUnchanged(true);
            return;
          }
          setUnchanged(false);
          // Without an ETag the API answers 428; the same words as a stale one fit.
          const saved = await update.mutateAsync({ id: metric.id, etag: etag ?? '', changes });
          navigate(`/targets/metrics?fy=${saved.fiscalYear}`, {
            state: { flash: t('targets.form.saved', { label: saved.label }) },
          });
        }}
        describeFailure={(error) => {
          if (isApiError(error, 412) || isApiError(error, 428)) {
            return (
              <div className="alert alert-warning" role="alert">
                <p>{t('targets.form.stale')}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    const fresh = await query.refetch();
                    if (fresh.data) {
                      setBase(fresh.data);
                      setEtag(fresh.data.etag);
                    }
                  }}
                >
                  {t('targets.form.reload')}
                </button>
              </div>
            );
          }
          if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('targets.form.notFound')} />;
          return null;
        }}
      />
      <ManualValues
        metric={latest}
        onAdded={(saved) =>
          // Adding a value moves the version on by one; when nobody else changed the metric in
          // between, the form's edit still stands on what it read, under the new ETag.
          setEtag((sent) => (sent === `"v${saved.version - 1}"` ? `"v${saved.version}"` : sent))
        }
      />
      <DeleteMetric id={metric.id} label={metric.label} fiscalYear={metric.fiscalYear} />
    </>
  );
}
