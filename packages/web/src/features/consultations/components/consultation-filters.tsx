import { Channels, ReferralSources, Topics } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowOption } from '../api/get-window-options.ts';

export interface ConsultationFilterValues {
  windowId: string;
  from: string;
  to: string;
  channel: string;
  topic: string;
  referralSource: string;
}

export const emptyFilters: ConsultationFilterValues = {
  windowId: '',
  from: '',
  to: '',
  channel: '',
  topic: '',
  referralSource: '',
};

interface ConsultationFiltersProps {
  values: ConsultationFilterValues;
  onChange: (values: ConsultationFilterValues) => void;
  windows: WindowOption[];
  /** Translated, shown at the period when it is refused (to before from). */
  periodError?: string | undefined;
}

export function ConsultationFilters({ values, onChange, windows, periodError }: ConsultationFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const active = Object.values(values).some((v) => v !== '');
  const set = (key: keyof ConsultationFilterValues) => (e: { target: { value: string } }) =>
    onChange({ ...values, [key]: e.target.value });
  return (
    <search className="filters cf-filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('consultations.list.filters')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-window`} className="field-label">
          {t('consultations.fields.window')}
        </label>
        <select id={`${id}-window`} value={values.windowId} onChange={set('windowId')}>
          <option value="">{t('consultations.list.allWindows')}</option>
          {windows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field cf-filter-date">
        <label htmlFor={`${id}-from`} className="field-label">
          {t('consultations.list.from')}
        </label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={set('from')} />
      </div>
      <div className={`field cf-filter-date${periodError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-to`} className="field-label">
          {t('consultations.list.to')}
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={values.to}
          min={values.from || undefined}
          aria-invalid={periodError ? true : undefined}
          aria-describedby={periodError ? `${id}-to-error` : undefined}
          onChange={set('to')}
        />
        {periodError ? (
          <p id={`${id}-to-error`} className="field-error">
            {periodError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`} className="field-label">
          {t('consultations.fields.channel')}
        </label>
        <select id={`${id}-channel`} value={values.channel} onChange={set('channel')}>
          <option value="">{t('consultations.list.all')}</option>
          {Channels.map((c) => (
            <option key={c} value={c}>
              {t(`channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`} className="field-label">
          {t('consultations.fields.topic')}
        </label>
        <select id={`${id}-topic`} value={values.topic} onChange={set('topic')}>
          <option value="">{t('consultations.list.all')}</option>
          {Topics.map((topic) => (
            <option key={topic} value={topic}>
              {t(`topics.${topic}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`} className="field-label">
          {t('consultations.fields.referralSource')}
        </label>
        <select id={`${id}-source`} value={values.referralSource} onChange={set('referralSource')}>
          <option value="">{t('consultations.list.all')}</option>
          {ReferralSources.map((r) => (
            <option key={r} value={r}>
              {t(`consultations.referralSources.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {active ? (
        <button type="button" className="button button-quiet filters-clear" onClick={() => onChange(emptyFilters)}>
          {t('consultations.list.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
