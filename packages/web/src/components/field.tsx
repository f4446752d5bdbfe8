import { cloneElement, type ReactElement, useId } from 'react';

interface FieldProps {
  label: string;
  /** Shown below the label and announced with the control. */
  hint?: string;
  /** Already translated. */
  error?: string | undefined;
  required?: boolean;
  requiredLabel?: string;
  className?: string;
  /** One input, select or textarea; it receives id, aria-describedby and aria-invalid. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control whose hint and error are tied to it for assistive technology. */
export function Field({ label, hint, error, required, requiredLabel, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {/* `required` on the control tells assistive technology; the tag is for the eye. */}
        {required && requiredLabel ? (
          <span className="required-tag" aria-hidden="true">
            {requiredLabel}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
