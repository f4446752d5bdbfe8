import type { Control, FieldErrors, UseFormRegister, UseFormSetValue } from 'react-hook-form';
import type { WindowFormValues, WindowPayload } from '../../consultation-windows/components/form-values.ts';
import { HoursSections, type HoursWords } from '../../consultation-windows/components/hours-sections.tsx';
import type { PointFormValues, PointPayload } from './point-form-values.ts';

/*
 * A point's hours are the windows' model (the shared schema imports it), so the windows feature's
 * period, closure-date and schedule fields are used as they are rather than copied. They are typed
 * on the window form but touch only the fields below; the checks fail the build if those ever stop
 * having the same shape in both forms, which is what makes handing them this form's control sound.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type HoursField = 'validFrom' | 'validTo' | 'opensOnHolidays' | 'closureDates' | 'schedule';
const sameHours: Same<Pick<PointFormValues, HoursField>, Pick<WindowFormValues, HoursField>> = true;
void sameHours;

interface PointHoursProps {
  control: Control<PointFormValues, unknown, PointPayload>;
  register: UseFormRegister<PointFormValues>;
  setValue: UseFormSetValue<PointFormValues>;
  errors: FieldErrors<PointFormValues>;
  revalidate: boolean;
  message: (error: { message?: string | undefined; type?: unknown } | undefined) => string | undefined;
  words: HoursWords;
}

export function PointHoursSections({ control, register, setValue, errors, ...rest }: PointHoursProps) {
  return (
    <HoursSections
      control={control as unknown as Control<WindowFormValues, unknown, WindowPayload>}
      register={register as unknown as UseFormRegister<WindowFormValues>}
      setValue={setValue as unknown as UseFormSetValue<WindowFormValues>}
      errors={errors as FieldErrors<WindowFormValues>}
      {...rest}
    />
  );
}
