import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditPoints } from '../../features/distribution/access.ts';
import { useDistributionPoint, type VersionedPoint } from '../../features/distribution/api/get-distribution-point.ts';
import { useUpdateDistributionPoint } from '../../features/distribution/api/update-distribution-point.ts';
import { PointForm } from '../../features/distribution/components/point-form.tsx';
import { changedFields, pointToValues } from '../../features/distribution/components/point-form-values.ts';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { isApiError } from '../../lib/api-client.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function PointsEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useDistributionPoint(id);
  const organisations = useOrganisations();
  const update = useUpdateDistributionPoint();
  const [unchanged, setUnchanged] = useState(false);
  // The edit keeps the read it started from; a background refetch must not swap the values.
  const [base, setBase] = useState<VersionedPoint | null>(null);
  useEffect(() => {
    if (!base && query.data) setBase(query.data);
  }, [base, query.data]);

  if (!canEditPoints(me.role)) return <Forbidden role={me.role} />;
  const current = base ?? query.data;
  if ((!current && query.isPending) || organisations.isPending) return <Loading />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;
  if (!current) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
    return (
      <ErrorMessage
        error={query.error}
        message={missing ? t('distribution.notFound') : undefined}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { point: p, etag } = current;
  const title = t('distribution.form.editTitle', { name: p.name });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to={`/points/${p.id}`}>← {p.name}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <PointForm
        key={etag ?? p.updatedAt}
        mode="edit"
        defaultValues={pointToValues(p)}
        organisations={
          organisations.data.some((o) => o.id === p.organisationId)
            ? organisations.data
            : [{ id: p.organisationId, name: p.organisationName }, ...organisations.data]
        }
        cancelTo={`/points/${p.id}`}
        notice={
          unchanged ? (
            <div className="alert alert-info" role="status">
              <p>{t('windowForm.noChanges')}</p>
            </div>
          ) : null
        }
        onSubmit={async (payload) => {
          const changes = changedFields(payload, p);
          if (Object.keys(changes).length === 0) {
            setUnchanged(true);
            return;
          }
          setUnchanged(false);
          await update.mutateAsync({ id: p.id, etag: etag ?? '', changes });
          navigate(`/points/${p.id}`, { state: { flash: t('windowForm.saved') } });
        }}
        describeFailure={(error) => {
          if (isApiError(error, 412) || isApiError(error, 428)) {
            return (
              <div className="alert alert-warning" role="alert">
                <p>{t('distribution.form.stale')}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    const latest = await query.refetch();
                    if (latest.data) setBase(latest.data);
                  }}
                >
                  {t('windowForm.reload')}
                </button>
              </div>
            );
          }
          if (isApiError(error, 404)) return <ErrorMessage error={error} message={t('distribution.notFound')} />;
          return null;
        }}
      />
    </>
  );
}
