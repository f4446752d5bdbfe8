import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditPoints } from '../../features/distribution/access.ts';
import { useCreateDistributionPoint } from '../../features/distribution/api/create-distribution-point.ts';
import { PointForm } from '../../features/distribution/components/point-form.tsx';
import { emptyPointValues } from '../../features/distribution/components/point-form-values.ts';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

export default function PointsNewPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const create = useCreateDistributionPoint();

  if (!canEditPoints(me.role)) return <Forbidden role={me.role} />;
  if (organisations.isPending) return <Loading label={t('windowForm.organisationsLoading')} />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;

  return (
    <>
      <PageTitle>{t('distribution.form.createTitle')}</PageTitle>
      <div className="page-head">
        <h1>{t('distribution.form.createTitle')}</h1>
      </div>
      <PointForm
        mode="create"
        defaultValues={emptyPointValues(tokyoDate())}
        organisations={organisations.data}
        cancelTo="/points"
        onSubmit={async (payload) => {
          const created = await create.mutateAsync(payload);
          navigate(`/points/${created.id}`, {
            state: { flash: t('distribution.form.created', { name: created.name }) },
          });
        }}
      />
    </>
  );
}
