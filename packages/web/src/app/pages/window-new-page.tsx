import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useCreateConsultationWindow } from '../../features/consultation-windows/api/create-consultation-window.ts';
import { emptyWindowValues } from '../../features/consultation-windows/components/form-values.ts';
import { WindowForm } from '../../features/consultation-windows/components/window-form.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { canEditWindows } from '../parts.ts';
import { Forbidden } from './forbidden.tsx';

export default function WindowNewPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const create = useCreateConsultationWindow();

  if (!canEditWindows(me.role)) return <Forbidden role={me.role} />;
  if (organisations.isPending) return <Loading label={t('windowForm.organisationsLoading')} />;
  if (organisations.isError)
    return <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />;

  return (
    <>
      <PageTitle>{t('windowForm.createTitle')}</PageTitle>
      <div className="page-head">
        <h1>{t('windowForm.createTitle')}</h1>
      </div>
      <WindowForm
        mode="create"
        defaultValues={emptyWindowValues(tokyoDate())}
        organisations={organisations.data}
        cancelTo="/windows"
        onSubmit={async (payload) => {
          const created = await create.mutateAsync(payload);
          navigate(`/windows/${created.id}`, { state: { flash: t('windowForm.created', { name: created.name }) } });
        }}
      />
    </>
  );
}
