import {
  Channels,
  CreateTargetMetric,
  DistributionPointKinds,
  MetricKinds,
  MetricUnits,
  type Question,
  Topics,
} from '@tsunagari/shared';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldError, type FieldErrors, type Path, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { fiscalYearChoices, fiscalYearText } from '../../../lib/fiscal-year.ts';
import { formatDate, tokyoDate } from '../../../lib/format.ts';
import {
  useEventOptions,
  usePointOptions,
  useSurvey,
  useSurveyOptions,
  useWindowOptions,
} from '../api/get-definition-options.ts';
import { CheckList } from './check-list.tsx';
import { defaultUnit, type MetricFormValues, valuesToCreate } from './form-values.ts';
import { metricErrorMap, metricMessage } from './messages.ts';

const CHOICE_QUESTIONS: readonly Question['kind'][] = ['single_choice', 'multiple_choice', 'scale5', 'yes_no'];

/** Where a schema or API path lands in the form: list items on their list, a first value on its field. */
function formPath(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'definition' && parts[1] === 'entries') {
    const field = parts[3] === 'asOf' ? 'firstAsOf' : parts[3] === 'note' ? 'firstNote' : 'firstValue';
    return `definition.${field}`;
  }
  if (parts[0] === 'definition' && parts.length === 1) return 'definition.kind';
  // An id or value in a list: the error belongs to the list.
  const cut = parts.findIndex((p) => /^\d+$/.test(p));
  return (cut === -1 ? parts : parts.slice(0, cut)).join('.');
}

function setNested(target: Record<string, unknown>, path: string, error: FieldError) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (!node[last]) node[last] = error;
}

/** The shared schema, run on the request body the values make. */
const resolver: Resolver<MetricFormValues, unknown, CreateTargetMetric> = async (values) => {
  const payload = valuesToCreate(values);
  const result = CreateTargetMetric.safeParse(payload, { error: metricErrorMap });
  if (result.success) return { values: payload, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const issue of result.error.issues) {
    setNested(errors, formPath(issue.path), { type: 'validate', message: issue.message });
  }
  return { values: {}, errors: errors as FieldErrors<MetricFormValues> };
};

function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const e = errors as Partial<FieldError> & Record<string, unknown>;
  let n = typeof e.message === 'string' ? 1 : 0;
  for (const [key, value] of Object.entries(e)) {
    if (key !== 'ref' && key !== 'message' && key !== 'type' && key !== 'types') n += countErrors(value);
  }
  return n;
}

interface MetricFormProps {
  mode: 'create' | 'edit';
  defaultValues: MetricFormValues;
  yearsWithData: readonly number[];
  /** Sends the parsed body; a refused ApiError 400/409/422 is spread onto the fields. */
  onSubmit: (payload: CreateTargetMetric) => Promise<void>;
  /** Words for a failure the form cannot place on a field (412, 404…); null for the default. */
  describeFailure?: (error: unknown) => ReactNode | null;
  cancelTo: string;
  notice?: ReactNode;
}

