import { type AuditEntry, type Role, Roles } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumericDateTime } from '../../../lib/format.ts';
import { entityPath, isKnownAction, isKnownEntityType } from './vocabulary.ts';

interface AuditTableProps {
  entries: AuditEntry[];
  /** Names of the users, API keys and organisations the page knows, by id, for what an entry is about. */
  nameOf: (id: string) => string | undefined;
}

const DETAIL_KEYS = ['fields', 'name', 'role', 'organisationId', 'email', 'filter', 'count'] as const;
const isKnownDetail = (key: string): key is (typeof DETAIL_KEYS)[number] =>
  (DETAIL_KEYS as readonly string[]).includes(key);
const isRole = (value: unknown): value is Role => Roles.includes(value as Role);

/** A detail value as short text: lists joined, objects as JSON, long text cut. */
function detailText(value: unknown): string {
  const text = Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function AuditTable({ entries, nameOf }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const actionLabel = (a: string) => (isKnownAction(a) ? t(`admin.auditLog.actions.${a}`) : a);
  const typeLabel = (e: string) => (isKnownEntityType(e) ? t(`admin.auditLog.entityTypes.${e}`) : e);
  // A role in words, an id by the name the page knows it by; anything else as it was written.
  const readable = (key: string, value: unknown) => {
    if (key === 'role' && isRole(value)) return t(`app.role.${value}`);
    if (typeof value === 'string') return nameOf(value) ?? value;
    return value;
  };
  return (
    <div className="table-scroll">
      <table className="data-table admin-table audit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.auditLog.columns.at')}</th>
            <th scope="col">{t('admin.auditLog.columns.actor')}</th>
            <th scope="col">{t('admin.auditLog.columns.action')}</th>
            <th scope="col">{t('admin.auditLog.columns.resource')}</th>
            <th scope="col">{t('admin.auditLog.columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const path = entityPath(e.entityType, e.entityId);
            const name = e.entityId ? nameOf(e.entityId) : undefined;
            const details = Object.entries(e.details ?? {});
            return (
              <tr key={e.id} className={e.action === 'sign_in_failed' ? 'is-warning' : undefined}>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatNumericDateTime(e.at, lng, true)}</time>
                </td>
                <th scope="row">
                  {e.actorLabel ?? <span className="muted">{t(`admin.auditLog.actorTypes.${e.actorType}`)}</span>}
                  {e.actorLabel ? (
                    <span className="row-sub">{t(`admin.auditLog.actorTypes.${e.actorType}`)}</span>
                  ) : null}
                </th>
                <td>
                  <span className={`audit-action audit-action-${e.action}`}>{actionLabel(e.action)}</span>
                </td>
                <td>
                  <span className="block">{typeLabel(e.entityType)}</span>
                  {e.entityId ? (
                    path ? (
                      <Link to={path} className="row-sub">
                        {name ?? <code>{e.entityId.slice(0, 8)}</code>}
                      </Link>
                    ) : (
                      <span className="row-sub">{name ?? <code>{e.entityId.slice(0, 8)}</code>}</span>
                    )
                  ) : null}
                </td>
                <td>
                  {details.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <dl className="audit-details">
                      {details.map(([key, value]) => (
                        <div key={key}>
                          <dt>{isKnownDetail(key) ? t(`admin.auditLog.detailKeys.${key}`) : key}</dt>
                          <dd>{detailText(readable(key, value))}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
