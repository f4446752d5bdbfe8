import { zodResolver } from '@hookform/resolvers/zod';
import {
  CreateDistributionPoint,
  DistributionPointKinds,
  SchoolLevels,
  UpdateDistributionPoint,
} from '@tsunagari/shared';
import { type ReactNode, useId, useState } from 'react';
import { type Path, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formErrorMap } from '../../../lib/validation.ts';
import { fieldMessage } from './messages.ts';
import { type PointFormValues, type PointPayload, valuesToPayload } from './point-form-values.ts';
import { PointClosureDatesField, PointScheduleEditor } from './schedule-fields.tsx';

/** The shared schema, run on the form values turned into the request body. */
function pointResolver(mode: 'create' | 'edit'): Resolver<PointFormValues, unknown, PointPayload> {
  const schema = mode === 'create' ? CreateDistributionPoint : UpdateDistributionPoint;
  const inner = zodResolver(schema, { error: formErrorMap });
  return (values, context, options) =>
    inner(valuesToPayload(values) as never, context, options as never) as unknown as ReturnType<
      Resolver<PointFormValues, unknown, PointPayload>
    >;
}

export interface OrganisationOption {
  id: string;
  name: string;
}

interface PointFormProps {
  mode: 'create' | 'edit';
  defaultValues: PointFormValues;
  organisations: OrganisationOption[];
  onSubmit: (payload: PointPayload) => Promise<void>;
  /** Words for a failure the form cannot place on a field (412, 404…); null for the default. */
  describeFailure?: (error: unknown) => ReactNode | null;
  cancelTo: string;
  notice?: ReactNode;
}

export function PointForm({
  mode,
  defaultValues,
  organisations,
  onSubmit,
  describeFailure,
  cancelTo,
  notice,
}: PointFormProps) {
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
  } = useForm<PointFormValues, unknown, PointPayload>({ defaultValues, resolver: pointResolver(mode) });
  const kind = useWatch({ control, name: 'kind' });
  const msg = (e: { message?: string | undefined; type?: unknown } | undefined) => fieldMessage(t, e);

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      await onSubmit(payload);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'card_code_taken') {
        setError(
          'cardCode',
          { type: 'server', message: 'distribution.validation.cardCodeTaken' },
          { shouldFocus: true },
        );
        return;
      }
      if (error instanceof ApiError && error.code === 'unknown_organisation') {
        setError(
          'organisationId',
          { type: 'server', message: 'validation.unknownOrganisation' },
          { shouldFocus: true },
        );
        return;
      }
      if (
        error instanceof ApiError &&
        (error.status === 400 || error.status === 422) &&
        error.problem?.errors?.length
      ) {
        const leftover: string[] = [];
        for (const { path, message } of error.problem.errors) {
          const field = path.replace(/^body\.?/, '');
          const top = field.split('.')[0] as keyof PointFormValues;
          if (field && top in defaultValues) {
            setError(
              field as Path<PointFormValues>,
              { type: 'server', message },
              { shouldFocus: leftover.length === 0 },
            );
          } else leftover.push(message);
        }
        setUnplaced(leftover);
      } else setFailure(error);
    }
  });

  const errorCount = Object.keys(errors).length;
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
            <p key={m}>{fieldMessage(t, { message: m, type: 'server' })}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}

      <section className="form-section" aria-labelledby={`${id}-basics`}>
        <h2 id={`${id}-basics`}>{t('distribution.form.sections.basics')}</h2>
        <Field label={t('distribution.form.name')} required requiredLabel={req} error={msg(errors.name)}>
          <input type="text" required maxLength={200} {...register('name')} />
        </Field>
        <div className="field-row">
          <Field label={t('distribution.form.kind')} required requiredLabel={req} error={msg(errors.kind)}>
            <select required {...register('kind')}>
              {DistributionPointKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`distribution.kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {kind === 'school_nurse_office' ? (
            <Field
              label={t('distribution.form.schoolLevel')}
              required
              requiredLabel={req}
              error={msg(errors.schoolLevel)}
            >
              <select required {...register('schoolLevel')}>
                <option value="">{t('distribution.form.schoolLevelPlaceholder')}</option>
                {SchoolLevels.map((l) => (
                  <option key={l} value={l}>
                    {t(`distribution.schoolLevels.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
        </div>
        <Field
          label={t('distribution.form.organisation')}
          required
          requiredLabel={req}
          error={msg(errors.organisationId)}
        >
          <select required {...register('organisationId')}>
            <option value="">{t('windowForm.organisationPlaceholder')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('distribution.form.place')}
          hint={t('distribution.form.placeHint')}
          required
          requiredLabel={req}
          error={msg(errors.place)}
        >
          <input type="text" required maxLength={200} {...register('place')} />
        </Field>
        <Field
          label={t('distribution.form.cardCode')}
          hint={t('distribution.form.cardCodeHint')}
          required
          requiredLabel={req}
          error={msg(errors.cardCode)}
          className="field-narrow"
        >
          <input
            type="text"
            required
            maxLength={24}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="card-code-input"
            {...register('cardCode')}
          />
        </Field>
      </section>

      <section className="form-section" aria-labelledby={`${id}-period`}>
        <h2 id={`${id}-period`}>{t('distribution.form.sections.period')}</h2>
        <div className="field-row">
          <Field label={t('distribution.form.validFrom')} required requiredLabel={req} error={msg(errors.validFrom)}>
            <input type="date" required {...register('validFrom')} />
          </Field>
          <Field
            label={t('distribution.form.validTo')}
            hint={t('distribution.form.validToHint')}
            error={msg(errors.validTo)}
          >
            <input type="date" {...register('validTo')} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" {...register('opensOnHolidays')} />
          {t('windowForm.opensOnHolidays')}
        </label>
        <PointClosureDatesField
          control={control}
          setValue={setValue}
          errors={errors.closureDates}
          revalidate={submitCount > 0}
        />
      </section>

      <section className="form-section" aria-labelledby={`${id}-schedule`}>
        <h2 id={`${id}-schedule`}>{t('distribution.form.sections.schedule')}</h2>
        <p className="field-hint">{t('distribution.form.scheduleHint')}</p>
        <PointScheduleEditor control={control} register={register} errors={errors.schedule} />
      </section>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {mode === 'create'
            ? isSubmitting
              ? t('windowForm.creating')
              : t('distribution.form.create')
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
