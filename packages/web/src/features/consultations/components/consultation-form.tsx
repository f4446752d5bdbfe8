import {
  AgeBands,
  Channels,
  CreateConsultation,
  NOTE_MAX,
  PERSONAL_DATA_DETECTED,
  personalDataKinds,
  REFERRED_TO_EXTERNAL_MAX,
  ReferralSources,
  Topics,
} from '@tsunagari/shared';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Controller, type FieldError, type FieldErrors, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Check, Field, Options } from '../../../components/field.tsx';
import { InvalidFieldsAlert, SubmitProblems } from '../../../components/form.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { payloadResolver } from '../../../lib/form.ts';
import { tokyoDate } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import type { WindowOption } from '../api/get-window-options.ts';
import { ChipChecks, ChipRadios } from './chips.tsx';
import {
  type ConsultationFormValues,
  type ConsultationPayload,
  formFieldOf,
  tokyoDateTime,
  valuesToPayload,
} from './form-values.ts';
import { consultationMessage, kindNames, PERSONAL_DATA } from './messages.ts';

/** The shared schema, run on the form values turned into the request body; its errors put back on the form's fields. */
function consultationResolver(): Resolver<ConsultationFormValues, unknown, ConsultationPayload> {
  const inner = payloadResolver<ConsultationFormValues, ConsultationPayload>(CreateConsultation, valuesToPayload);
  return async (values, context, options) => {
    const result = await inner(values, context, options);
    const errors: Record<string, FieldError> = {};
    for (const [path, error] of Object.entries(result.errors as Record<string, FieldError>)) {
      const field = formFieldOf(path);
      if (field && !errors[field]) errors[field] = error;
    }
    return { ...result, errors } as unknown as Awaited<
      ReturnType<Resolver<ConsultationFormValues, unknown, ConsultationPayload>>
    >;
  };
}

interface ConsultationFormProps {
  mode: 'create' | 'edit';
  defaultValues: ConsultationFormValues;
  /** Where the user may record; loaded before the form is shown (a <select> whose options arrive later loses its value). */
  windows: WindowOption[];
  /** Every window, for "referred on to". */
  allWindows: WindowOption[];
  /** The user's organisation: its windows head the picker. */
  organisationId: string;
  /** Sends the body. In create mode it resolves with the values the next entry starts from. */
  onSubmit: (payload: ConsultationPayload) => Promise<ConsultationFormValues | undefined>;
  /** Words for a failure the form cannot place on a field (412, 404…); null for the default. */
  describeFailure?: ((error: unknown) => ReactNode | null) | undefined;
  /** Shown above the form. */
  notice?: ReactNode;
  /** Shown beside the save button, where the eyes are when saving: the confirmation of the last save. */
  status?: ReactNode;
  cancelTo?: string | undefined;
}

function WindowOptions({ windows, organisationId }: { windows: WindowOption[]; organisationId: string }) {
  const { t } = useTranslation();
  const own = windows.filter((w) => w.organisationId === organisationId);
  const others = windows.filter((w) => w.organisationId !== organisationId);
  const option = (w: WindowOption) => (
    <option key={w.id} value={w.id}>
      {w.name}
    </option>
  );
  if (own.length === 0 || others.length === 0) return <>{windows.map(option)}</>;
  return (
    <>
      <optgroup label={t('consultations.form.ownWindows')}>{own.map(option)}</optgroup>
      <optgroup label={t('consultations.form.otherWindows')}>{others.map(option)}</optgroup>
    </>
  );
}

function countErrors(errors: FieldErrors<ConsultationFormValues>): number {
  return Object.values(errors).filter((e) => e && typeof e === 'object' && 'message' in e).length;
}

/**
 * One consultation, made for a counter: every field has a default but the topics, focus starts
 * there, Enter saves from anywhere (Shift+Enter makes a new line in the note), and the chips
 * work by touch as well as by keys. The same form edits a recorded consultation.
 */
