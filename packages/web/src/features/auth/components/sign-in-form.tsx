import type { Me, SignIn } from '@tsunagari/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../components/error-message.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useSignIn } from '../api/sign-in.ts';

type Blank = Partial<Record<keyof SignIn, true>>;

/**
 * Two fields that must not be empty: plain React state does it, and keeps the first page a
 * staff member opens free of the form and schema libraries (the API checks the rest).
 */
export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mutation = useSignIn();
  const [values, setValues] = useState<SignIn>({ email: '', password: '' });
  const [blank, setBlank] = useState<Blank>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Blank = {};
    if (values.email.trim() === '') missing.email = true;
    if (values.password === '') missing.password = true;
    setBlank(missing);
    if (missing.email || missing.password) {
      const first = event.currentTarget.elements.namedItem(missing.email ? 'email' : 'password');
      if (first instanceof HTMLInputElement) first.focus();
      return;
    }
    mutation.mutate({ email: values.email.trim(), password: values.password }, { onSuccess: onSignedIn });
  };

  const failure = (() => {
    const error = mutation.error;
    if (!error) return null;
    // One message for a wrong e-mail and a wrong password alike: which one is not told.
    if (error instanceof ApiError && error.status === 401) return t('signIn.invalidCredentials');
    if (error instanceof ApiError && error.status === 429) {
      const seconds = Number(error.headers?.get('retry-after'));
      return Number.isFinite(seconds) && seconds > 0
        ? t('signIn.rateLimitedSeconds', { seconds: Math.ceil(seconds) })
        : t('signIn.rateLimited');
    }
    return errorText(error);
  })();

  return (
    <form className="stack" noValidate onSubmit={submit}>
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <Field label={t('signIn.email')} error={blank.email ? t('validation.required') : undefined}>
        <input
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
        />
      </Field>
      <Field label={t('signIn.password')} error={blank.password ? t('validation.required') : undefined}>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
        />
      </Field>
      <button type="submit" className="button button-primary button-wide" disabled={mutation.isPending}>
        {mutation.isPending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
