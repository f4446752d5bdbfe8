import { TrainingEventStatuses } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentFiscalYear, fiscalYearLabel } from './format.ts';

export interface EventFilterValues {
  q: string;
  status: string;
  fiscalYear: string;
}

/** The programme began in FY2021; a year ahead is offered for planning. */
const FIRST_FISCAL_YEAR = 2021;

export function EventFilters({
  values,
  onChange,
}: {
  values: EventFilterValues;
  onChange: (values: EventFilterValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const years: number[] = [];
  for (let y = currentFiscalYear() + 1; y >= FIRST_FISCAL_YEAR; y--) years.push(y);
  const active = values.q !== '' || values.status !== '' || values.fiscalYear !== '';
  return (
    <search className="filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('training.list.filters')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-fy`} className="field-label">
          {t('training.list.fiscalYear')}
        </label>
        <select
          id={`${id}-fy`}
          value={values.fiscalYear}
          onChange={(e) => onChange({ ...values, fiscalYear: e.target.value })}
        >
          <option value="">{t('training.list.allYears')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {fiscalYearLabel(y, i18n.language)}
              {i18n.language === 'en' ? '' : `（${y}）`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`} className="field-label">
          {t('training.list.status')}
        </label>
        <select
          id={`${id}-status`}
          value={values.status}
          onChange={(e) => onChange({ ...values, status: e.target.value })}
        >
          <option value="">{t('training.list.allStatuses')}</option>
          {TrainingEventStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`training.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('training.list.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={values.q}
          maxLength={100}
          placeholder={t('training.list.searchPlaceholder')}
          onChange={(e) => onChange({ ...values, q: e.target.value })}
        />
      </div>
      {active ? (
        <button
          type="button"
          className="button button-quiet filters-clear"
          onClick={() => onChange({ q: '', status: '', fiscalYear: '' })}
        >
          {t('training.list.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