export function ConsultationForm({
  mode,
  defaultValues,
  windows,
  allWindows,
  organisationId,
  onSubmit,
  describeFailure,
  notice,
  status,
  cancelTo,
}: ConsultationFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const now = useNow();
  const topicsRef = useRef<HTMLInputElement | null>(null);
  const alertsRef = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    clearErrors,
    reset,
    formState: { errors, isSubmitting, submitCount, dirtyFields },
  } = useForm<ConsultationFormValues, unknown, ConsultationPayload>({
    defaultValues,
    resolver: consultationResolver(),
  });
  const [windowId, referralSource, note, referredToExternal] = useWatch({
    control,
    name: ['windowId', 'referralSource', 'note', 'referredToExternal'],
  });

  // A new entry starts at "now", and stays at now while the form waits at the counter, until
  // someone sets the time by hand.
  const timeTouched = Boolean(dirtyFields.date || dirtyFields.time);
  useEffect(() => {
    if (mode !== 'create' || timeTouched) return;
    const { date, time } = tokyoDateTime(now);
    setValue('date', date);
    setValue('time', time);
  }, [mode, now, timeTouched, setValue]);

  // A failure no field can show (412, a lost connection) is said at the top: take the reader there.
  useEffect(() => {
    if (failure || unplaced.length > 0) alertsRef.current?.focus();
  }, [failure, unplaced]);

  // Ready to type on arrival, without scrolling the window and time (on a phone) out of sight.
  useEffect(() => {
    if (mode === 'create') topicsRef.current?.focus({ preventScroll: true });
  }, [mode]);

  const msg = (error: { message?: string | undefined; type?: unknown } | undefined, text?: string) =>
    consultationMessage(t, error, text);

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      const next = await onSubmit(payload);
      if (next) {
        reset(next);
        topicsRef.current?.focus();
      }
    } catch (error) {
      // A 400 or 422 names the fields it refused ("body.note"): show each at its field.
      if (
        error instanceof ApiError &&
        (error.status === 400 || error.status === 422) &&
        error.problem?.errors?.length
      ) {
        const type = error.code === PERSONAL_DATA_DETECTED ? PERSONAL_DATA : 'server';
        const leftover: string[] = [];
        let first = true;
        for (const { path, message } of error.problem.errors) {
          const field = formFieldOf(path.replace(/^body\.?/, ''));
          if (field) {
            setError(field, { type, message }, { shouldFocus: first });
            first = false;
          } else leftover.push(message);
        }
        setUnplaced(leftover);
      } else setFailure(error);
    }
  });

  // Enter saves from any field (not while an IME is converting: that Enter picks the kanji).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.nativeEvent.keyCode === 229) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return;
    if (target instanceof HTMLTextAreaElement && event.shiftKey) return;
    event.preventDefault();
    if (!isSubmitting) event.currentTarget.requestSubmit();
  };

  const req = t('windowForm.required');
  const noteError = msg(errors.note, note);
  const externalError = msg(errors.referredToExternal, referredToExternal);
  // Said while typing, before anything is sent: the API refuses the same patterns.
  const noteKinds = noteError ? [] : personalDataKinds(note ?? '');
  const externalKinds = externalError ? [] : personalDataKinds(referredToExternal ?? '');
  const noteDescribedBy = [`${id}-note-hint`, `${id}-note-live`, noteError ? `${id}-note-error` : null]
    .filter(Boolean)
    .join(' ');
  const externalDescribedBy = [`${id}-ext-live`, externalError ? `${id}-ext-error` : null].filter(Boolean).join(' ');

  const clearServerError = (name: 'note' | 'referredToExternal') => {
    if (errors[name]?.type === PERSONAL_DATA || errors[name]?.type === 'server') clearErrors(name);
  };

  return (
    <form className="consultation-form" noValidate onSubmit={submit} onKeyDown={onKeyDown}>
      {notice}
      <InvalidFieldsAlert count={submitCount > 0 ? countErrors(errors) : 0} />
      <div ref={alertsRef} tabIndex={-1} className="cf-alerts">
        <SubmitProblems
          unplaced={unplaced}
          translate={(m) => t('validation.server', { message: m })}
          failure={failure}
          describeFailure={describeFailure}
        />
      </div>

      <div className="cf-panel">
        <div className="cf-when-where">
          <Field label={t('consultations.fields.window')} required requiredLabel={req} error={msg(errors.windowId)}>
            <select required {...register('windowId')}>
              {windowId === '' ? <option value="">{t('consultations.form.chooseWindow')}</option> : null}
              <WindowOptions windows={windows} organisationId={organisationId} />
            </select>
          </Field>
          <Field label={t('consultations.fields.date')} required requiredLabel={req} error={msg(errors.date)}>
            <input type="date" required max={tokyoDate(now)} {...register('date')} />
          </Field>
          <Field label={t('consultations.fields.time')} required requiredLabel={req} error={msg(errors.time)}>
            <input type="time" required step={60} {...register('time')} />
          </Field>
        </div>
        {mode === 'create' && !timeTouched ? (
          <p className="field-hint cf-now-hint">{t('consultations.form.nowHint')}</p>
        ) : null}

        <ChipRadios
          legend={t('consultations.fields.channel')}
          options={Channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          input={register('channel')}
          error={msg(errors.channel)}
        />

        <Controller
          control={control}
          name="topics"
          render={({ field }) => (
            <ChipChecks
              legend={t('consultations.fields.topics')}
              required
              requiredLabel={req}
              hint={t('consultations.form.topicsHint')}
              keysHint={t('consultations.form.topicsKeys')}
              options={Topics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={msg(errors.topics as FieldError | undefined)}
              className="cf-topics"
              focusRef={(el) => {
                topicsRef.current = el;
                field.ref(el);
              }}
            />
          )}
        />

        <ChipRadios
          legend={t('consultations.fields.referralSource')}
          options={ReferralSources.map((r) => ({ value: r, label: t(`consultations.referralSources.${r}`) }))}
          input={register('referralSource')}
          error={msg(errors.referralSource)}
        />
        {referralSource === 'guidance_card' ? (
          <Field
            label={t('consultations.fields.cardCode')}
            hint={t('consultations.form.cardCodeHint')}
            error={msg(errors.cardCode)}
            className="cf-card-code"
          >
            <input
              type="text"
              maxLength={24}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              {...register('cardCode')}
            />
          </Field>
        ) : null}

        <ChipRadios
          legend={t('consultations.fields.ageBand')}
          options={[
            { value: '', label: t('consultations.ageBands.none') },
            ...AgeBands.map((a) => ({ value: a, label: t(`consultations.ageBands.${a}`) })),
          ]}
          input={register('ageBand')}
          error={msg(errors.ageBand)}
        />

        <div className="checks-row cf-flags">
          <Check label={t('consultations.fields.isRepeat')} {...register('isRepeat')} />
          <Check label={t('consultations.fields.followUpNeeded')} {...register('followUpNeeded')} />
        </div>

        <fieldset className="field cf-referred">
          <legend className="field-label">{t('consultations.fields.referredTo')}</legend>
          <div className="field-row cf-referred-row">
            <Field label={t('consultations.fields.referredToWindow')} error={msg(errors.referredToWindowId)}>
              <select {...register('referredToWindowId')}>
                <Options
                  placeholder={t('consultations.form.noReferral')}
                  choices={allWindows.filter((w) => w.id !== windowId).map((w) => ({ value: w.id, label: w.name }))}
                />
              </select>
            </Field>
            <div className={`field${externalError ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-ext`} className="field-label">
                {t('consultations.fields.referredToExternal')}
              </label>
              {/* The error above the field, where it is read before the field (and never under the save bar). */}
              {externalError ? (
                <p id={`${id}-ext-error`} className="field-error">
                  {externalError}
                </p>
              ) : null}
              <p id={`${id}-ext-live`} className="field-warning" aria-live="polite">
                {externalKinds.length > 0
                  ? t('consultations.form.personalDataLive', { kinds: kindNames(t, externalKinds) })
                  : null}
              </p>
              <input
                id={`${id}-ext`}
                type="text"
                maxLength={REFERRED_TO_EXTERNAL_MAX}
                autoComplete="off"
                placeholder={t('consultations.form.externalPlaceholder')}
                aria-invalid={externalError ? true : undefined}
                aria-describedby={externalDescribedBy}
                {...register('referredToExternal', { onChange: () => clearServerError('referredToExternal') })}
              />
            </div>
          </div>
        </fieldset>

        <div className={`field cf-note${noteError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-note`} className="field-label">
            {t('consultations.fields.note')}
          </label>
          <p id={`${id}-note-hint`} className="field-hint cf-privacy-hint">
            {t('consultations.form.noteHint', { max: NOTE_MAX })}
          </p>
          {noteError ? (
            <p id={`${id}-note-error`} className="field-error">
              {noteError}
            </p>
          ) : null}
          <p id={`${id}-note-live`} className="field-warning" aria-live="polite">
            {noteKinds.length > 0 ? t('consultations.form.personalDataLive', { kinds: kindNames(t, noteKinds) }) : null}
          </p>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={NOTE_MAX}
            autoComplete="off"
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteDescribedBy}
            {...register('note', { onChange: () => clearServerError('note') })}
          />
        </div>
      </div>

      <div className="form-actions cf-actions">
        {status}
        <button type="submit" className="button button-primary cf-save" disabled={isSubmitting}>
          {mode === 'create'
            ? isSubmitting
              ? t('consultations.form.recording')
              : t('consultations.form.record')
            : isSubmitting
              ? t('windowForm.saving')
              : t('windowForm.save')}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button button-secondary">
            {t('windowForm.cancel')}
          </Link>
        ) : null}
        <p className="cf-keys muted small">
          {mode === 'create' ? t('consultations.form.enterHint') : t('consultations.form.enterHintEdit')}
        </p>
      </div>
    </form>
  );
}
