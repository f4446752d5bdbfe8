import { zodResolver } from '@hookform/resolvers/zod';
import {
  CreateUser,
  mayHoldPartnerRole,
  type Organisation,
  OrganisationKinds,
  type Role,
  Roles,
} from '@tsunagari/shared';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { type Path, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { PARTNER_ORGANISATION, userErrorMap, userMessage } from './messages.ts';
import { PasswordInput } from './password-input.tsx';

export interface UserFormValues {
  displayName: string;
  email: string;
  role: Role | '';
  organisationId: string;
  /** Only when creating; a reset has its own form. */
  password: string;
}

export interface UserPayload {
  displayName: string;
  email: string;
  role: Role;
  organisationId: string;
  password?: string;
}

const FIELDS = ['displayName', 'email', 'role', 'organisationId', 'password'] as const;

export type OrganisationOption = Pick<Organisation, 'id' | 'name' | 'kind'>;

/** The shared CreateUser schema, and the API's rule that a partner is not in a city department. */
function userResolver(
  mode: 'create' | 'edit',
  kindOf: (id: string) => Organisation['kind'] | undefined,
): Resolver<UserFormValues, unknown, UserPayload> {
  const base = mode === 'create' ? CreateUser : CreateUser.omit({ password: true });
  const schema = base.superRefine((v, ctx) => {
    const kind = kindOf(v.organisationId);
    if (v.role === 'partner' && kind && !mayHoldPartnerRole(kind)) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: PARTNER_ORGANISATION });
    }
  });
  const inner = zodResolver(schema as never, { error: userErrorMap }) as unknown as Resolver<
    UserFormValues,
    unknown,
    UserPayload
  >;
  if (mode === 'create') return inner;
  // An edit has no password field (a reset has its own form): the strict schema would refuse the key.
  return (values, context, options) => {
    const { password: _, ...rest } = values;
    return inner(rest as UserFormValues, context, options);
  };
}

interface UserFormProps {
  mode: 'create' | 'edit';
  defaultValues: UserFormValues;
  organisations: OrganisationOption[];
  /** Sends the parsed body; an ApiError naming fields is spread onto them. */
  onSubmit: (payload: UserPayload) => Promise<void>;
  /** Words for a failure the form cannot place on a field (412, 404, last admin…); null for the default. */
  describeFailure?: (error: unknown) => ReactNode | null;
  submitLabel: string;
  submittingLabel: string;
  cancelTo?: string;
  notice?: ReactNode;
}

export function UserForm({
  mode,
  defaultValues,
  organisations,
  onSubmit,
  describeFailure,
  submitLabel,
  submittingLabel,
  cancelTo,
  notice,
}: UserFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const kinds = useMemo(() => new Map(organisations.map((o) => [o.id, o.kind])), [organisations]);
  const resolver = useMemo(() => userResolver(mode, (orgId) => kinds.get(orgId)), [mode, kinds]);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<UserFormValues, unknown, UserPayload>({ defaultValues, resolver });
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) =>
    error ? userMessage(t, error.message, error.type === 'server') : undefined;
  const role = watch('role');

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    setUnplaced([]);
    try {
      await onSubmit(payload);
    } catch (error) {
      const problems =
        error instanceof ApiError && [400, 409, 422].includes(error.status) ? error.problem?.errors : null;
      if (problems?.length) {
        // The API names fields like "body.email": without "body." that is the form's field.
        const leftover: string[] = [];
        for (const { path, message } of problems) {
          const field = path.replace(/^body\.?/, '');
          if ((FIELDS as readonly string[]).includes(field)) {
            setError(field as Path<UserFormValues>, { type: 'server', message }, { shouldFocus: true });
          } else leftover.push(message);
        }
        setUnplaced(leftover);
      } else setFailure(error);
    }
  });

  const errorCount = Object.keys(errors).length;
  const req = t('admin.userForm.required');
  const grouped = OrganisationKinds.map((kind) => ({
    kind,
    items: organisations.filter((o) => o.kind === kind),
  })).filter((g) => g.items.length > 0);

  return (
    <form className="admin-form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={mode === 'create' ? 'visually-hidden' : undefined}>
        {t('admin.userForm.sections.profile')}
      </h2>
      {notice}
      {submitCount > 0 && errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('errors.formInvalid', { n: errorCount })}</p>
        </div>
      ) : null}
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{userMessage(t, m, true)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}

      <Field label={t('admin.userForm.displayName')} required requiredLabel={req} error={msg(errors.displayName)}>
        <input type="text" required maxLength={100} autoComplete="off" {...register('displayName')} />
      </Field>
      <Field
        label={t('admin.userForm.email')}
        hint={t('admin.userForm.emailHint')}
        required
        requiredLabel={req}
        error={msg(errors.email)}
      >
        <input type="email" required maxLength={254} autoComplete="off" spellCheck={false} {...register('email')} />
      </Field>
      <Field
        label={t('admin.userForm.role')}
        hint={role ? t(`admin.roleDescriptions.${role}`) : t('admin.userForm.roleHint')}
        required
        requiredLabel={req}
        error={msg(errors.role)}
      >
        <select required {...register('role')}>
          <option value="">{t('admin.userForm.choose')}</option>
          {Roles.map((r) => (
            <option key={r} value={r}>
              {t(`app.role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('admin.userForm.organisation')}
        hint={role === 'partner' ? t('admin.userForm.partnerOrganisationHint') : undefined}
        required
        requiredLabel={req}
        error={msg(errors.organisationId)}
      >
        <select required {...register('organisationId')}>
          <option value="">{t('admin.userForm.choose')}</option>
          {grouped.map((g) => (
            <optgroup key={g.kind} label={t(`admin.organisationKinds.${g.kind}`)}>
              {g.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      {mode === 'create' ? (
        <PasswordInput
          label={t('admin.userForm.password')}
          hint={t('admin.userForm.passwordHint')}
          required
          error={msg(errors.password)}
          inputProps={register('password')}
          onGenerate={(value) => setValue('password', value, { shouldValidate: submitCount > 0 })}
        />
      ) : null}
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? submittingLabel : submitLabel}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button button-secondary">
            {t('admin.userForm.cancel')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
