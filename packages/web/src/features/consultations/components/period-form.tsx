import { MAX_REPORT_PERIOD_DAYS } from '@tsunagari/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Options } from '../../../components/field.tsx';
import { daysBetween } from '../../../lib/format.ts';
import type { WindowOption } from '../api/get-window-options.ts';

export interface AnalysisPeriod {
  from: string;
  to: string;
  windowId: string;
}

export const fiscalYearPeriod = (fy: number) => ({ from: `${fy}-04-01`, to: `${fy + 1}-03-31` });

const japaneseEra = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric' });

interface PeriodFormProps {
  value: AnalysisPeriod;
  onChange: (value: AnalysisPeriod) => void;
  /** Fiscal years offered, newest first. */
  fiscalYears: number[];
  windows: WindowOption[];
}

/** The period (a fiscal year, or any dates) and optionally one window; applied with the button or a fiscal year pick. */
export function PeriodForm({ value, onChange, fiscalYears, windows }: PeriodFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(value), [value]);

  const fy = fiscalYears.find((y) => {
    const p = fiscalYearPeriod(y);
    return p.from === draft.from && p.to === draft.to;
  });

  const apply = (next: AnalysisPeriod) => {
    if (!next.from || !next.to) return setError(t('consultations.analysis.periodMissing'));
    if (next.to < next.from) return setError(t('consultations.list.periodOrder'));
    if (daysBetween(next.from, next.to) + 1 > MAX_REPORT_PERIOD_DAYS)
      return setError(t('consultations.analysis.periodTooLong', { n: MAX_REPORT_PERIOD_DAYS }));
    setError(null);
    onChange(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };

  return (
    <form className="filters cf-period" onSubmit={submit} aria-label={t('consultations.analysis.periodLabel')}>
      <div className="field">
        <label htmlFor={`${id}-fy`} className="field-label">
          {t('consultations.analysis.fiscalYear')}
        </label>
        <select
          id={`${id}-fy`}
          value={fy ?? ''}
          onChange={(e) => {
            if (!e.target.value) return;
            const next = { ...draft, ...fiscalYearPeriod(Number(e.target.value)) };
            setDraft(next);
            apply(next);
          }}
        >
          {fy === undefined ? <option value="">{t('consultations.analysis.customPeriod')}</option> : null}
          {fiscalYears.map((y) => (
            <option key={y} value={y}>
              {t('consultations.analysis.fiscalYearOption', {
                year: y,
                era: japaneseEra.format(new Date(`${y}-06-01T12:00:00+09:00`)),
                next: y + 1,
              })}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('consultations.list.from')} className="cf-filter-date">
        <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </Field>
      <div className={`field cf-filter-date${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-to`} className="field-label">
          {t('consultations.list.to')}
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={draft.to}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </div>
      <Field label={t('consultations.fields.window')}>
        <select
          value={draft.windowId}
          onChange={(e) => {
            const next = { ...draft, windowId: e.target.value };
            setDraft(next);
            apply(next);
          }}
        >
          <Options
            placeholder={t('consultations.list.allWindows')}
            choices={windows.map((w) => ({ value: w.id, label: w.name }))}
          />
        </select>
      </Field>
      <button type="submit" className="button button-primary">
        {t('consultations.analysis.apply')}
      </button>
      {error ? (
        <p id={`${id}-error`} className="field-error cf-period-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
