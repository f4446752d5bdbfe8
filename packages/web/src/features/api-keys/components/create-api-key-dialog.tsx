import { zodResolver } from '@hookform/resolvers/zod';
import {
  type ApiKey,
  CreateApiKey,
  type CreatedApiKey,
  mayHoldPartnerRole,
  type Organisation,
  OrganisationKinds,
} from '@tsunagari/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { type Path, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { Modal } from '../../../components/modal.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formErrorMap, translateMessage } from '../../../lib/validation.ts';
import { useCreateApiKey } from '../api/create-api-key.ts';

const ROLES = ['partner', 'analyst', 'staff'] as const satisfies readonly ApiKey['role'][];
const PARTNER_ORGANISATION = 'apiKeys:partnerOrganisation';

interface FormValues {
  name: string;
  role: ApiKey['role'] | '';
  organisationId: string;
}

type OrganisationOption = Pick<Organisation, 'id' | 'name' | 'kind'>;

function keyResolver(kindOf: (id: string) => Organisation['kind'] | undefined) {
  const schema = CreateApiKey.superRefine((v, ctx) => {
    const kind = kindOf(v.organisationId);
    if (v.role === 'partner' && kind && !mayHoldPartnerRole(kind)) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: PARTNER_ORGANISATION });
    }
  });
  return zodResolver(schema as never, { error: formErrorMap }) as unknown as Resolver<
    FormValues,
    unknown,
    CreateApiKey
  >;
}

function KeyForm({
  organisations,
  onCreated,
  onCancel,
}: {
  organisations: OrganisationOption[];
  onCreated: (key: CreatedApiKey) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [failure, setFailure] = useState<unknown>(null);
  const kinds = useMemo(() => new Map(organisations.map((o) => [o.id, o.kind])), [organisations]);
  const resolver = useMemo(() => keyResolver((id) => kinds.get(id)), [kinds]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues, unknown, CreateApiKey>({
    defaultValues: { name: '', role: '', organisationId: '' },
    resolver,
  });
  const role = watch('role');
  const msg = (error: { message?: string | undefined; type?: unknown } | undefined) => {
    if (!error) return undefined;
    if (
      error.message === PARTNER_ORGANISATION ||
      error.message?.startsWith('a partner account needs an organisation outside')
    ) {
      return t('admin.apiKeys.errors.partnerOrganisation');
    }
    if (error.message === 'no organisation with this id') return t('validation.unknownOrganisation');
    return translateMessage(t, error.message, error.type === 'server');
  };

  const submit = handleSubmit(async (payload) => {
    setFailure(null);
    try {
      onCreated(await create.mutateAsync(payload));
    } catch (error) {
      const problems = error instanceof ApiError && [400, 422].includes(error.status) ? error.problem?.errors : null;
      const placed = (problems ?? []).filter((p) => ['name', 'role', 'organisationId'].includes(p.path.slice(5)));
      if (placed.length > 0) {
        for (const p of placed) {
          setError(p.path.slice(5) as Path<FormValues>, { type: 'server', message: p.message }, { shouldFocus: true });
        }
      } else setFailure(error);
    }
  });

  const req = t('admin.userForm.required');
  const grouped = OrganisationKinds.map((kind) => ({
    kind,
    items: organisations.filter((o) => o.kind === kind),
  })).filter((g) => g.items.length > 0);

  return (
    <form noValidate onSubmit={submit}>
      <p className="muted">{t('admin.apiKeys.createLead')}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      <Field
        label={t('admin.apiKeys.name')}
        hint={t('admin.apiKeys.nameHint')}
        required
        requiredLabel={req}
        error={msg(errors.name)}
      >
        <input type="text" required maxLength={100} autoComplete="off" {...register('name')} />
      </Field>
      <Field
        label={t('admin.apiKeys.columns.role')}
        hint={role ? t(`admin.roleDescriptions.${role}`) : t('admin.apiKeys.roleHint')}
        required
        requiredLabel={req}
        error={msg(errors.role)}
      >
        <select required {...register('role')}>
          <option value="">{t('admin.userForm.choose')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`app.role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('admin.apiKeys.columns.organisation')}
        hint={t('admin.apiKeys.organisationHint')}
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
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t('admin.apiKeys.creating') : t('admin.apiKeys.createSubmit')}
        </button>
      </div>
    </form>
  );
}

/** The secret, once: a warning first, then the key with a copy button and how to send it. */
function CreatedKey({
  apiKey,
  organisationName,
  onClose,
}: {
  apiKey: CreatedApiKey;
  organisationName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);
  return (
    <div className="created-key">
      <div className="alert alert-warning" role="alert">
        <p>
          <strong>{t('admin.apiKeys.onceTitle')}</strong>
        </p>
        <p>{t('admin.apiKeys.onceBody')}</p>
      </div>
      <dl className="facts">
        <dt>{t('admin.apiKeys.columns.name')}</dt>
        <dd>{apiKey.name}</dd>
        <dt>{t('admin.apiKeys.columns.organisation')}</dt>
        <dd>{organisationName}</dd>
        <dt>{t('admin.apiKeys.columns.role')}</dt>
        <dd>{t(`app.role.${apiKey.role}`)}</dd>
      </dl>
      <div className="field">
        <label htmlFor={`${id}-secret`} className="field-label">
          {t('admin.apiKeys.secret')}
        </label>
        <div className="secret-row">
          <input
            ref={inputRef}
            id={`${id}-secret`}
            className="secret"
            type="text"
            readOnly
            value={apiKey.secret}
            spellCheck={false}
            aria-describedby={`${id}-usage`}
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              // No clipboard (an insecure origin, a denied permission): the key is selected for copying by hand.
              if (!navigator.clipboard) {
                setCopy('failed');
                inputRef.current?.select();
                return;
              }
              navigator.clipboard.writeText(apiKey.secret).then(
                () => setCopy('copied'),
                () => {
                  setCopy('failed');
                  inputRef.current?.select();
                },
              );
            }}
          >
            {t('admin.apiKeys.copy')}
          </button>
        </div>
        <p role="status" className="small copy-status">
          {copy === 'copied' ? t('admin.apiKeys.copied') : copy === 'failed' ? t('admin.apiKeys.copyFailed') : ''}
        </p>
        <p id={`${id}-usage`} className="field-hint">
          {t('admin.apiKeys.usage')} <code>Authorization: Bearer {apiKey.prefix}_…</code>
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('admin.apiKeys.closeSecret')}
        </button>
      </div>
    </div>
  );
}

interface CreateApiKeyDialogProps {
  open: boolean;
  organisations: OrganisationOption[];
  organisationName: (id: string) => string;
  onClose: () => void;
}

/**
 * Issues a key in two steps inside one dialog: the form, then the secret. The secret lives in
 * this dialog's state only; closing the dialog forgets it for good.
 */
export function CreateApiKeyDialog({ open, organisations, organisationName, onClose }: CreateApiKeyDialogProps) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={created ? t('admin.apiKeys.createdTitle') : t('admin.apiKeys.createTitle')}
      className="dialog-wide"
      onClose={close}
    >
      {created ? (
        <CreatedKey apiKey={created} organisationName={organisationName(created.organisationId)} onClose={close} />
      ) : (
        <KeyForm organisations={organisations} onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
