import {
  Affiliations,
  CreateTrainingEvent,
  type TrainingEventStatus,
  TrainingEventTransitions,
  UpdateTrainingEvent,
} from '@tsunagari/shared';
import type { ReactNode } from 'react';
import { type FieldError, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Check, CheckboxGroup, Field, Options } from '../../../components/field.tsx';
import { FormActions, FormSection, InvalidFieldsAlert, SubmitProblems } from '../../../components/form.tsx';
import { payloadResolver, useSubmitFailure } from '../../../lib/form.ts';
import { type EventFormValues, type EventPayload, valuesToPayload } from './event-form-values.ts';
import { trainingMessage } from './messages.ts';

const FIELDS = [
  'title',
  'description',
  'startsAt',
  'endsAt',
  'venueName',
  'venueAddress',
  'venueCapacity',
  'onlineCapacity',
  'onlineJoinDetails',
  'lecturer',
  'intendedAudiences',
  'status',
  'publicRegistration',
] as const;

interface EventFormProps {
  mode: 'create' | 'edit';
  defaultValues: EventFormValues;
  /** The stored status of an edited event: only the changes the API allows from it are offered. */
  currentStatus?: TrainingEventStatus;
  onSubmit: (payload: EventPayload) => Promise<void>;
  /** Words for a failure the form cannot place on a field (412…); null for the default. */
  describeFailure?: (error: unknown) => ReactNode | null;
  cancelTo: string;
  notice?: ReactNode;
}

export function EventForm({
  mode,
  defaultValues,
  currentStatus,
  onSubmit,
  describeFailure,
  cancelTo,
  notice,
}: EventFormProps) {
  const { t } = useTranslation();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<EventFormValues, unknown, EventPayload>({
    defaultValues,
    resolver: payloadResolver(mode === 'create' ? CreateTrainingEvent : UpdateTrainingEvent, valuesToPayload),
  });
  const submitFailure = useSubmitFailure(setError, FIELDS);
  const onlineCapacity = useWatch({ control, name: 'onlineCapacity' });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? trainingMessage(t, error.message, error.type === 'server') : undefined;

  const statuses: readonly TrainingEventStatus[] = currentStatus
    ? [currentStatus, ...TrainingEventTransitions[currentStatus]]
    : ['draft', 'open', 'closed'];

  const submit = handleSubmit((payload) => submitFailure.run(() => onSubmit(payload)));

  const req = t('training.form.required');
  const capacityField = (name: 'venueCapacity' | 'onlineCapacity') => (
    <Field
      label={t(`training.form.${name}`)}
      required
      requiredLabel={req}
      error={msg(errors[name])}
      className="field-narrow"
    >
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={10000}
        required
        {...register(name, { valueAsNumber: true })}
      />
    </Field>
  );

  return (
    <form className="window-form training-form" noValidate onSubmit={submit}>
      {notice}
      <InvalidFieldsAlert count={submitCount > 0 ? Object.keys(errors).length : 0} />
      <SubmitProblems
        unplaced={submitFailure.unplaced}
        translate={(m) => trainingMessage(t, m, true)}
        failure={submitFailure.failure}
        describeFailure={describeFailure}
      />

      <FormSection title={t('training.form.sections.basics')}>
        <Field label={t('training.form.title')} required requiredLabel={req} error={msg(errors.title)}>
          <input type="text" required maxLength={200} {...register('title')} />
        </Field>
        <Field label={t('training.form.lecturer')} error={msg(errors.lecturer)}>
          <input type="text" maxLength={200} {...register('lecturer')} />
        </Field>
        <CheckboxGroup
          legend={t('training.form.audiences')}
          error={msg(errors.intendedAudiences as FieldError | undefined)}
          choices={Affiliations.map((a) => ({ value: a, label: t(`training.affiliation.${a}`) }))}
          input={register('intendedAudiences')}
        />
        <Field label={t('training.form.description')} error={msg(errors.description)}>
          <textarea rows={4} maxLength={4000} {...register('description')} />
        </Field>
      </FormSection>

      <FormSection title={t('training.form.sections.when')} hint={t('training.form.timeHint')}>
        <div className="field-row">
          <Field label={t('training.form.startsAt')} required requiredLabel={req} error={msg(errors.startsAt)}>
            <input type="datetime-local" required step={300} {...register('startsAt')} />
          </Field>
          <Field label={t('training.form.endsAt')} required requiredLabel={req} error={msg(errors.endsAt)}>
            <input type="datetime-local" required step={300} {...register('endsAt')} />
          </Field>
        </div>
        <Field label={t('training.form.venueName')} error={msg(errors.venueName)}>
          <input type="text" maxLength={200} {...register('venueName')} />
        </Field>
        <Field label={t('training.form.venueAddress')} error={msg(errors.venueAddress)}>
          <input type="text" maxLength={300} {...register('venueAddress')} />
        </Field>
      </FormSection>

      <FormSection title={t('training.form.sections.seats')} hint={t('training.form.capacityHint')}>
        <div className="field-row">
          {capacityField('venueCapacity')}
          {capacityField('onlineCapacity')}
        </div>
        {onlineCapacity > 0 ? (
          <Field
            label={t('training.form.onlineJoinDetails')}
            hint={t('training.form.onlineJoinDetailsHint')}
            error={msg(errors.onlineJoinDetails)}
          >
            <textarea rows={3} maxLength={2000} {...register('onlineJoinDetails')} />
          </Field>
        ) : null}
      </FormSection>

      <FormSection title={t('training.form.sections.reception')}>
        <Field
          label={t('training.form.status')}
          hint={t('training.form.statusHint')}
          required
          requiredLabel={req}
          error={msg(errors.status)}
        >
          <select required {...register('status')}>
            <Options choices={statuses.map((s) => ({ value: s, label: t(`training.status.${s}`) }))} />
          </select>
        </Field>
        <Check label={t('training.form.publicRegistration')} {...register('publicRegistration')} />
        <p className="field-hint">{t('training.form.publicRegistrationHint')}</p>
      </FormSection>

      <FormActions
        submitting={isSubmitting}
        label={mode === 'create' ? t('training.form.create') : t('training.form.save')}
        busyLabel={mode === 'create' ? t('training.form.creating') : t('training.form.saving')}
        cancelTo={cancelTo}
        cancelLabel={t('training.form.cancel')}
      />
    </form>
  );
}
