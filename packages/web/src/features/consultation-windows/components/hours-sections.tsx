import type { Control, FieldErrors, UseFormRegister, UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Check, Field } from '../../../components/field.tsx';
import { FormSection } from '../../../components/form.tsx';
import { ClosureDatesField } from './closure-dates-field.tsx';
import type { WindowFormValues, WindowPayload } from './form-values.ts';
import { ScheduleEditor } from './schedule-editor.tsx';

export interface HoursWords {
  period: string;
  validFrom: string;
  validTo: string;
  validToHint?: string | undefined;
  schedule: string;
  scheduleHint: string;
}

interface HoursSectionsProps {
  control: Control<WindowFormValues, unknown, WindowPayload>;
  register: UseFormRegister<WindowFormValues>;
  setValue: UseFormSetValue<WindowFormValues>;
  errors: FieldErrors<WindowFormValues>;
  /** After the first submit, a changed closure date is checked at once. */
  revalidate: boolean;
  /** A field's error in the reader's language. */
  message: (error: { message?: string | undefined; type?: unknown } | undefined) => string | undefined;
  words: HoursWords;
}

/**
 * When a place is open: its period, national holidays, closure dates and weekly hours. Windows
 * and distribution points keep their hours in the same model (the shared schema has one).
 */
export function HoursSections({ control, register, setValue, errors, revalidate, message, words }: HoursSectionsProps) {
  const { t } = useTranslation();
  const req = t('windowForm.required');
  return (
    <>
      <FormSection title={words.period}>
        <div className="field-row">
          <Field label={words.validFrom} required requiredLabel={req} error={message(errors.validFrom)}>
            <input type="date" required {...register('validFrom')} />
          </Field>
          <Field label={words.validTo} hint={words.validToHint} error={message(errors.validTo)}>
            <input type="date" {...register('validTo')} />
          </Field>
        </div>
        <Check label={t('windowForm.opensOnHolidays')} {...register('opensOnHolidays')} />
        <ClosureDatesField control={control} setValue={setValue} errors={errors.closureDates} revalidate={revalidate} />
      </FormSection>

      <FormSection title={words.schedule} hint={words.scheduleHint}>
        <ScheduleEditor control={control} register={register} errors={errors.schedule} />
      </FormSection>
    </>
  );
}