export function MetricForm({
  mode,
  defaultValues,
  yearsWithData,
  onSubmit,
  describeFailure,
  cancelTo,
  notice,
}: MetricFormProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    setValue,
    getValues,
    watch,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<MetricFormValues, unknown, CreateTargetMetric>({ defaultValues, resolver });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? metricMessage(t, error.message, error.type === 'server') : undefined;

  const kind = watch('definition.kind');
  const fiscalYear = Number(watch('fiscalYear'));
  const surveyId = watch('definition.surveyId');
  const isSurvey = kind === 'survey_satisfied_share' || kind === 'survey_positive_share';
  const events = useEventOptions(fiscalYear, kind === 'training_participants');
  const surveys = useSurveyOptions(isSurvey);
  const survey = useSurvey(surveyId, isSurvey);
  const windows = useWindowOptions(kind === 'consultations');
  const points = usePointOptions(kind === 'sets_handed_out' || kind === 'funnel_conversion');

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      await onSubmit(payload);
    } catch (error) {
      // 400 (shape), 409 (label taken) and 422 (a record named does not fit) name their fields.
      if (error instanceof ApiError && [400, 409, 422].includes(error.status) && error.problem?.errors?.length) {
        const leftover: string[] = [];
        let first = true;
        for (const { path, message } of error.problem.errors) {
          const field = formPath(path.replace(/^body\.?/, '').split('.'));
          const top = field.split('.')[0] as keyof MetricFormValues;
          if (field && top in defaultValues) {
            setError(field as Path<MetricFormValues>, { type: 'server', message }, { shouldFocus: first });
            first = false;
          } else leftover.push(message);
        }
        setUnplaced(leftover);
      } else setFailure(error);
    }
  });

  const errorCount = countErrors(errors);
  const req = t('targets.form.required');
  const years = fiscalYearChoices(yearsWithData, fiscalYear || Number(defaultValues.fiscalYear));
  const kindHint = t(`targets.kindHints.${kind}`);
  const questionChoices = (survey.data?.questions ?? []).filter((q) => CHOICE_QUESTIONS.includes(q.kind));
  const chosenQuestion = questionChoices.find((q) => q.id === watch('definition.questionId'));
  const flagged = chosenQuestion?.options.filter((o) =>
    kind === 'survey_satisfied_share' ? o.countsAsSatisfied : o.countsAsPositive,
  );
  const def = errors.definition;

  return (
    <form className="metric-form" noValidate onSubmit={submit}>
      {notice}
      {submitCount > 0 && errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('errors.formInvalid', { n: errorCount })}</p>
        </div>
      ) : null}
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{metricMessage(t, m, true)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}

      <section className="form-section" aria-labelledby="metric-form-target">
        <h2 id="metric-form-target">{t('targets.form.sectionTarget')}</h2>
        <div className="field-row field-row-even">
          <Field label={t('targets.form.fiscalYear')} required requiredLabel={req} error={msg(errors.fiscalYear)}>
            <select {...register('fiscalYear')}>
              {years.map((fy) => (
                <option key={fy} value={fy}>
                  {fiscalYearText(fy, lng)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('targets.form.position')} hint={t('targets.form.positionHint')} error={msg(errors.position)}>
            <input type="text" inputMode="numeric" autoComplete="off" {...register('position')} />
          </Field>
        </div>
        <Field
          label={t('targets.form.label')}
          hint={t('targets.form.labelHint')}
          required
          requiredLabel={req}
          error={msg(errors.label)}
        >
          <input type="text" required maxLength={200} autoComplete="off" {...register('label')} />
        </Field>
        <Field
          label={t('targets.form.description')}
          hint={t('targets.form.descriptionHint')}
          error={msg(errors.description)}
        >
          <textarea rows={2} maxLength={1000} {...register('description')} />
        </Field>
        <div className="field-row field-row-even">
          <Field label={t('targets.form.target')} required requiredLabel={req} error={msg(errors.target)}>
            <input type="text" inputMode="decimal" required autoComplete="off" {...register('target')} />
          </Field>
          <Field label={t('targets.form.unit')} error={msg(errors.unit)}>
            <select {...register('unit')}>
              {MetricUnits.map((u) => (
                <option key={u} value={u}>
                  {t(`targets.unitNames.${u}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="field">
          <legend className="field-label">{t('targets.form.direction')}</legend>
          <div className="checks-row">
            <label className="check">
              <input type="radio" value="at_least" {...register('direction')} />
              {t('targets.form.atLeast')}
            </label>
            <label className="check">
              <input type="radio" value="at_most" {...register('direction')} />
              {t('targets.form.atMost')}
            </label>
          </div>
        </fieldset>
      </section>

      <section className="form-section" aria-labelledby="metric-form-definition">
        <h2 id="metric-form-definition">{t('targets.form.sectionDefinition')}</h2>
        <Field label={t('targets.form.kind')} hint={kindHint} error={msg(def?.kind)}>
          <select
            {...register('definition.kind', {
              onChange: (e) => {
                setValue('unit', defaultUnit(e.target.value, getValues('unit')));
                // What was wrong with the other kind's fields no longer applies.
                clearErrors('definition');
              },
            })}
          >
            {MetricKinds.map((k) => (
              <option key={k} value={k}>
                {t(`targets.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>

        {kind === 'training_participants' ? (
          <>
            {events.isPending ? (
              <Loading />
            ) : events.isError ? (
              <ErrorMessage error={events.error} onRetry={() => void events.refetch()} />
            ) : (
              <Controller
                control={control}
                name="definition.eventIds"
                render={({ field }) => (
                  <CheckList
                    legend={t('targets.form.events')}
                    hint={t('targets.form.eventsHint', { year: fiscalYearText(fiscalYear, lng) })}
                    emptyText={t('targets.form.noEvents')}
                    choices={events.data.map((ev) => ({
                      value: ev.id,
                      label: ev.title,
                      hint: formatDate(tokyoDate(ev.startsAt), lng),
                    }))}
                    value={field.value}
                    onChange={field.onChange}
                    error={msg(def?.eventIds as FieldError | undefined)}
                  />
                )}
              />
            )}
            <fieldset className="field">
              <legend className="field-label">{t('targets.form.basis')}</legend>
              <div className="checks-row">
                <label className="check">
                  <input type="radio" value="attended" {...register('definition.basis')} />
                  {t('targets.form.basisAttended')}
                </label>
                <label className="check">
                  <input type="radio" value="registered" {...register('definition.basis')} />
                  {t('targets.form.basisRegistered')}
                </label>
              </div>
            </fieldset>
          </>
        ) : null}

        {isSurvey ? (
          surveys.isPending ? (
            <Loading />
          ) : surveys.isError ? (
            <ErrorMessage error={surveys.error} onRetry={() => void surveys.refetch()} />
          ) : (
            <>
              <Field label={t('targets.form.survey')} required requiredLabel={req} error={msg(def?.surveyId)}>
                <select
                  {...register('definition.surveyId', {
                    onChange: () => {
                      setValue('definition.questionId', '');
                      clearErrors('definition.questionId');
                    },
                  })}
                >
                  <option value="">{t('targets.form.choose')}</option>
                  {surveys.data.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
                </select>
              </Field>
              {surveyId ? (
                survey.isPending ? (
                  <Loading />
                ) : survey.isError ? (
                  <ErrorMessage error={survey.error} onRetry={() => void survey.refetch()} />
                ) : (
                  <Field
                    label={t('targets.form.question')}
                    hint={t(
                      kind === 'survey_satisfied_share'
                        ? 'targets.form.questionHintSatisfied'
                        : 'targets.form.questionHintPositive',
                    )}
                    required
                    requiredLabel={req}
                    error={msg(def?.questionId)}
                  >
                    <select {...register('definition.questionId')}>
                      <option value="">{t('targets.form.choose')}</option>
                      {/* A question of an older version stays chosen until another is picked. */}
                      {defaultValues.definition.questionId &&
                      surveyId === defaultValues.definition.surveyId &&
                      !questionChoices.some((q) => q.id === defaultValues.definition.questionId) ? (
                        <option value={defaultValues.definition.questionId}>{t('targets.form.olderQuestion')}</option>
                      ) : null}
                      {questionChoices.map((q) => (
                        <option key={q.id} value={q.id}>
                          {`${q.position}. ${q.text}`}
                        </option>
                      ))}
                    </select>
                  </Field>
                )
              ) : null}
              {/* Which options count, or a warning before the API refuses; the refusal itself replaces it. */}
              {chosenQuestion && !def?.questionId ? (
                <p className={`field-note${flagged && flagged.length === 0 ? ' field-note-warning' : ''}`}>
                  {flagged && flagged.length > 0
                    ? t(
                        kind === 'survey_satisfied_share'
                          ? 'targets.form.countsSatisfied'
                          : 'targets.form.countsPositive',
                        {
                          options: flagged.map((o) => `「${o.label}」`).join(t('punctuation.list')),
                        },
                      )
                    : t(kind === 'survey_satisfied_share' ? 'targets.form.noneSatisfied' : 'targets.form.nonePositive')}
                </p>
              ) : null}
            </>
          )
        ) : null}

        {kind === 'consultations' ? (
          <>
            {windows.isPending ? (
              <Loading />
            ) : windows.isError ? (
              <ErrorMessage error={windows.error} onRetry={() => void windows.refetch()} />
            ) : (
              <Controller
                control={control}
                name="definition.windowIds"
                render={({ field }) => (
                  <CheckList
                    legend={t('targets.form.windows')}
                    hint={t('targets.form.allWhenNone')}
                    choices={windows.data.map((w) => ({ value: w.id, label: w.name }))}
                    value={field.value}
                    onChange={field.onChange}
                    error={msg(def?.windowIds as FieldError | undefined)}
                  />
                )}
              />
            )}
            <Controller
              control={control}
              name="definition.weekdays"
              render={({ field }) => (
                <CheckList
                  legend={t('targets.form.weekdays')}
                  hint={t('targets.form.allWhenNone')}
                  choices={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                    value: String(d),
                    label: t(`weekdays.long.${d as 1}`),
                  }))}
                  value={field.value}
                  onChange={field.onChange}
                  error={msg(def?.weekdays as FieldError | undefined)}
                />
              )}
            />
            <Controller
              control={control}
              name="definition.channels"
              render={({ field }) => (
                <CheckList
                  legend={t('targets.form.channels')}
                  hint={t('targets.form.allWhenNone')}
                  choices={Channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v)}
                  error={msg(def?.channels as FieldError | undefined)}
                />
              )}
            />
            <Controller
              control={control}
              name="definition.topics"
              render={({ field }) => (
                <CheckList
                  legend={t('targets.form.topics')}
                  hint={t('targets.form.topicsHint')}
                  choices={Topics.map((c) => ({ value: c, label: t(`topics.${c}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v)}
                  error={msg(def?.topics as FieldError | undefined)}
                />
              )}
            />
          </>
        ) : null}

        {kind === 'sets_handed_out' || kind === 'funnel_conversion' ? (
          <>
            {points.isPending ? (
              <Loading />
            ) : points.isError ? (
              <ErrorMessage error={points.error} onRetry={() => void points.refetch()} />
            ) : (
              <Controller
                control={control}
                name="definition.pointIds"
                render={({ field }) => (
                  <CheckList
                    legend={t('targets.form.points')}
                    hint={t('targets.form.allWhenNone')}
                    choices={points.data.map((p) => ({ value: p.id, label: p.name, hint: p.cardCode }))}
                    value={field.value}
                    onChange={field.onChange}
                    error={msg(def?.pointIds as FieldError | undefined)}
                  />
                )}
              />
            )}
            {kind === 'sets_handed_out' ? (
              <Controller
                control={control}
                name="definition.pointKinds"
                render={({ field }) => (
                  <CheckList
                    legend={t('targets.form.pointKinds')}
                    hint={t('targets.form.allWhenNone')}
                    choices={DistributionPointKinds.map((k) => ({ value: k, label: t(`distribution.kinds.${k}`) }))}
                    value={field.value}
                    onChange={(v) => field.onChange(v)}
                    error={msg(def?.pointKinds as FieldError | undefined)}
                  />
                )}
              />
            ) : null}
          </>
        ) : null}

        {kind === 'manual' ? (
          mode === 'create' ? (
            <fieldset className="field manual-first">
              <legend className="field-label">{t('targets.form.firstValue')}</legend>
              <p className="field-hint">{t('targets.form.firstValueHint')}</p>
              <div className="field-row field-row-even">
                <Field label={t('targets.manual.value')} error={msg(def?.firstValue)}>
                  <input type="text" inputMode="decimal" autoComplete="off" {...register('definition.firstValue')} />
                </Field>
                <Field label={t('targets.manual.asOf')} error={msg(def?.firstAsOf)}>
                  <input type="date" {...register('definition.firstAsOf')} />
                </Field>
              </div>
              <Field label={t('targets.manual.note')} error={msg(def?.firstNote)}>
                <input type="text" maxLength={500} autoComplete="off" {...register('definition.firstNote')} />
              </Field>
            </fieldset>
          ) : (
            <p className="field-note">{t('targets.form.manualOnEdit')}</p>
          )
        ) : null}
      </section>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting
            ? t(mode === 'create' ? 'targets.form.creating' : 'targets.form.saving')
            : t(mode === 'create' ? 'targets.form.create' : 'targets.form.save')}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t('targets.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
