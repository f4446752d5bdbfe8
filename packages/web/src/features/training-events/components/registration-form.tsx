import type { Affiliation, AttendanceMode } from '@tsunagari/shared';
import { type ReactNode, useId, useState } from 'react';
import { type Path, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { fieldProblems } from '../../../lib/form.ts';
import { AFFILIATIONS } from './affiliations.ts';
import { trainingMessage } from './messages.ts';

export interface RegistrationFormValues {
  name: string;
  nameKana: string;
  affiliation: Affiliation | '';
  organisationName: string;
  email: string;
  mode: AttendanceMode | '';
}

/** The body both POST registrations take; the staff one adds walkIn and overrideCapacity. */
export interface RegistrationPayload {
  name: string;
  nameKana: string | null;
  affiliation: Affiliation;
  organisationName: string | null;
  email: string | null;
  mode: AttendanceMode;
  walkIn?: boolean;
  overrideCapacity?: boolean;
}

const FIELDS = ['name', 'nameKana', 'affiliation', 'organisationName', 'email', 'mode'] as const;

const blankToNull = (v: string) => (v.trim() === '' ? null : v);

function toPayload(values: RegistrationFormValues, walkIn: boolean | undefined): Record<string, unknown> {
  return {
    name: values.name,
    nameKana: blankToNull(values.nameKana),
    affiliation: values.affiliation === '' ? undefined : values.affiliation,
    organisationName: blankToNull(values.organisationName),
    email: blankToNull(values.email),
    mode: values.mode === '' ? undefined : values.mode,
    ...(walkIn === undefined ? {} : { walkIn }),
  };
}

type FormResolver = Resolver<RegistrationFormValues, unknown, RegistrationPayload>;

/**
 * The shared schema (CreateTrainingRegistration or the public one), run on the form values
 * turned into the request body. The schema and zod load on first use (`preload` starts it when
 * the form is first touched), so an invitee's phone shows the event without waiting for them.
 */
function registrationResolver(audience: 'staff' | 'public', walkIn: boolean | undefined) {
  let loading: Promise<ReturnType<typeof import('./registration-schema.ts').registrationSchemaResolver>> | null = null;
  const preload = () => {
    loading ??= import('./registration-schema.ts').then((m) => m.registrationSchemaResolver(audience));
    return loading;
  };
  const resolver: FormResolver = async (values, context, options) => {
    const inner = await preload();
    return (await inner(toPayload(values, walkIn) as never, context, options as never)) as unknown as Awaited<
      ReturnType<FormResolver>
    >;
  };
  return { resolver, preload };
}

export interface ModeChoice {
  mode: AttendanceMode;
  offered: boolean;
  remaining: number;
}

interface RegistrationFormProps {
  /** staff: CreateTrainingRegistration; public: the invitee's form. */
  audience: 'staff' | 'public';
  modes: readonly ModeChoice[];
  /** A walk-in is checked in at once; when the mode is full the form offers to seat them anyway. */
  walkIn?: boolean;
  onSubmit: (payload: RegistrationPayload) => Promise<void>;
  describeFailure?: (error: unknown) => ReactNode | null;
  submitLabel: string;
  submittingLabel: string;
  onCancel?: () => void;
  large?: boolean;
}

/** Name, kana, affiliation, organisation, e-mail and mode: one attendee, with the shared schema's rules. */
export function RegistrationForm({
  audience,
  modes,
  walkIn,
  onSubmit,
  describeFailure,
  submitLabel,
  submittingLabel,
  onCancel,
  large,
}: RegistrationFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const offered = modes.filter((m) => m.offered);
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [overflow, setOverflow] = useState<RegistrationPayload | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [schema] = useState(() => registrationResolver(audience, walkIn));
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegistrationFormValues, unknown, RegistrationPayload>({
    defaultValues: {
      name: '',
      nameKana: '',
      affiliation: '',
      organisationName: '',
      email: '',
      mode: offered.length === 1 ? (offered[0]?.mode ?? '') : '',
    },
    resolver: schema.resolver,
  });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? trainingMessage(t, error.message, error.type === 'server') : undefined;

  const send = async (payload: RegistrationPayload) => {
    setFailure(null);
    setUnplaced([]);
    setOverflow(null);
    try {
      await onSubmit(payload);
    } catch (error) {
      if (walkIn && !payload.overrideCapacity && isApiError(error, 409) && error.code === 'mode_full') {
        setOverflow(payload);
        return;
      }
      const problems = fieldProblems(error, FIELDS);
      if (!problems) {
        setFailure(error);
        return;
      }
      for (const [i, { field, message }] of problems.placed.entries()) {
        setError(field as Path<RegistrationFormValues>, { type: 'server', message }, { shouldFocus: i === 0 });
      }
      setUnplaced(problems.unplaced);
    }
  };

  const modeError = msg(errors.mode);
  const req = t('training.form.required');
  const seatText = (m: ModeChoice) =>
    m.remaining > 0 ? t('training.seats.remaining', { n: m.remaining }) : t('training.seats.fullWaitlist');

  return (
    <form
      className={`registration-form${large ? ' is-large' : ''}`}
      noValidate
      onSubmit={handleSubmit(send)}
      onFocus={() => void schema.preload()}
    >
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{trainingMessage(t, m, true)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}
      <Field label={t('training.registration.name')} required requiredLabel={req} error={msg(errors.name)}>
        <input
          type="text"
          required
          maxLength={100}
          autoComplete={audience === 'public' ? 'name' : 'off'}
          {...register('name')}
        />
      </Field>
      <Field
        label={t('training.registration.nameKana')}
        hint={t('training.registration.nameKanaHint')}
        error={msg(errors.nameKana)}
      >
        <input type="text" maxLength={100} autoComplete="off" {...register('nameKana')} />
      </Field>
      <Field
        label={t('training.registration.affiliation')}
        required
        requiredLabel={req}
        error={msg(errors.affiliation)}
      >
        <select required {...register('affiliation')}>
          <option value="">{t('training.registration.choose')}</option>
          {AFFILIATIONS.map((a) => (
            <option key={a} value={a}>
              {t(`training.affiliation.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('training.registration.organisation')}
        hint={t('training.registration.organisationHint')}
        error={msg(errors.organisationName)}
      >
        <input
          type="text"
          maxLength={200}
          autoComplete={audience === 'public' ? 'organization' : 'off'}
          {...register('organisationName')}
        />
      </Field>
      <Field
        label={t('training.registration.email')}
        hint={audience === 'public' ? t('training.registration.emailHintPublic') : t('training.registration.emailHint')}
        error={msg(errors.email)}
      >
        <input
          type="email"
          maxLength={254}
          autoComplete={audience === 'public' ? 'email' : 'off'}
          {...register('email')}
        />
      </Field>
      <fieldset
        className={`field mode-choice${modeError ? ' field-invalid' : ''}`}
        aria-describedby={modeError ? `${id}-mode-error` : undefined}
      >
        <legend className="field-label">
          {t('training.registration.mode')}
          <span className="required-tag">{req}</span>
        </legend>
        {offered.length === 0 ? <p className="muted">{t('training.seats.noneOffered')}</p> : null}
        {offered.map((m) => (
          <label key={m.mode} className="check mode-option">
            <input type="radio" value={m.mode} {...register('mode')} />
            <span>
              {t(`training.mode.${m.mode}`)}
              <span className={`mode-seats${m.remaining > 0 ? '' : ' is-full'}`}>{seatText(m)}</span>
            </span>
          </label>
        ))}
        {modeError ? (
          <p id={`${id}-mode-error`} className="field-error">
            {modeError}
          </p>
        ) : null}
      </fieldset>
      {overflow ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('training.walkIn.full', { mode: t(`training.mode.${overflow.mode}`) })}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={overriding}
            onClick={async () => {
              setOverriding(true);
              await send({ ...overflow, overrideCapacity: true });
              setOverriding(false);
            }}
          >
            {t('training.walkIn.override')}
          </button>
        </div>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className={`button button-primary${large ? ' button-large' : ''}`}
          disabled={isSubmitting}
        >
          {isSubmitting ? submittingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('training.form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
