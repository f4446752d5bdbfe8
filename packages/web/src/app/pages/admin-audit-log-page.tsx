import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { useApiKeys } from '../../features/api-keys/api/get-api-keys.ts';
import { useAuditLog } from '../../features/audit-log/api/get-audit-log.ts';
import {
  type ActorOption,
  AuditFilters,
  type AuditFilterValues,
} from '../../features/audit-log/components/audit-filters.tsx';
import { AuditTable } from '../../features/audit-log/components/audit-table.tsx';
import { useOrganisations } from '../../features/organisations/api/get-organisations.ts';
import { useUsers } from '../../features/users/api/get-users.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { AdminOnly } from './admin-only.tsx';

const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isUuid = (v: string | null): v is string =>
  v !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** The address holds the filters (`actor`, `action`, `type`, `entity`, `from`, `to`), so a view can be shared. */
function filtersFrom(params: URLSearchParams): AuditFilterValues {
  const get = (name: string, ok: (v: string | null) => boolean) => {
    const v = params.get(name);
    return v !== null && ok(v) ? v : '';
  };
  const word = (v: string | null) => v !== null && /^[a-z_]{1,50}$/.test(v);
  return {
    actorId: get('actor', isUuid),
    action: get('action', word),
    entityType: get('type', word),
    entityId: get('entity', (v) => v !== null && v.length <= 100),
    from: get('from', isDate),
    to: get('to', isDate),
  };
}

const PARAM_NAMES: Record<keyof AuditFilterValues, string> = {
  actorId: 'actor',
  action: 'action',
  entityType: 'type',
  entityId: 'entity',
  from: 'from',
  to: 'to',
};

function AuditLog() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const values = filtersFrom(params);
  const rangeWrong = values.from !== '' && values.to !== '' && values.to < values.from;
  const query = useAuditLog(
    {
      actorId: values.actorId || undefined,
      action: values.action || undefined,
      entityType: values.entityType || undefined,
      entityId: values.entityId || undefined,
      from: values.from || undefined,
      to: values.to || undefined,
    },
    !rangeWrong,
  );
  // Names for the actor filter and for what entries are about: every user and key, and organisations.
  const users = useUsers({});
  const keys = useApiKeys({});
  const organisations = useOrganisations();
  const actors = useMemo<ActorOption[]>(
    () => [
      ...(users.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({
        id: u.id,
        label: t('admin.auditLog.actorOption', { name: u.displayName, detail: u.email }),
        kind: 'user' as const,
      })),
      ...(keys.data?.pages.flatMap((p) => p.items) ?? []).map((k) => ({
        id: k.id,
        label: t('admin.auditLog.actorOption', { name: k.name, detail: k.prefix }),
        kind: 'api_key' as const,
      })),
    ],
    [users.data, keys.data, t],
  );
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const o of organisations.data ?? []) map.set(o.id, o.name);
    for (const u of users.data?.pages.flatMap((p) => p.items) ?? []) map.set(u.id, u.displayName);
    for (const k of keys.data?.pages.flatMap((p) => p.items) ?? []) map.set(k.id, k.name);
    return map;
  }, [organisations.data, users.data, keys.data]);
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(values).some((v) => v !== '');

  const onChange = (next: AuditFilterValues) =>
    setParams(
      (current) => {
        const search = new URLSearchParams(current);
        for (const [key, name] of Object.entries(PARAM_NAMES) as [keyof AuditFilterValues, string][]) {
          if (next[key]) search.set(name, next[key]);
          else search.delete(name);
        }
        return search;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle>{t('admin.auditLog.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('admin.auditLog.title')}</h1>
          <p className="lead">{t('admin.auditLog.lead')}</p>
        </div>
      </div>
      <AuditFilters
        values={values}
        actors={actors}
        entityName={values.entityId ? names.get(values.entityId) : undefined}
        rangeError={rangeWrong ? t('validation.periodOrder') : undefined}
        onChange={onChange}
      />
      {rangeWrong ? null : query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <section aria-labelledby={`${id}-result`} className={query.isPlaceholderData ? 'is-stale' : undefined}>
          <h2 id={`${id}-result`} className="result-count" aria-live="polite">
            {query.hasNextPage
              ? t('admin.auditLog.countMore', { n: entries.length })
              : t('admin.auditLog.count', { n: entries.length })}
          </h2>
          {entries.length === 0 ? (
            <div className="empty">
              <p>{filtered ? t('admin.auditLog.empty') : t('admin.auditLog.emptyAll')}</p>
            </div>
          ) : (
            <AuditTable entries={entries} nameOf={(entityId) => names.get(entityId)} />
          )}
          {query.hasNextPage ? (
            <p className="load-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? t('admin.loadingMore') : t('admin.auditLog.loadMore')}
              </button>
            </p>
          ) : null}
        </section>
      )}
    </>
  );
}

export default function AdminAuditLogPage() {
  return (
    <AdminOnly>
      <AuditLog />
    </AdminOnly>
  );
}
