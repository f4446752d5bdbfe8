import { type Role, Roles } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationOption } from './user-form.tsx';

export interface UserFilterValues {
  role: Role | '';
  organisationId: string;
}

interface UserFiltersProps {
  values: UserFilterValues;
  organisations: OrganisationOption[];
  onChange: (values: UserFilterValues) => void;
}

export function UserFilters({ values, organisations, onChange }: UserFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const active = values.role !== '' || values.organisationId !== '';
  return (
    <search className="filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('admin.users.filters')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-role`} className="field-label">
          {t('admin.users.columns.role')}
        </label>
        <select
          id={`${id}-role`}
          value={values.role}
          onChange={(e) => onChange({ ...values, role: e.target.value as Role | '' })}
        >
          <option value="">{t('admin.users.allRoles')}</option>
          {Roles.map((r) => (
            <option key={r} value={r}>
              {t(`app.role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`} className="field-label">
          {t('admin.users.columns.organisation')}
        </label>
        <select
          id={`${id}-org`}
          value={values.organisationId}
          onChange={(e) => onChange({ ...values, organisationId: e.target.value })}
        >
          <option value="">{t('admin.users.allOrganisations')}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      {active ? (
        <button
          type="button"
          className="button button-quiet filters-clear"
          onClick={() => onChange({ role: '', organisationId: '' })}
        >
          {t('admin.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
