import { type FocusEvent, useId } from 'react';
import { type Control, type FieldErrors, type UseFormRegister, useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { normaliseTime, WEEKDAYS } from '../../../lib/format.ts';
import { translateMessage } from '../../../lib/validation.ts';
import type { WindowFormValues, WindowPayload } from './form-values.ts';

interface ScheduleEditorProps {
  control: Control<WindowFormValues, unknown, WindowPayload>;
  register: UseFormRegister<WindowFormValues>;
  errors: FieldErrors<WindowFormValues>['schedule'];
}

const plusTwoHours = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = Math.min(h * 60 + m + 120, 23 * 60 + 30);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * One row per weekday with its opening intervals. Times are typed, not picked: a time picker
 * cannot say 24:00, which a window open until midnight needs, and typing "9:00" is quicker.
 * The form keeps the schedule as the flat
 * array the API takes, so `schedule.3.closes` in an error is the input shown here.
 */
export function ScheduleEditor({ control, register, errors }: ScheduleEditorProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const { fields, append, remove } = useFieldArray({ control, name: 'schedule' });
  const values = useWatch({ control, name: 'schedule' });
  const fmt = (e: { message?: string | undefined; type?: unknown } | undefined) =>
    e?.message ? translateMessage(t, e.message, e.type === 'server') : undefined;
  const listError = fmt(errors?.root) ?? fmt(errors);

  // "9:00" becomes "09:00" when the field is left, so what is shown is what will be sent.
  const timeField = (index: number, part: 'opens' | 'closes') => {
    const field = register(`schedule.${index}.${part}`);
    return {
      ...field,
      onBlur: async (event: FocusEvent<HTMLInputElement>) => {
        const normalised = normaliseTime(event.target.value);
        if (normalised !== event.target.value) {
          event.target.value = normalised;
          await field.onChange(event);
        }
        await field.onBlur(event);
      },
    };
  };

  return (
    <div className="schedule-editor">
      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}
      {WEEKDAYS.map((weekday) => {
        const day = t(`weekdays.long.${weekday}`);
        const rows = fields.map((field, index) => ({ field, index })).filter(({ field }) => field.weekday === weekday);
        const groupId = `${baseId}-${weekday}`;
        return (
          <fieldset key={weekday} className="schedule-day" aria-labelledby={groupId}>
            <legend id={groupId} className="schedule-day-name">
              {day}
            </legend>
            <div className="schedule-day-body">
              {rows.length === 0 ? <p className="muted schedule-day-closed">{t('windowForm.dayClosed')}</p> : null}
              {rows.map(({ field, index }, n) => {
                const rowErrors = errors?.[index];
                const opensError = fmt(rowErrors?.opens);
                const closesError = fmt(rowErrors?.closes);
                const rowError = fmt(rowErrors as { message?: string; type?: unknown } | undefined);
                const id = `${baseId}-${index}`;
                const errorIds = [
                  opensError ? `${id}-opens-error` : null,
                  closesError ? `${id}-closes-error` : null,
                  rowError ? `${id}-row-error` : null,
                ];
                return (
                  <div key={field.id} className="interval">
                    <div className="interval-inputs">
                      <span className="interval-part">
                        <label htmlFor={`${id}-opens`} className="interval-label">
                          <span className="visually-hidden">{`${day} ${n + 1} `}</span>
                          {t('windowForm.opens')}
                        </label>
                        <input
                          id={`${id}-opens`}
                          className="time-input"
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          maxLength={5}
                          placeholder="9:00"
                          aria-invalid={opensError || rowError ? true : undefined}
                          aria-describedby={[errorIds[0], errorIds[2]].filter(Boolean).join(' ') || undefined}
                          {...timeField(index, 'opens')}
                        />
                      </span>
                      <span className="interval-dash" aria-hidden="true">
                        {t('punctuation.range')}
                      </span>
                      <span className="interval-part">
                        <label htmlFor={`${id}-closes`} className="interval-label">
                          <span className="visually-hidden">{`${day} ${n + 1} `}</span>
                          {t('windowForm.closes')}
                        </label>
                        <input
                          id={`${id}-closes`}
                          className="time-input"
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          maxLength={5}
                          placeholder="17:00"
                          aria-invalid={closesError || rowError ? true : undefined}
                          aria-describedby={[errorIds[1], errorIds[2]].filter(Boolean).join(' ') || undefined}
                          {...timeField(index, 'closes')}
                        />
                      </span>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        aria-label={t('windowForm.removeInterval', { weekday: day, n: n + 1 })}
                        onClick={() => remove(index)}
                      >
                        {t('windowForm.removeIntervalShort')}
                      </button>
                    </div>
                    {opensError ? (
                      <p id={`${id}-opens-error`} className="field-error">
                        {t('windowForm.opens')}: {opensError}
                      </p>
                    ) : null}
                    {closesError ? (
                      <p id={`${id}-closes-error`} className="field-error">
                        {t('windowForm.closes')}: {closesError}
                      </p>
                    ) : null}
                    {rowError ? (
                      <p id={`${id}-row-error`} className="field-error">
                        {rowError}
                      </p>
                    ) : null}
                  </div>
                );
              })}
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={t('windowForm.addInterval', { weekday: day })}
                onClick={() => {
                  const last = rows.length > 0 ? values?.[rows[rows.length - 1]?.index ?? -1] : undefined;
                  const opens = last?.closes && last.closes < '22:00' ? last.closes : '09:00';
                  append({ weekday, opens, closes: last ? plusTwoHours(opens) : '17:00' });
                }}
              >
                + {t('windowForm.addIntervalShort')}
              </button>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
