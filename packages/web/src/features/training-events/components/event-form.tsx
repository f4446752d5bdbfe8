import { zodResolver } from '@hookform/resolvers/zod';
import {
  Affiliations,
  CreateTrainingEvent,
  type TrainingEventStatus,
  TrainingEventTransitions,
  UpdateTrainingEvent,
} from '@tsunagari/shared';
import { type ReactNode, useId, useState } from 'react';
import { type FieldError, type Path, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { formErrorMap } from '../../../lib/validation.ts';
import { type EventFormValues, type EventPayload, valuesToPayload } from './event-form-values.ts';
import { trainingMessage } from './messages.ts';
import { fieldProblems } from './server-errors.ts';

function eventResolver(mode: 'create' | 'edit'): Resolver<EventFormValues, unknown, EventPayload> {
  const schema = mode === 'create' ? CreateTrainingEvent : UpdateTrainingEvent;
  const inner = zodResolver(schema, { error: formErrorMap });
  return (values, context, options) =>
    inner(valuesToPayload(values) as never, context, options as never) as unknown as ReturnType<
      Resolver<EventFormValues, unknown, EventPayload>
    >;
}

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
  const id = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<EventFormValues, unknown, EventPayload>({ defaultValues, resolver: eventResolver(mode) });
  const onlineCapacity = useWatch({ control, name: 'onlineCapacity' });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? trainingMessage(t, error.message, error.type === 'server') : undefined;

  const statuses: readonly TrainingEventStatus[] = currentStatus
    ? [currentStatus, ...TrainingEventTransitions[currentStatus]]
    : ['draft', 'open', 'closed'];

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      await onSubmit(payload);
    } catch (error) {
      const problems = fieldProblems(error, FIELDS);
      if (!problems) {
        setFailure(error);
        return;
      }
      for (const [i, { field, message }] of problems.placed.entries()) {
        setError(field as Path<EventFormValues>, { type: 'server', message }, { shouldFocus: i === 0 });
      }
      setUnplaced(problems.unplaced);
    }
  });

  const errorCount = Object.keys(errors).length;
  const audiencesError = msg(errors.intendedAudiences as FieldError | undefined);
  const req = t('training.form.required');

  return (
    <form className="window-form training-form" noValidate onSubmit={submit}>
      {notice}
      {submitCount > 0 && errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('errors.formInvalid', { n: errorCount })}</p>
        </div>
      ) : null}
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{trainingMessage(t, m, true)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}

      <section className="form-section" aria-labelledby={`${id}-basics`}>
        <h2 id={`${id}-basics`}>{t('training.form.sections.basics')}</h2>
        <Field label={t('training.form.title')} required requiredLabel={req} error={msg(errors.title)}>
          <input type="text" required maxLength={200} {...register('title')} />
        </Field>
        <Field label={t('training.form.lecturer')} error={msg(errors.lecturer)}>
          <input type="text" maxLength={200} {...register('lecturer')} />
        </Field>
        <fieldset
          className={`field checkbox-group${audiencesError ? ' field-invalid' : ''}`}
          aria-describedby={audiencesError ? `${id}-aud-error` : undefined}
        >
          <legend className="field-label">{t('training.form.audiences')}</legend>
          <div className="checkbox-grid">
            {Affiliations.map((a) => (
              <label key={a} className="check">
                <input type="checkbox" value={a} {...register('intendedAudiences')} />
                {t(`training.affiliation.${a}`)}
              </label>
            ))}
          </div>
          {audiencesError ? (
            <p id={`${id}-aud-error`} className="field-error">
              {audiencesError}
            </p>
          ) : null}
        </fieldset>
        <Field label={t('training.form.description')} error={msg(errors.description)}>
          <textarea rows={4} maxLength={4000} {...register('description')} />
        </Field>
      </section>

      <section className="form-section" aria-labelledby={`${id}-when`}>
        <h2 id={`${id}-when`}>{t('training.form.sections.when')}</h2>
        <p className="field-hint">{t('training.form.timeHint')}</p>
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
      </section>

      <section className="form-section" aria-labelledby={`${id}-seats`}>
        <h2 id={`${id}-seats`}>{t('training.form.sections.seats')}</h2>
        <p className="field-hint">{t('training.form.capacityHint')}</p>
        <div className="field-row">
          <Field
            label={t('training.form.venueCapacity')}
            required
            requiredLabel={req}
            error={msg(errors.venueCapacity)}
            className="field-narrow"
          >
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={10000}
              required
              {...register('venueCapacity', { valueAsNumber: true })}
            />
          </Field>
          <Field
            label={t('training.form.onlineCapacity')}
            required
            requiredLabel={req}
            error={msg(errors.onlineCapacity)}
            className="field-narrow"
          >
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={10000}
              required
              {...register('onlineCapacity', { valueAsNumber: true })}
            />
          </Field>
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
      </section>

      <section className="form-section" aria-labelledby={`${id}-reception`}>
        <h2 id={`${id}-reception`}>{t('training.form.sections.reception')}</h2>
        <Field
          label={t('training.form.status')}
          hint={t('training.form.statusHint')}
          required
          requiredLabel={req}
          error={msg(errors.status)}
        >
          <select required {...register('status')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`training.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" {...register('publicRegistration')} />
          {t('training.form.publicRegistration')}
        </label>
        <p className="field-hint">{t('training.form.publicRegistrationHint')}</p>
      </section>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {mode === 'create'
            ? isSubmitting
              ? t('training.form.creating')
              : t('training.form.create')
            : isSubmitting
              ? t('training.form.saving')
              : t('training.form.save')}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t('training.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
