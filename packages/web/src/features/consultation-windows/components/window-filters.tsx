import { Topics } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface WindowFilterValues {
  q: string;
  topic: string;
  openNow: boolean;
}

interface WindowFiltersProps {
  values: WindowFilterValues;
  onChange: (values: WindowFilterValues) => void;
  /** Shown next to the "open now" switch while it is on. */
  openNowLabel?: string | undefined;
}

export function WindowFilters({ values, onChange, openNowLabel }: WindowFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const active = values.q !== '' || values.topic !== '' || values.openNow;
  return (
    <search className="filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('windows.filters')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('windows.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={values.q}
          placeholder={t('windows.searchPlaceholder')}
          maxLength={100}
          onChange={(e) => onChange({ ...values, q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`} className="field-label">
          {t('windows.topic')}
        </label>
        <select
          id={`${id}-topic`}
          value={values.topic}
          onChange={(e) => onChange({ ...values, topic: e.target.value })}
        >
          <option value="">{t('windows.allTopics')}</option>
          {Topics.map((topic) => (
            <option key={topic} value={topic}>
              {t(`topics.${topic}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check filters-open">
        <input
          id={`${id}-open`}
          type="checkbox"
          className="switch"
          checked={values.openNow}
          onChange={(e) => onChange({ ...values, openNow: e.target.checked })}
        />
        <label htmlFor={`${id}-open`}>
          {t('windows.openNow')}
          {values.openNow && openNowLabel ? <span className="field-hint-inline">{openNowLabel}</span> : null}
        </label>
      </div>
      {active ? (
        <button
          type="button"
          className="button button-quiet filters-clear"
          onClick={() => onChange({ q: '', topic: '', openNow: false })}
        >
          {t('windows.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
