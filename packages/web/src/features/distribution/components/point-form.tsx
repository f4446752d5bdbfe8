import {
  CreateDistributionPoint,
  DistributionPointKinds,
  SchoolLevels,
  UpdateDistributionPoint,
} from '@tsunagari/shared';
import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field, Options } from '../../../components/field.tsx';
import { FormActions, FormSection, InvalidFieldsAlert, SubmitProblems } from '../../../components/form.tsx';
import { payloadResolver, useSubmitFailure } from '../../../lib/form.ts';
import type { OrganisationOption } from '../../organisations/options.ts';
import { fieldMessage } from './messages.ts';
import { type PointFormValues, type PointPayload, valuesToPayload } from './point-form-values.ts';
import { PointHoursSections } from './schedule-fields.tsx';

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
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<PointFormValues, unknown, PointPayload>({
    defaultValues,
    resolver: payloadResolver(mode === 'create' ? CreateDistributionPoint : UpdateDistributionPoint, valuesToPayload),
  });
  const submitFailure = useSubmitFailure(setError, Object.keys(defaultValues), {
    card_code_taken: { field: 'cardCode', message: 'distribution.validation.cardCodeTaken' },
    unknown_organisation: { field: 'organisationId', message: 'validation.unknownOrganisation' },
  });
  const kind = useWatch({ control, name: 'kind' });
  const msg = (e: { message?: string | undefined; type?: unknown } | undefined) => fieldMessage(t, e);

  const submit = handleSubmit((payload) => submitFailure.run(() => onSubmit(payload)));

  const req = t('windowForm.required');

  return (
    <form className="window-form" noValidate onSubmit={submit}>
      {notice}
      <InvalidFieldsAlert count={submitCount > 0 ? Object.keys(errors).length : 0} />
      <SubmitProblems
        unplaced={submitFailure.unplaced}
        translate={(m) => fieldMessage(t, { message: m, type: 'server' }) ?? m}
        failure={submitFailure.failure}
        describeFailure={describeFailure}
      />

      <FormSection title={t('distribution.form.sections.basics')}>
        <Field label={t('distribution.form.name')} required requiredLabel={req} error={msg(errors.name)}>
          <input type="text" required maxLength={200} {...register('name')} />
        </Field>
        <div className="field-row">
          <Field label={t('distribution.form.kind')} required requiredLabel={req} error={msg(errors.kind)}>
            <select required {...register('kind')}>
              <Options
                choices={DistributionPointKinds.map((k) => ({ value: k, label: t(`distribution.kinds.${k}`) }))}
              />
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
                <Options
                  placeholder={t('distribution.form.schoolLevelPlaceholder')}
                  choices={SchoolLevels.map((l) => ({ value: l, label: t(`distribution.schoolLevels.${l}`) }))}
                />
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
            <Options
              placeholder={t('windowForm.organisationPlaceholder')}
              choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
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
      </FormSection>

      <PointHoursSections
        control={control}
        register={register}
        setValue={setValue}
        errors={errors}
        revalidate={submitCount > 0}
        message={msg}
        words={{
          period: t('distribution.form.sections.period'),
          validFrom: t('distribution.form.validFrom'),
          validTo: t('distribution.form.validTo'),
          validToHint: t('distribution.form.validToHint'),
          schedule: t('distribution.form.sections.schedule'),
          scheduleHint: t('distribution.form.scheduleHint'),
        }}
      />

      <FormActions
        submitting={isSubmitting}
        label={mode === 'create' ? t('distribution.form.create') : t('windowForm.save')}
        busyLabel={mode === 'create' ? t('windowForm.creating') : t('windowForm.saving')}
        cancelTo={cancelTo}
        cancelLabel={t('windowForm.cancel')}
      />
    </form>
  );
}
