import { Channels, ReferralSources, Topics } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Options } from '../../../components/field.tsx';
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
      <Field label={t('consultations.fields.window')}>
        <select value={values.windowId} onChange={set('windowId')}>
          <Options
            placeholder={t('consultations.list.allWindows')}
            choices={windows.map((w) => ({ value: w.id, label: w.name }))}
          />
        </select>
      </Field>
      <Field label={t('consultations.list.from')} className="cf-filter-date">
        <input type="date" value={values.from} onChange={set('from')} />
      </Field>
      <Field label={t('consultations.list.to')} error={periodError} className="cf-filter-date">
        <input type="date" value={values.to} min={values.from || undefined} onChange={set('to')} />
      </Field>
      <Field label={t('consultations.fields.channel')}>
        <select value={values.channel} onChange={set('channel')}>
          <Options
            placeholder={t('consultations.list.all')}
            choices={Channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          />
        </select>
      </Field>
      <Field label={t('consultations.fields.topic')}>
        <select value={values.topic} onChange={set('topic')}>
          <Options
            placeholder={t('consultations.list.all')}
            choices={Topics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
          />
        </select>
      </Field>
      <Field label={t('consultations.fields.referralSource')}>
        <select value={values.referralSource} onChange={set('referralSource')}>
          <Options
            placeholder={t('consultations.list.all')}
            choices={ReferralSources.map((r) => ({ value: r, label: t(`consultations.referralSources.${r}`) }))}
          />
        </select>
      </Field>
      {active ? (
        <button type="button" className="button button-quiet filters-clear" onClick={() => onChange(emptyFilters)}>
          {t('consultations.list.clearFilters')}
        </button>
      ) : null}
    </search>
  );
}
