import type { SurveyAnswerValue } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** What a question needs to be answered: the public form's shape (no satisfied/positive flags). */
export interface AnswerQuestion {
  id: string;
  kind: 'single_choice' | 'multiple_choice' | 'scale5' | 'yes_no' | 'number' | 'free_text';
  text: string;
  help: string | null;
  required: boolean;
  options: { id: string; label: string; value: number | null }[];
  maxChoices: number | null;
  min: number | null;
  max: number | null;
  integer: boolean | null;
  maxLength: number | null;
}

interface QuestionBlockProps {
  question: AnswerQuestion;
  number: number;
  value: SurveyAnswerValue | undefined;
  onChange: (value: SurveyAnswerValue) => void;
  /** Already translated. */
  error?: string | undefined;
  /** Staff typing in paper forms: a digit key picks the nth choice. */
  keyboard?: boolean;
}

/** The value an option stands for in the answer: its id, 1–5 on a scale, true/false on yes/no. */
function optionValue(q: AnswerQuestion, o: AnswerQuestion['options'][number]): SurveyAnswerValue {
  if (q.kind === 'scale5') return o.value;
  if (q.kind === 'yes_no') return o.value === 1;
  return o.id;
}

/** One question as a fieldset with large touch targets; the same block on the phone, in the preview and on paper entry. */
export function QuestionBlock({ question: q, number, value, onChange, error, keyboard }: QuestionBlockProps) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = q.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const chosen = Array.isArray(value) ? value : [];

  const pick = (n: number) => {
    const o = q.options[n - 1];
    if (!o) return;
    if (q.kind === 'multiple_choice') {
      onChange(chosen.includes(o.id) ? chosen.filter((x) => x !== o.id) : [...chosen, o.id]);
    } else onChange(optionValue(q, o));
  };

  const choices = () => {
    if (q.kind === 'scale5') {
      const first = q.options[0];
      const last = q.options[q.options.length - 1];
      return (
        <div className="survey-scale">
          <div className="survey-scale-buttons">
            {q.options.map((o) => (
              <label key={o.id} className="survey-scale-button">
                <input
                  type="radio"
                  name={id}
                  checked={value === o.value}
                  onChange={() => onChange(o.value)}
                  aria-describedby={describedBy}
                />
                <span aria-hidden="true">{o.value}</span>
                <span className="visually-hidden">{`${o.value} ${o.label}`}</span>
              </label>
            ))}
          </div>
          <div className="survey-scale-ends" aria-hidden="true">
            <span>{first ? `1 ${first.label}` : ''}</span>
            <span>{last ? `${last.label} 5` : ''}</span>
          </div>
        </div>
      );
    }
    const multiple = q.kind === 'multiple_choice';
    return (
      <div className="survey-choices">
        {q.options.map((o, i) => {
          const v = optionValue(q, o);
          const checked = multiple ? chosen.includes(o.id) : value === v;
          return (
            <label key={o.id} className={`survey-choice${checked ? ' is-checked' : ''}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                checked={checked}
                onChange={() => pick(i + 1)}
                aria-describedby={describedBy}
              />
              {keyboard ? <span className="survey-key">{i + 1}</span> : null}
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    );
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!keyboard || !/^[1-9]$/.test(event.key)) return;
    if (event.target instanceof HTMLTextAreaElement || (event.target as HTMLInputElement).type === 'number') return;
    event.preventDefault();
    pick(Number(event.key));
  };

  const hint =
    q.kind === 'multiple_choice'
      ? q.maxChoices
        ? t('surveys.answer.maxChoicesHint', { n: q.maxChoices })
        : t('surveys.answer.multipleHint')
      : q.kind === 'number' && (q.min !== null || q.max !== null)
        ? t('surveys.answer.rangeHint', { min: q.min ?? '', max: q.max ?? '' })
        : null;

  return (
    <fieldset
      className={`survey-question${error ? ' is-invalid' : ''}`}
      data-question={q.id}
      onKeyDown={onKeyDown}
      aria-invalid={error ? true : undefined}
    >
      <legend className="survey-question-text">
        <span className="survey-question-number">{t('surveys.answer.questionNumber', { n: number })}</span>
        {q.text}
        {q.required ? <span className="required-tag">{t('surveys.answer.required')}</span> : null}
      </legend>
      {q.help ? (
        <p id={helpId} className="field-hint">
          {q.help}
        </p>
      ) : null}
      {hint ? <p className="field-hint">{hint}</p> : null}
      {q.kind === 'number' ? (
        <input
          className="survey-number"
          type="number"
          inputMode={q.integer ? 'numeric' : 'decimal'}
          step={q.integer ? 1 : 'any'}
          min={q.min ?? undefined}
          max={q.max ?? undefined}
          aria-label={q.text}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      ) : q.kind === 'free_text' ? (
        <textarea
          className="survey-text"
          rows={4}
          aria-label={q.text}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          maxLength={q.maxLength ?? undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        choices()
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
