import { Channels, CreateConsultationWindow, Topics, UpdateConsultationWindow } from '@tsunagari/shared';
import type { ReactNode } from 'react';
import { type FieldError, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Check, CheckboxGroup, Field, Options } from '../../../components/field.tsx';
import { FormActions, FormSection, InvalidFieldsAlert, SubmitProblems } from '../../../components/form.tsx';
import { payloadResolver, useSubmitFailure } from '../../../lib/form.ts';
import { translateMessage } from '../../../lib/validation.ts';
import type { OrganisationOption } from '../../organisations/options.ts';
import { valuesToPayload, type WindowFormValues, type WindowPayload } from './form-values.ts';
import { HoursSections } from './hours-sections.tsx';

function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const e = errors as Partial<FieldError> & Record<string, unknown>;
  let n = typeof e.message === 'string' ? 1 : 0;
  for (const [key, value] of Object.entries(e)) {
    if (key !== 'ref' && key !== 'message' && key !== 'type' && key !== 'types') n += countErrors(value);
  }
  return n;
}

interface WindowFormProps {
  mode: 'create' | 'edit';
  defaultValues: WindowFormValues;
  /** Loaded before the form is shown: a <select> whose options arrive later loses its value. */
  organisations: OrganisationOption[];
  /** Sends the parsed body; a rejected ApiError 400 is spread onto the fields. */
  onSubmit: (payload: WindowPayload) => Promise<void>;
  /** Words for a failure the form cannot place on a field (412, 404…); null for the default. */
  describeFailure?: (error: unknown) => ReactNode | null;
  cancelTo: string;
  notice?: ReactNode;
}

export function WindowForm({
  mode,
  defaultValues,
  organisations,
  onSubmit,
  describeFailure,
  cancelTo,
  notice,
}: WindowFormProps) {
  const { t } = useTranslation();
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<WindowFormValues, unknown, WindowPayload>({
    defaultValues,
    resolver: payloadResolver(mode === 'create' ? CreateConsultationWindow : UpdateConsultationWindow, valuesToPayload),
  });
  // An organisation deleted while the form was open is said at the picker, in words, not the API's English.
  const submitFailure = useSubmitFailure(setError, Object.keys(defaultValues), {
    unknown_organisation: { field: 'organisationId', message: 'validation.unknownOrganisation' },
  });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? translateMessage(t, error.message, error.type === 'server') : undefined;

  // A 400 names the fields the schema refused ("body.schedule.0.closes"): they are spread onto the form.
  const submit = handleSubmit((payload) => submitFailure.run(() => onSubmit(payload)));

  const req = t('windowForm.required');

  return (
    <form className="window-form" noValidate onSubmit={submit}>
      {notice}
      <InvalidFieldsAlert count={submitCount > 0 ? countErrors(errors) : 0} />
      <SubmitProblems
        unplaced={submitFailure.unplaced}
        translate={(m) => translateMessage(t, m, true)}
        failure={submitFailure.failure}
        describeFailure={describeFailure}
      />

      <FormSection title={t('windowForm.sections.basics')}>
        <Field label={t('windowForm.name')} required requiredLabel={req} error={msg(errors.name)}>
          <input type="text" required maxLength={200} {...register('name')} />
        </Field>
        <Field label={t('windowForm.organisation')} required requiredLabel={req} error={msg(errors.organisationId)}>
          <select required {...register('organisationId')}>
            <Options
              placeholder={t('windowForm.organisationPlaceholder')}
              choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
          </select>
        </Field>
        <Field label={t('windowForm.description')} error={msg(errors.description)}>
          <textarea rows={3} maxLength={2000} {...register('description')} />
        </Field>
      </FormSection>

      <FormSection title={t('windowForm.sections.access')}>
        <CheckboxGroup
          legend={t('windowForm.topics')}
          requiredLabel={req}
          error={msg(errors.topics as FieldError | undefined)}
          choices={Topics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
          input={register('topics')}
        />
        <CheckboxGroup
          legend={t('windowForm.channels')}
          requiredLabel={req}
          error={msg(errors.channels as FieldError | undefined)}
          choices={Channels.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
          input={register('channels')}
        />
        <div className="checks-row">
          <Check label={t('windowForm.womenOnly')} {...register('womenOnly')} />
          <Check label={t('windowForm.isNew')} {...register('isNew')} />
        </div>
      </FormSection>

      <FormSection title={t('windowForm.sections.contact')}>
        <Field
          label={t('windowForm.place')}
          hint={t('windowForm.placeHint')}
          required
          requiredLabel={req}
          error={msg(errors.place)}
        >
          <input type="text" required maxLength={200} {...register('place')} />
        </Field>
        <Field label={t('windowForm.address')} error={msg(errors.address)}>
          <input type="text" maxLength={300} autoComplete="off" {...register('address')} />
        </Field>
        <div className="field-row">
          <Field label={t('windowForm.phone')} hint={t('windowForm.phoneHint')} error={msg(errors.phone)}>
            <input type="tel" inputMode="tel" maxLength={20} autoComplete="off" {...register('phone')} />
          </Field>
          <Field label={t('windowForm.phoneExtension')} error={msg(errors.phoneExtension)} className="field-narrow">
            <input type="text" inputMode="numeric" maxLength={6} autoComplete="off" {...register('phoneExtension')} />
          </Field>
        </div>
        <Check label={t('windowForm.reservationRequired')} {...register('reservationRequired')} />
        <Field label={t('windowForm.reservationNote')} error={msg(errors.reservationNote)}>
          <textarea rows={2} maxLength={500} {...register('reservationNote')} />
        </Field>
      </FormSection>

      <HoursSections
        control={control}
        register={register}
        setValue={setValue}
        errors={errors}
        revalidate={submitCount > 0}
        message={msg}
        words={{
          period: t('windowForm.sections.period'),
          validFrom: t('windowForm.validFrom'),
          validTo: t('windowForm.validTo'),
          schedule: t('windowForm.sections.schedule'),
          scheduleHint: t('windowForm.scheduleHint'),
        }}
      />

      <FormActions
        submitting={isSubmitting}
        label={mode === 'create' ? t('windowForm.create') : t('windowForm.save')}
        busyLabel={mode === 'create' ? t('windowForm.creating') : t('windowForm.saving')}
        cancelTo={cancelTo}
        cancelLabel={t('windowForm.cancel')}
      />
    </form>
  );
}
