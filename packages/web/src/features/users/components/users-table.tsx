import type { User } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumericDateTime } from '../../../lib/format.ts';
import { UserStatusBadge } from './user-status-badge.tsx';

interface UsersTableProps {
  users: User[];
  organisationName: (id: string) => string;
  /** The signed-in admin, marked "you" in the list. */
  meId: string;
}

export function UsersTable({ users, organisationName, meId }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <div className="table-scroll">
      <table className="data-table admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.columns.name')}</th>
            <th scope="col">{t('admin.users.columns.email')}</th>
            <th scope="col">{t('admin.users.columns.role')}</th>
            <th scope="col">{t('admin.users.columns.organisation')}</th>
            <th scope="col">{t('admin.users.columns.status')}</th>
            <th scope="col">{t('admin.users.columns.lastSignIn')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'is-disabled' : undefined}>
              <th scope="row">
                <Link to={`/admin/users/${u.id}`} className="row-link">
                  {u.displayName}
                </Link>
                {u.id === meId ? <span className="badge badge-muted">{t('admin.users.you')}</span> : null}
              </th>
              <td className="nowrap">{u.email}</td>
              <td>
                <span className={`role-tag role-${u.role}`}>{t(`app.role.${u.role}`)}</span>
              </td>
              <td>{organisationName(u.organisationId)}</td>
              <td>
                <UserStatusBadge disabled={u.disabled} />
              </td>
              <td className="nowrap">
                {u.lastSignInAt ? (
                  <time dateTime={u.lastSignInAt}>{formatNumericDateTime(u.lastSignInAt, lng)}</time>
                ) : (
                  <span className="muted">{t('admin.users.never')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
