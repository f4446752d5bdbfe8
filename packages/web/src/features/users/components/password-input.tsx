import { type InputHTMLAttributes, type Ref, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePassword } from './password.ts';

interface PasswordInputProps {
  label: string;
  hint: string;
  required?: boolean;
  /** Already translated. */
  error?: string | undefined;
  /** react-hook-form's `register(...)`, or `value` and `onChange` of a controlled input. */
  inputProps: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };
  /** Puts a generated password into the form. */
  onGenerate: (password: string) => void;
}

/**
 * A password an admin sets for someone else: hidden by default, shown on request (it has to be
 * handed over), and one click makes a strong one.
 */
export function PasswordInput({ label, hint, required, error, inputProps, onGenerate }: PasswordInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <span className="required-tag" aria-hidden="true">
            {t('admin.userForm.required')}
          </span>
        ) : null}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      <div className="password-row">
        <input
          id={id}
          className="password-input"
          type={visible ? 'text' : 'password'}
          required={required}
          minLength={12}
          maxLength={256}
          autoComplete="new-password"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...inputProps}
        />
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {t('admin.userForm.showPassword')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            onGenerate(generatePassword());
            setVisible(true);
          }}
        >
          {t('admin.userForm.generatePassword')}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
