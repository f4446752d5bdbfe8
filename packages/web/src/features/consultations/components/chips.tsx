import { type KeyboardEvent, type Ref, useId, useRef, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface Option<V extends string> {
  value: V;
  label: string;
}

interface GroupProps {
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  requiredLabel?: string;
  className?: string;
}

function Legend({ legend, required, requiredLabel }: Pick<GroupProps, 'legend' | 'required' | 'requiredLabel'>) {
  return (
    <legend className="field-label">
      {legend}
      {required && requiredLabel ? (
        <span className="required-tag" aria-hidden="true">
          {requiredLabel}
        </span>
      ) : null}
    </legend>
  );
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/**
 * One choice as a row of chips: native radio buttons, so Tab enters the group once and the arrow
 * keys change the choice, and a tap on a chip picks it.
 */
export function ChipRadios<V extends string>({
  legend,
  hint,
  error,
  required,
  requiredLabel,
  className,
  options,
  input,
}: GroupProps & { options: readonly Option<V>[]; input: UseFormRegisterReturn }) {
  const id = useId();
  return (
    <fieldset
      className={`field chip-field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(id, hint, error)}
    >
      <Legend legend={legend} required={required ?? false} requiredLabel={requiredLabel ?? ''} />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <div className="chip-options">
        {options.map((o) => (
          <label key={o.value} className="chip-option">
            <input type="radio" value={o.value} {...input} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Keys that toggle the first eleven chips of a ChipChecks group while focus is inside it. */
export const CHIP_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-'] as const;

interface ChipChecksProps<V extends string> extends GroupProps {
  options: readonly Option<V>[];
  value: readonly V[];
  onChange: (next: V[]) => void;
  onBlur?: () => void;
  /** Receives the chip that takes focus when the group is entered (for autofocus and after a save). */
  focusRef?: Ref<HTMLInputElement>;
  /** For a screen reader, once, with the hint: how the keys work. */
  keysHint?: string;
}

/**
 * Several choices as chips, built for a counter: the group is one Tab stop, the arrow keys move
 * between chips, Space toggles the focused one, and a number key toggles the chip showing it.
 * Native checkboxes underneath, so touch, forms and screen readers work as usual.
 */
export function ChipChecks<V extends string>({
  legend,
  hint,
  error,
  required,
  requiredLabel,
  className,
  options,
  value,
  onChange,
  onBlur,
  focusRef,
  keysHint,
}: ChipChecksProps<V>) {
  const id = useId();
  const [active, setActive] = useState(0);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const selected = new Set(value);

  const toggle = (v: V) => onChange(selected.has(v) ? value.filter((x) => x !== v) : [...value, v]);
  const move = (to: number) => {
    const n = options.length;
    const next = ((to % n) + n) % n;
    setActive(next);
    inputs.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
    const current = inputs.current.indexOf(event.target as HTMLInputElement);
    if (current < 0) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowDown: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      ArrowUp: () => move(current - 1),
      Home: () => move(0),
      End: () => move(options.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
      return;
    }
    const index = (CHIP_KEYS as readonly string[]).indexOf(event.key);
    const option = options[index];
    if (option) {
      event.preventDefault();
      toggle(option.value);
      move(index);
    }
  };

  const hintText = [hint, keysHint].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`field chip-field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy(id, hintText, error)}
    >
      <Legend legend={legend} required={required ?? false} requiredLabel={requiredLabel ?? ''} />
      {hintText ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
          {keysHint ? <span className="keys-hint"> {keysHint}</span> : null}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys are handled for the checkboxes inside */}
      <div className="chip-options" onKeyDown={onKeyDown}>
        {options.map((o, i) => {
          const key = CHIP_KEYS[i];
          return (
            <label key={o.value} className="chip-option">
              <input
                ref={(el) => {
                  inputs.current[i] = el;
                  if (i === active && focusRef) {
                    if (typeof focusRef === 'function') focusRef(el);
                    else (focusRef as { current: HTMLInputElement | null }).current = el;
                  }
                }}
                type="checkbox"
                value={o.value}
                checked={selected.has(o.value)}
                tabIndex={i === active ? 0 : -1}
                aria-keyshortcuts={key}
                aria-invalid={error ? true : undefined}
                onChange={() => toggle(o.value)}
                onFocus={() => setActive(i)}
                onBlur={onBlur}
              />
              {key ? (
                <span className="chip-key" aria-hidden="true">
                  {key}
                </span>
              ) : null}
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
