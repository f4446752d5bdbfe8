import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from './vocabulary.ts';

export interface AuditFilterValues {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

export const emptyAuditFilters: AuditFilterValues = {
  actorId: '',
  action: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

export interface ActorOption {
  id: string;
  label: string;
  kind: 'user' | 'api_key';
}

interface AuditFiltersProps {
  values: AuditFilterValues;
  actors: ActorOption[];
  /** What the entityId filter names, if the page knows it. */
  entityName?: string | undefined;
  /** Already translated; set when the date range is the wrong way round. */
  rangeError?: string | undefined;
  onChange: (values: AuditFilterValues) => void;
}

export function AuditFilters({ values, actors, entityName, rangeError, onChange }: AuditFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const active = Object.values(values).some((v) => v !== '');
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...values, ...patch });
  const users = actors.filter((a) => a.kind === 'user');
  const keys = actors.filter((a) => a.kind === 'api_key');
  return (
    <search className="filters audit-filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('admin.auditLog.filters')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-actor`} className="field-label">
          {t('admin.auditLog.columns.actor')}
        </label>
        <select id={`${id}-actor`} value={values.actorId} onChange={(e) => set({ actorId: e.target.value })}>
          <option value="">{t('admin.auditLog.allActors')}</option>
          {users.length > 0 ? (
            <optgroup label={t('admin.auditLog.actorTypes.user')}>
              {users.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          {keys.length > 0 ? (
            <optgroup label={t('admin.auditLog.actorTypes.api_key')}>
              {keys.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`} className="field-label">
          {t('admin.auditLog.resourceType')}
        </label>
        <select id={`${id}-type`} value={values.entityType} onChange={(e) => set({ entityType: e.target.value })}>
          <option value="">{t('admin.auditLog.allTypes')}</option>
          {AUDIT_ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`admin.auditLog.entityTypes.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`} className="field-label">
          {t('admin.auditLog.columns.action')}
        </label>
        <select id={`${id}-action`} value={values.action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">{t('admin.auditLog.allActions')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`admin.auditLog.actions.${action}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-date">
        <label htmlFor={`${id}-from`} className="field-label">
          {t('admin.auditLog.from')}
        </label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className={`field field-date${rangeError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-to`} className="field-label">
          {t('admin.auditLog.to')}
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={values.to}
          min={values.from || undefined}
          aria-invalid={rangeError ? true : undefined}
          aria-describedby={rangeError ? `${id}-to-error` : undefined}
          onChange={(e) => set({ to: e.target.value })}
        />
        {rangeError ? (
          <p id={`${id}-to-error`} className="field-error">
            {rangeError}
          </p>
        ) : null}
      </div>
      {values.entityId ? (
        <p className="audit-entity-filter">
          <span>{t('admin.auditLog.entityFilter', { name: entityName ?? values.entityId })}</span>{' '}
          <button type="button" className="button button-quiet button-small" onClick={() => set({ entityId: '' })}>
            {t('admin.auditLog.entityFilterClear')}
          </button>
        </p>
      ) : null}
      {active ? (
        <button type="button" className="button button-quiet filters-clear" onClick={() => onChange(emptyAuditFilters)}>
          {t('admin.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
