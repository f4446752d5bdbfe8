import type { Role } from '@tsunagari/shared';
import { Roles } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { useUsers } from '../../features/users/api/get-users.ts';
import { UserFilters, type UserFilterValues } from '../../features/users/components/user-filters.tsx';
import { UsersTable } from '../../features/users/components/users-table.tsx';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { AdminOnly } from './admin-only.tsx';

const isRole = (value: string | null): value is Role => Roles.includes(value as Role);

function UsersList() {
  const { t } = useTranslation();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  // The filters live in the address, so a filtered list can be bookmarked and shared.
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : '';
  const organisationId = params.get('organisation') ?? '';
  const organisations = useOrganisations();
  const query = useUsers({ role: role || undefined, organisationId: organisationId || undefined });
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));
  const filtered = role !== '' || organisationId !== '';

  const onChange = (values: UserFilterValues) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (values.role) next.set('role', values.role);
        else next.delete('role');
        if (values.organisationId) next.set('organisation', values.organisationId);
        else next.delete('organisation');
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle>{t('admin.users.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('admin.users.title')}</h1>
          <p className="lead">{t('admin.users.lead')}</p>
        </div>
        <Link to="/admin/users/new" className="button button-primary">
          + {t('admin.users.create')}
        </Link>
      </div>
      <Flash />
      <UserFilters values={{ role, organisationId }} organisations={organisations.data ?? []} onChange={onChange} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <section aria-labelledby="users-result" className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <h2 id="users-result" className="result-count" aria-live="polite">
            {query.hasNextPage
              ? t('admin.users.countMore', { n: users.length })
              : t('admin.users.count', { n: users.length })}
          </h2>
          {users.length === 0 ? (
            <div className="empty">
              <p>{filtered ? t('admin.users.empty') : t('admin.users.emptyAll')}</p>
            </div>
          ) : (
            <UsersTable
              users={users}
              meId={me.id}
              organisationName={(id) => names.get(id) ?? t('admin.unknownOrganisation')}
            />
          )}
          {query.hasNextPage ? (
            <p className="load-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? t('admin.loadingMore') : t('admin.loadMore')}
              </button>
            </p>
          ) : null}
        </section>
      )}
    </>
  );
}

export default function AdminUsersPage() {
  return (
    <AdminOnly>
      <UsersList />
    </AdminOnly>
  );
}
