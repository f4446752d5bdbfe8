import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { useCreateUser } from '../../features/users/api/create-user.ts';
import { UserForm } from '../../features/users/components/user-form.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { AdminOnly } from './admin-only.tsx';

function NewUser() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const create = useCreateUser();
  const title = t('admin.userForm.newTitle');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="back-link">
        <Link to="/admin/users">← {t('admin.users.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{title}</h1>
          <p className="lead">{t('admin.userForm.newLead')}</p>
        </div>
      </div>
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <ErrorMessage error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : (
        <div className="form-section admin-form-panel">
          <UserForm
            mode="create"
            defaultValues={{ displayName: '', email: '', role: '', organisationId: '', password: '' }}
            organisations={organisations.data}
            submitLabel={t('admin.userForm.create')}
            submittingLabel={t('admin.userForm.creating')}
            cancelTo="/admin/users"
            onSubmit={async (payload) => {
              const user = await create.mutateAsync({ ...payload, password: payload.password ?? '' });
              navigate('/admin/users', {
                state: { flash: t('admin.userForm.created', { name: user.displayName, email: user.email }) },
              });
            }}
          />
        </div>
      )}
    </>
  );
}

export default function AdminUserNewPage() {
  return (
    <AdminOnly>
      <NewUser />
    </AdminOnly>
  );
}
