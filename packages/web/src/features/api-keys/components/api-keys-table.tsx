import type { ApiKey } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { formatNumericDateTime } from '../../../lib/format.ts';

interface ApiKeysTableProps {
  keys: ApiKey[];
  organisationName: (id: string) => string;
  onRevoke: (key: ApiKey) => void;
}

export function ApiKeysTable({ keys, organisationName, onRevoke }: ApiKeysTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const when = (iso: string) => <time dateTime={iso}>{formatNumericDateTime(iso, lng)}</time>;
  return (
    <div className="table-scroll">
      <table className="data-table admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.apiKeys.columns.name')}</th>
            <th scope="col">{t('admin.apiKeys.columns.organisation')}</th>
            <th scope="col">{t('admin.apiKeys.columns.role')}</th>
            <th scope="col">{t('admin.apiKeys.columns.created')}</th>
            <th scope="col">{t('admin.apiKeys.columns.lastUsed')}</th>
            <th scope="col">{t('admin.apiKeys.columns.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.apiKeys.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} className={k.revokedAt ? 'is-disabled' : undefined}>
              <th scope="row">
                <span className="row-link">{k.name}</span>
                <code className="key-prefix">{k.prefix}…</code>
              </th>
              <td>{organisationName(k.organisationId)}</td>
              <td>
                <span className={`role-tag role-${k.role}`}>{t(`app.role.${k.role}`)}</span>
              </td>
              <td className="nowrap">{when(k.createdAt)}</td>
              <td className="nowrap">
                {k.lastUsedAt ? when(k.lastUsedAt) : <span className="muted">{t('admin.apiKeys.neverUsed')}</span>}
              </td>
              <td>
                {k.revokedAt ? (
                  <>
                    <span className="badge badge-disabled">{t('admin.apiKeys.statusRevoked')}</span>
                    <span className="row-sub nowrap">{when(k.revokedAt)}</span>
                  </>
                ) : (
                  <span className="badge badge-active">{t('admin.apiKeys.statusActive')}</span>
                )}
              </td>
              <td>
                {k.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button-danger-quiet button-small"
                    aria-label={t('admin.apiKeys.revokeNamed', { name: k.name })}
                    onClick={() => onRevoke(k)}
                  >
                    {t('admin.apiKeys.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
