import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { describeSaveFailure, NoChangesNotice } from '../../components/versioned-edit.tsx';
import { canEditPoints } from '../../features/distribution/access.ts';
import { useDistributionPoint } from '../../features/distribution/api/get-distribution-point.ts';
import { useUpdateDistributionPoint } from '../../features/distribution/api/update-distribution-point.ts';
import { PointForm } from '../../features/distribution/components/point-form.tsx';
import { changedFields, pointToValues } from '../../features/distribution/components/point-form-values.ts';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { withOrganisation } from '../../features/organisations/options.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function PointsEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useDistributionPoint(id);
  const edit = useVersionedEdit(query);
  const organisations = useOrganisations();
  const update = useUpdateDistributionPoint();

  if (!canEditPoints(me.role)) return <Forbidden role={me.role} />;
  if ((!edit.current && query.isPending) || organisations.isPending) return <Loading />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;
  if (!edit.current) {
    return (
      <ErrorMessage error={query.error} notFound={t('distribution.notFound')} onRetry={() => void query.refetch()} />
    );
  }

  const { point: p, etag } = edit.current;
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
        organisations={withOrganisation(organisations.data, { id: p.organisationId, name: p.organisationName })}
        cancelTo={`/points/${p.id}`}
        notice={<NoChangesNotice show={edit.unchanged} message={t('windowForm.noChanges')} />}
        onSubmit={(payload) =>
          edit.save(changedFields(payload, p), async (changes) => {
            await update.mutateAsync({ id: p.id, etag: etag ?? '', changes });
            navigate(`/points/${p.id}`, { state: { flash: t('windowForm.saved') } });
          })
        }
        describeFailure={(error) =>
          describeSaveFailure(error, {
            stale: t('distribution.form.stale'),
            gone: t('distribution.notFound'),
            onReload: () => void edit.reload(),
          })
        }
      />
    </>
  );
}
