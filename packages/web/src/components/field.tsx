import { cloneElement, type ReactElement, useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

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

export interface Choice {
  value: string;
  label: string;
}

/** The options of a <select>: an empty first choice when there is a placeholder, then the choices. */
export function Options({ placeholder, choices }: { placeholder?: string; choices: readonly Choice[] }) {
  return (
    <>
      {placeholder === undefined ? null : <option value="">{placeholder}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </>
  );
}

/** A checkbox with its label after it; takes what react-hook-form's `register` returns. */
export function Check({ label, ...input }: { label: string } & UseFormRegisterReturn) {
  return (
    <label className="check">
      <input type="checkbox" {...input} />
      {label}
    </label>
  );
}

interface CheckboxGroupProps {
  legend: string;
  /** Shown after the legend when at least one box must be ticked. */
  requiredLabel?: string;
  /** Already translated. */
  error?: string | undefined;
  choices: readonly Choice[];
  /** What react-hook-form's `register` returns for the array field. */
  input: UseFormRegisterReturn;
}

/** Several checkboxes filling one array field, under one legend, with the group's error tied to it. */
export function CheckboxGroup({ legend, requiredLabel, error, choices, input }: CheckboxGroupProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={`field checkbox-group${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="field-label">
        {legend}
        {requiredLabel ? <span className="required-tag">{requiredLabel}</span> : null}
      </legend>
      <div className="checkbox-grid">
        {choices.map((c) => (
          <label key={c.value} className="check">
            <input type="checkbox" value={c.value} {...input} />
            {c.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
