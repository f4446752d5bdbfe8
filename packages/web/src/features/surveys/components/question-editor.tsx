import { asksForIdentity, type QuestionKind, QuestionKinds } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeKind, type DraftOption, type DraftQuestion } from './builder-model.ts';

interface QuestionEditorProps {
  question: DraftQuestion;
  index: number;
  count: number;
  /** Translated messages by field (`text`, `options`, `max`, …) for this question. */
  errors: Record<string, string>;
  onChange: (q: DraftQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function QuestionEditor({ question: q, index, count, errors, onChange, onMove, onRemove }: QuestionEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const n = index + 1;
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...q, ...patch });
  const setOption = (i: number, patch: Partial<DraftOption>) =>
    set({ options: q.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
  const identity = asksForIdentity(q.text) || asksForIdentity(q.help);
  const error = (field: string) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <section className="survey-builder-question" aria-labelledby={`${id}-title`}>
      <div className="survey-builder-head">
        <h3 id={`${id}-title`}>{t('surveys.builder.questionN', { n })}</h3>
        <div>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={index === 0}
            aria-label={t('surveys.builder.moveUp', { n })}
            onClick={() => onMove(-1)}
          >
            ↑ {t('surveys.builder.up')}
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={index === count - 1}
            aria-label={t('surveys.builder.moveDown', { n })}
            onClick={() => onMove(1)}
          >
            ↓ {t('surveys.builder.down')}
          </button>
          <button
            type="button"
            className="button button-danger-quiet button-small"
            aria-label={t('surveys.builder.removeQuestion', { n })}
            onClick={onRemove}
          >
            {t('surveys.builder.remove')}
          </button>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            {t('surveys.builder.kind')}
          </label>
          <select
            id={`${id}-kind`}
            value={q.kind}
            onChange={(e) => onChange(changeKind(q, e.target.value as QuestionKind))}
          >
            {QuestionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`surveys.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
          {t('surveys.builder.required')}
        </label>
      </div>
      <div className={`field${errors.text ? ' field-invalid' : ''}`}>
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('surveys.builder.text')}
        </label>
        <input
          id={`${id}-text`}
          type="text"
          value={q.text}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? `${id}-text-error` : undefined}
          onChange={(e) => set({ text: e.target.value })}
        />
        {error('text')}
      </div>
      {identity ? (
        <p className="alert alert-warning" role="status">
          {t('surveys.builder.identityWarning')}
        </p>
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-help`}>
          {t('surveys.builder.help')}
        </label>
        <input id={`${id}-help`} type="text" value={q.help} onChange={(e) => set({ help: e.target.value })} />
      </div>
      {q.options.length > 0 ? (
        <fieldset className="form-section">
          <legend className="field-label">{t('surveys.builder.options')}</legend>
          {q.kind === 'scale5' ? <p className="field-hint">{t('surveys.builder.scaleHint')}</p> : null}
          {q.options.map((o, i) => (
            <div className="survey-option-row" key={i}>
              <input
                type="text"
                aria-label={
                  q.kind === 'scale5'
                    ? t('surveys.builder.scaleLabel', { n: i + 1 })
                    : t('surveys.builder.option', { n: i + 1 })
                }
                value={o.label}
                onChange={(e) => setOption(i, { label: e.target.value })}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={o.countsAsSatisfied}
                  onChange={(e) => setOption(i, { countsAsSatisfied: e.target.checked })}
                />
                {t('surveys.builder.satisfied')}
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={o.countsAsPositive}
                  onChange={(e) => setOption(i, { countsAsPositive: e.target.checked })}
                />
                {t('surveys.builder.positive')}
              </label>
              {choice && q.options.length > 2 ? (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={t('surveys.builder.removeOption', { n: i + 1 })}
                  onClick={() => set({ options: q.options.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              ) : null}
            </div>
          ))}
          {error('options')}
          {choice ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() =>
                set({ options: [...q.options, { label: '', countsAsSatisfied: false, countsAsPositive: false }] })
              }
            >
              + {t('surveys.builder.addOption')}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      {q.kind === 'multiple_choice' ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-maxc`}>
            {t('surveys.builder.maxChoices')}
          </label>
          <input
            id={`${id}-maxc`}
            type="number"
            min={1}
            value={q.maxChoices}
            onChange={(e) => set({ maxChoices: e.target.value })}
          />
          {error('maxChoices')}
        </div>
      ) : null}
      {q.kind === 'number' ? (
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-min`}>
              {t('surveys.builder.min')}
            </label>
            <input id={`${id}-min`} type="number" value={q.min} onChange={(e) => set({ min: e.target.value })} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-max`}>
              {t('surveys.builder.max')}
            </label>
            <input id={`${id}-max`} type="number" value={q.max} onChange={(e) => set({ max: e.target.value })} />
            {error('max')}
          </div>
          <label className="check">
            <input type="checkbox" checked={q.integer} onChange={(e) => set({ integer: e.target.checked })} />
            {t('surveys.builder.integer')}
          </label>
        </div>
      ) : null}
      {q.kind === 'free_text' ? (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-maxl`}>
            {t('surveys.builder.maxLength')}
          </label>
          <input
            id={`${id}-maxl`}
            type="number"
            min={1}
            max={2000}
            value={q.maxLength}
            onChange={(e) => set({ maxLength: e.target.value })}
          />
          {error('maxLength')}
        </div>
      ) : null}
    </section>
  );
}
