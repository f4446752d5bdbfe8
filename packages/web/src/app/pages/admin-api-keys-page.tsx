import type { ApiKey } from '@tsunagari/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useApiKeys } from '../../features/api-keys/api/get-api-keys.ts';
import { ApiKeysTable } from '../../features/api-keys/components/api-keys-table.tsx';
import { CreateApiKeyDialog } from '../../features/api-keys/components/create-api-key-dialog.tsx';
import { RevokeApiKeyDialog } from '../../features/api-keys/components/revoke-api-key-dialog.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { AdminOnly } from './admin-only.tsx';

type Status = 'active' | 'revoked' | '';
const asStatus = (value: string | null): Status => (value === 'active' || value === 'revoked' ? value : '');

function ApiKeys() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const status = asStatus(params.get('status'));
  const organisationId = params.get('organisation') ?? '';
  const organisations = useOrganisations();
  const query = useApiKeys({ status: status || undefined, organisationId: organisationId || undefined });
  const keys = query.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));
  const organisationName = (orgId: string) => names.get(orgId) ?? t('admin.unknownOrganisation');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filtered = status !== '' || organisationId !== '';

  const setFilter = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle>{t('admin.apiKeys.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('admin.apiKeys.title')}</h1>
          <p className="lead">{t('admin.apiKeys.lead')}</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={organisations.isPending}
          onClick={() => {
            setNotice(null);
            setCreating(true);
          }}
        >
          + {t('admin.apiKeys.create')}
        </button>
      </div>
      {notice ? (
        <div className="alert alert-success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <search className="filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`} className="visually-hidden">
          {t('admin.apiKeys.filters')}
        </h2>
        <div className="field">
          <label htmlFor={`${id}-status`} className="field-label">
            {t('admin.apiKeys.columns.status')}
          </label>
          <select id={`${id}-status`} value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('admin.apiKeys.allStatuses')}</option>
            <option value="active">{t('admin.apiKeys.statusActive')}</option>
            <option value="revoked">{t('admin.apiKeys.statusRevoked')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-org`} className="field-label">
            {t('admin.apiKeys.columns.organisation')}
          </label>
          <select id={`${id}-org`} value={organisationId} onChange={(e) => setFilter('organisation', e.target.value)}>
            <option value="">{t('admin.users.allOrganisations')}</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button type="button" className="button button-quiet filters-clear" onClick={() => setParams({})}>
            {t('admin.clearFilters')}
          </button>
        ) : null}
      </search>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <section aria-labelledby={`${id}-result`} className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <h2 id={`${id}-result`} className="result-count" aria-live="polite">
            {query.hasNextPage
              ? t('admin.apiKeys.countMore', { n: keys.length })
              : t('admin.apiKeys.count', { n: keys.length })}
          </h2>
          {keys.length === 0 ? (
            <div className="empty">
              <p>{filtered ? t('admin.apiKeys.empty') : t('admin.apiKeys.emptyAll')}</p>
            </div>
          ) : (
            <ApiKeysTable keys={keys} organisationName={organisationName} onRevoke={setRevoking} />
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
      <CreateApiKeyDialog
        open={creating}
        organisations={organisations.data ?? []}
        organisationName={organisationName}
        onClose={() => setCreating(false)}
      />
      <RevokeApiKeyDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(key) => {
          setRevoking(null);
          setNotice(t('admin.apiKeys.revoked', { name: key.name }));
        }}
      />
    </>
  );
}

export default function AdminApiKeysPage() {
  return (
    <AdminOnly>
      <ApiKeys />
    </AdminOnly>
  );
}
