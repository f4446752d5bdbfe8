import { zodResolver } from '@hookform/resolvers/zod';
import { Channels, CreateConsultationWindow, Topics, UpdateConsultationWindow } from '@tsunagari/shared';
import { type ReactNode, useId, useState } from 'react';
import { type FieldError, type Path, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formErrorMap, translateMessage } from '../../../lib/validation.ts';
import { ClosureDatesField } from './closure-dates-field.tsx';
import { valuesToPayload, type WindowFormValues, type WindowPayload } from './form-values.ts';
import { ScheduleEditor } from './schedule-editor.tsx';

/** The shared schema, run on the form values turned into the request body. */
function windowResolver(mode: 'create' | 'edit'): Resolver<WindowFormValues, unknown, WindowPayload> {
  const schema = mode === 'create' ? CreateConsultationWindow : UpdateConsultationWindow;
  const inner = zodResolver(schema, { error: formErrorMap });
  return (values, context, options) =>
    inner(valuesToPayload(values) as never, context, options as never) as unknown as ReturnType<
      Resolver<WindowFormValues, unknown, WindowPayload>
    >;
}

function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const e = errors as Partial<FieldError> & Record<string, unknown>;
  let n = typeof e.message === 'string' ? 1 : 0;
  for (const [key, value] of Object.entries(e)) {
    if (key !== 'ref' && key !== 'message' && key !== 'type' && key !== 'types') n += countErrors(value);
  }
  return n;
}

export interface OrganisationOption {
  id: string;
  name: string;
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
  const id = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<WindowFormValues, unknown, WindowPayload>({
    defaultValues,
    resolver: windowResolver(mode),
  });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? translateMessage(t, error.message, error.type === 'server') : undefined;

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      await onSubmit(payload);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unknown_organisation') {
        // Deleted while the form was open: say so at the picker, in words, not the API's English.
        setError(
          'organisationId',
          { type: 'server', message: 'validation.unknownOrganisation' },
          { shouldFocus: true },
        );
        return;
      }
      // A 400 names the fields the schema refused: spread them onto the form.
      if (
        error instanceof ApiError &&
        (error.status === 400 || error.status === 422) &&
        error.problem?.errors?.length
      ) {
        // The API names fields like "body.schedule.0.closes": without "body." that is the form path.
        const leftover: string[] = [];
        for (const { path, message } of error.problem.errors) {
          const field = path.replace(/^body\.?/, '');
          const top = field.split('.')[0] as keyof WindowFormValues;
          if (field && top in defaultValues) {
            setError(
              field as Path<WindowFormValues>,
              { type: 'server', message },
              { shouldFocus: leftover.length === 0 },
            );
          } else leftover.push(message);
        }
        setUnplaced(leftover);
      } else setFailure(error);
    }
  });

  const errorCount = countErrors(errors);
  const topicsError = msg(errors.topics as FieldError | undefined);
  const channelsError = msg(errors.channels as FieldError | undefined);
  const req = t('windowForm.required');

  return (
    <form className="window-form" noValidate onSubmit={submit}>
      {notice}
      {submitCount > 0 && errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('errors.formInvalid', { n: errorCount })}</p>
        </div>
      ) : null}
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{translateMessage(t, m, true)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}

      <section className="form-section" aria-labelledby={`${id}-basics`}>
        <h2 id={`${id}-basics`}>{t('windowForm.sections.basics')}</h2>
        <Field label={t('windowForm.name')} required requiredLabel={req} error={msg(errors.name)}>
          <input type="text" required maxLength={200} {...register('name')} />
        </Field>
        <Field label={t('windowForm.organisation')} required requiredLabel={req} error={msg(errors.organisationId)}>
          <select required {...register('organisationId')}>
            <option value="">{t('windowForm.organisationPlaceholder')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('windowForm.description')} error={msg(errors.description)}>
          <textarea rows={3} maxLength={2000} {...register('description')} />
        </Field>
      </section>

      <section className="form-section" aria-labelledby={`${id}-access`}>
        <h2 id={`${id}-access`}>{t('windowForm.sections.access')}</h2>
        <fieldset
          className={`field checkbox-group${topicsError ? ' field-invalid' : ''}`}
          aria-describedby={topicsError ? `${id}-topics-error` : undefined}
        >
          <legend className="field-label">
            {t('windowForm.topics')}
            <span className="required-tag">{req}</span>
          </legend>
          <div className="checkbox-grid">
            {Topics.map((topic) => (
              <label key={topic} className="check">
                <input type="checkbox" value={topic} {...register('topics')} />
                {t(`topics.${topic}`)}
              </label>
            ))}
          </div>
          {topicsError ? (
            <p id={`${id}-topics-error`} className="field-error">
              {topicsError}
            </p>
          ) : null}
        </fieldset>
        <fieldset
          className={`field checkbox-group${channelsError ? ' field-invalid' : ''}`}
          aria-describedby={channelsError ? `${id}-channels-error` : undefined}
        >
          <legend className="field-label">
            {t('windowForm.channels')}
            <span className="required-tag">{req}</span>
          </legend>
          <div className="checkbox-grid">
            {Channels.map((channel) => (
              <label key={channel} className="check">
                <input type="checkbox" value={channel} {...register('channels')} />
                {t(`channels.${channel}`)}
              </label>
            ))}
          </div>
          {channelsError ? (
            <p id={`${id}-channels-error`} className="field-error">
              {channelsError}
            </p>
          ) : null}
        </fieldset>
        <div className="checks-row">
          <label className="check">
            <input type="checkbox" {...register('womenOnly')} />
            {t('windowForm.womenOnly')}
          </label>
          <label className="check">
            <input type="checkbox" {...register('isNew')} />
            {t('windowForm.isNew')}
          </label>
        </div>
      </section>

      <section className="form-section" aria-labelledby={`${id}-contact`}>
        <h2 id={`${id}-contact`}>{t('windowForm.sections.contact')}</h2>
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
        <label className="check">
          <input type="checkbox" {...register('reservationRequired')} />
          {t('windowForm.reservationRequired')}
        </label>
        <Field label={t('windowForm.reservationNote')} error={msg(errors.reservationNote)}>
          <textarea rows={2} maxLength={500} {...register('reservationNote')} />
        </Field>
      </section>

      <section className="form-section" aria-labelledby={`${id}-period`}>
        <h2 id={`${id}-period`}>{t('windowForm.sections.period')}</h2>
        <div className="field-row">
          <Field label={t('windowForm.validFrom')} required requiredLabel={req} error={msg(errors.validFrom)}>
            <input type="date" required {...register('validFrom')} />
          </Field>
          <Field label={t('windowForm.validTo')} error={msg(errors.validTo)}>
            <input type="date" {...register('validTo')} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" {...register('opensOnHolidays')} />
          {t('windowForm.opensOnHolidays')}
        </label>
        <ClosureDatesField
          control={control}
          setValue={setValue}
          errors={errors.closureDates}
          revalidate={submitCount > 0}
        />
      </section>

      <section className="form-section" aria-labelledby={`${id}-schedule`}>
        <h2 id={`${id}-schedule`}>{t('windowForm.sections.schedule')}</h2>
        <p className="field-hint">{t('windowForm.scheduleHint')}</p>
        <ScheduleEditor control={control} register={register} errors={errors.schedule} />
      </section>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {mode === 'create'
            ? isSubmitting
              ? t('windowForm.creating')
              : t('windowForm.create')
            : isSubmitting
              ? t('windowForm.saving')
              : t('windowForm.save')}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t('windowForm.cancel')}
        </Link>
      </div>
    </form>
  );
}
