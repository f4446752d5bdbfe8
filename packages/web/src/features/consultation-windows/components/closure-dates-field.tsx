import { useId, useState } from 'react';
import { type Control, type FieldErrors, type UseFormSetValue, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { translateMessage } from '../../../lib/validation.ts';
import type { WindowFormValues, WindowPayload } from './form-values.ts';

interface ClosureDatesFieldProps {
  control: Control<WindowFormValues, unknown, WindowPayload>;
  setValue: UseFormSetValue<WindowFormValues>;
  errors: FieldErrors<WindowFormValues>['closureDates'];
  revalidate: boolean;
}

/** Closure dates as a sorted list of days, added one at a time with a date picker. */
export function ClosureDatesField({ control, setValue, errors, revalidate }: ClosureDatesFieldProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const dates = useWatch({ control, name: 'closureDates' }) ?? [];
  const fmt = (e: { message?: string | undefined; type?: unknown } | undefined) =>
    e?.message ? translateMessage(t, e.message, e.type === 'server') : undefined;
  const listError = fmt(errors) ?? fmt(errors?.root);
  const itemErrors = Array.isArray(errors)
    ? (errors as ({ message?: string; type?: unknown } | undefined)[])
        .map((e, i) => (e?.message ? { date: dates[i], message: fmt(e) } : null))
        .filter((e) => e !== null)
    : [];

  const update = (next: string[]) =>
    setValue('closureDates', [...new Set(next)].sort(), { shouldDirty: true, shouldValidate: revalidate });

  return (
    <fieldset className="field closure-dates" aria-describedby={`${id}-hint`}>
      <legend className="field-label">{t('windowForm.closureDates')}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {t('windowForm.closureDatesHint')}
      </p>
      <div className="inline-add">
        <label htmlFor={`${id}-draft`} className="visually-hidden">
          {t('windowForm.closureToAdd')}
        </label>
        <input id={`${id}-draft`} type="date" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button
          type="button"
          className="button button-secondary"
          disabled={!/^\d{4}-\d{2}-\d{2}$/.test(draft)}
          onClick={() => {
            update([...dates, draft]);
            setDraft('');
          }}
        >
          {t('windowForm.addClosure')}
        </button>
      </div>
      {dates.length === 0 ? (
        <p className="muted">{t('windowForm.noClosures')}</p>
      ) : (
        <ul className="chip-list">
          {dates.map((date) => (
            <li key={date} className="chip">
              {formatDate(date, i18n.language)}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('windowForm.removeClosure', { date: formatDate(date, i18n.language) })}
                onClick={() => update(dates.filter((d) => d !== date))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {listError ? <p className="field-error">{listError}</p> : null}
      {itemErrors.map((e) => (
        <p key={`${e.date}`} className="field-error">
          {e.date}: {e.message}
        </p>
      ))}
    </fieldset>
  );
}
