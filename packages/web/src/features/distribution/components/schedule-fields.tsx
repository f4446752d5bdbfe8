import type { Control, FieldErrors, UseFormRegister, UseFormSetValue } from 'react-hook-form';
import { ClosureDatesField } from '../../consultation-windows/components/closure-dates-field.tsx';
import type { WindowFormValues, WindowPayload } from '../../consultation-windows/components/form-values.ts';
import { ScheduleEditor } from '../../consultation-windows/components/schedule-editor.tsx';
import type { PointFormValues, PointPayload } from './point-form-values.ts';

/*
 * A point's hours are the windows' model (the shared schema imports it), so the windows feature's
 * schedule editor and closure-date field are used as they are rather than copied. They are typed
 * on the window form but touch only `schedule` and `closureDates`; the checks below fail the
 * build if those two fields ever stop having the same shape in both forms, which is what makes
 * handing them this form's control sound.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameSchedule: Same<PointFormValues['schedule'], WindowFormValues['schedule']> = true;
const sameClosures: Same<PointFormValues['closureDates'], WindowFormValues['closureDates']> = true;
void sameSchedule;
void sameClosures;

type WindowControl = Control<WindowFormValues, unknown, WindowPayload>;

interface PointScheduleProps {
  control: Control<PointFormValues, unknown, PointPayload>;
  register: UseFormRegister<PointFormValues>;
  errors: FieldErrors<PointFormValues>['schedule'];
}

export function PointScheduleEditor({ control, register, errors }: PointScheduleProps) {
  return (
    <ScheduleEditor
      control={control as unknown as WindowControl}
      register={register as unknown as UseFormRegister<WindowFormValues>}
      errors={errors}
    />
  );
}

interface PointClosuresProps {
  control: Control<PointFormValues, unknown, PointPayload>;
  setValue: UseFormSetValue<PointFormValues>;
  errors: FieldErrors<PointFormValues>['closureDates'];
  revalidate: boolean;
}

export function PointClosureDatesField({ control, setValue, errors, revalidate }: PointClosuresProps) {
  return (
    <ClosureDatesField
      control={control as unknown as WindowControl}
      setValue={setValue as unknown as UseFormSetValue<WindowFormValues>}
      errors={errors}
      revalidate={revalidate}
    />
  );
}
