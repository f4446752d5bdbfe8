import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface CheckChoice {
  value: string;
  label: string;
  hint?: string | undefined;
}

interface CheckListProps {
  legend: string;
  hint?: string;
  choices: readonly CheckChoice[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  /** Said when there is nothing to choose from. */
  emptyText?: string;
}

/** A controlled group of checkboxes filling one list; nothing ticked means "all" in these forms. */
export function CheckList({ legend, hint, choices, value, onChange, error, emptyText }: CheckListProps) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const toggle = (v: string, on: boolean) =>
    onChange(
      on ? choices.map((c) => c.value).filter((c) => c === v || value.includes(c)) : value.filter((x) => x !== v),
    );
  return (
    <fieldset className={`field check-list${error ? ' field-invalid' : ''}`} aria-describedby={describedBy}>
      <legend className="field-label">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {choices.length === 0 ? (
        <p className="muted small">{emptyText ?? t('targets.form.nothingToChoose')}</p>
      ) : (
        <div className="checkbox-grid">
          {choices.map((c) => (
            <label key={c.value} className="check">
              <input
                type="checkbox"
                checked={value.includes(c.value)}
                onChange={(e) => toggle(c.value, e.target.checked)}
              />
              <span>
                {c.label}
                {c.hint ? <span className="check-hint">{c.hint}</span> : null}
              </span>
            </label>
          ))}
        </div>
      )}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
