import { Topics } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Options } from '../../../components/field.tsx';

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
      <Field label={t('windows.search')}>
        <input
          type="search"
          value={values.q}
          placeholder={t('windows.searchPlaceholder')}
          maxLength={100}
          onChange={(e) => onChange({ ...values, q: e.target.value })}
        />
      </Field>
      <Field label={t('windows.topic')}>
        <select value={values.topic} onChange={(e) => onChange({ ...values, topic: e.target.value })}>
          <Options
            placeholder={t('windows.allTopics')}
            choices={Topics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
          />
        </select>
      </Field>
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
