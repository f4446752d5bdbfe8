import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from './error-message.tsx';

/** A titled part of a long form; the heading names the section for assistive technology. */
export function FormSection({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/** "n fields need attention", after a submit the form's own checks refused; nothing when count is 0. */
export function InvalidFieldsAlert({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('errors.formInvalid', { n: count })}</p>
    </div>
  );
}

interface SubmitProblemsProps {
  /** What the API refused that no field of the form shows. */
  unplaced: string[];
  /** One such message in the reader's language. */
  translate: (message: string) => string;
  /** Any other failure of the last submit. */
  failure: unknown;
  /** Words for a failure the form cannot place on a field (412, 404…); null for the default. */
  describeFailure?: ((error: unknown) => ReactNode | null) | undefined;
}

/** Why the API refused the last submit, where no field can say it. */
export function SubmitProblems({ unplaced, translate, failure, describeFailure }: SubmitProblemsProps) {
  return (
    <>
      {unplaced.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {unplaced.map((m) => (
            <p key={m}>{translate(m)}</p>
          ))}
        </div>
      ) : null}
      {failure ? (describeFailure?.(failure) ?? <ErrorMessage error={failure} />) : null}
    </>
  );
}

interface FormActionsProps {
  submitting: boolean;
  label: string;
  /** Said on the button while the form is being sent. */
  busyLabel: string;
  cancelTo: string;
  cancelLabel: string;
}

/** Send and cancel, at the foot of a form. */
export function FormActions({ submitting, label, busyLabel, cancelTo, cancelLabel }: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={submitting}>
        {submitting ? busyLabel : label}
      </button>
      <Link to={cancelTo} className="button button-secondary">
        {cancelLabel}
      </Link>
    </div>
  );
}
