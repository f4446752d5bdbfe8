import { Password } from '@tsunagari/shared';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { userMessage } from './messages.ts';
import { PasswordInput } from './password-input.tsx';

interface PasswordResetFormProps {
  /** The signed-in admin resetting their own password stays signed in on this device. */
  self: boolean;
  onSubmit: (password: string) => Promise<void>;
  describeFailure: (error: unknown) => ReactNode | null;
}

/** Sets a new password; the API ends every session of that user (except the admin's own, here). */
export function PasswordResetForm({ self, onSubmit, describeFailure }: PasswordResetFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const parsed = Password.safeParse(value);
    if (!parsed.success) {
      setError(value === '' ? t('validation.required') : userMessage(t, parsed.error.issues[0]?.message));
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      await onSubmit(parsed.data);
      // The password stays in the field: the admin may still need to read it out or copy it.
      setDone(true);
    } catch (e) {
      const placed = e instanceof ApiError && e.status === 400 ? e.problem?.errors?.[0]?.message : undefined;
      if (placed) setError(userMessage(t, placed, true));
      else setFailure(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="admin-form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.userForm.sections.password')}</h2>
      <p className="muted">{self ? t('admin.userForm.resetLeadSelf') : t('admin.userForm.resetLead')}</p>
      {done ? (
        <div className="alert alert-success" role="status">
          <p>{self ? t('admin.userForm.resetDoneSelf') : t('admin.userForm.resetDone')}</p>
        </div>
      ) : null}
      {failure ? (describeFailure(failure) ?? <ErrorMessage error={failure} />) : null}
      <PasswordInput
        label={t('admin.userForm.newPassword')}
        hint={t('admin.userForm.passwordHint')}
        required
        error={error}
        inputProps={{
          name: 'password',
          ref: inputRef,
          value,
          onChange: (e) => {
            setValue(e.target.value);
            setDone(false);
          },
        }}
        onGenerate={(generated) => {
          setValue(generated);
          setError(undefined);
          setDone(false);
        }}
      />
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('admin.userForm.resetting') : t('admin.userForm.resetSubmit')}
        </button>
      </div>
    </form>
  );
}
