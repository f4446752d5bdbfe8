import { type OneAnswerPerCode, OneAnswerPerCodes, type SurveyContextKind } from '@tsunagari/shared';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedCodeRules, type DraftSurvey, withContextKind } from './builder-model.ts';

/** One thing to pick (an event, a point, a window), already in words. */
export interface ContextChoice {
  id: string;
  label: string;
  /** A second line under the label (a date, a place). */
  sub?: string | undefined;
}

/** Points come in groups (city counters, school nurse offices …) that are often chosen together. */
export interface PointGroup {
  key: string;
  label: string;
  points: ContextChoice[];
}

/** A list the page loads from another feature, with its state. */
export interface ChoiceSource<T> {
  items: T[];
  pending: boolean;
  /** Shown instead of the list when it could not be read. */
  failure: ReactNode | null;
  /** "Load older ones", when the list has more pages. */
  more?: { label: string; run: () => void; busy: boolean } | undefined;
}

interface ContextFieldsProps {
  draft: DraftSurvey;
  onChange: (next: DraftSurvey) => void;
  /** Translated messages: context, context.trainingEventId, context.distributionPointIds, context.consultationWindowId, oneAnswerPerCode. */
  errors: Record<string, string>;
  events: ChoiceSource<ContextChoice>;
  points: ChoiceSource<PointGroup>;
  windows: ChoiceSource<ContextChoice>;
  /** Set when the survey already has answers and the context was changed. */
  changedAfterResponses: boolean;
}

const KINDS: readonly SurveyContextKind[] = ['none', 'training_event', 'distribution', 'consultation_window'];

/**
 * What the survey is about (none, a training event, the hand-outs of some points, a window) and
 * whether each ticket or card may answer only once; the rules a context does not allow are shown
 * but cannot be chosen, with the reason next to them.
 */
export function ContextFields({
  draft,
  onChange,
  errors,
  events,
  points,
  windows,
  changedAfterResponses,
}: ContextFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const allowed = allowedCodeRules(draft.contextKind);
  const error = (key: string) =>
    errors[key] ? (
      <p className="field-error" id={`${id}-${key.replace('.', '-')}-error`}>
        {errors[key]}
      </p>
    ) : null;
  const describedBy = (key: string) => (errors[key] ? `${id}-${key.replace('.', '-')}-error` : undefined);

  return (
    <>
      <fieldset
        className={`field survey-context-kinds${errors.context ? ' field-invalid' : ''}`}
        aria-describedby={describedBy('context')}
      >
        <legend className="field-label">{t('surveys.contextForm.kindLegend')}</legend>
        <div className="survey-choice-cards">
          {KINDS.map((kind) => (
            <label key={kind} className={`survey-choice-card${draft.contextKind === kind ? ' is-checked' : ''}`}>
              <input
                className="survey-choice-card-input"
                type="radio"
                name={`${id}-kind`}
                value={kind}
                checked={draft.contextKind === kind}
                // Named by the title alone; the line under it describes it.
                aria-labelledby={`${id}-kind-${kind}`}
                aria-describedby={`${id}-kind-${kind}-text`}
                onChange={() => onChange(withContextKind(draft, kind))}
              />
              <span>
                <span className="survey-choice-card-title" id={`${id}-kind-${kind}`}>
                  {t(`surveys.contextForm.kinds.${kind}.title`)}
                </span>
                <span className="survey-choice-card-text" id={`${id}-kind-${kind}-text`}>
                  {t(`surveys.contextForm.kinds.${kind}.text`)}
                </span>
              </span>
            </label>
          ))}
        </div>
        {error('context')}
      </fieldset>

      {draft.contextKind === 'training_event' ? (
        <SourceState source={events}>
          <div className={`field${errors['context.trainingEventId'] ? ' field-invalid' : ''}`}>
            <label className="field-label" htmlFor={`${id}-event`}>
              {t('surveys.contextForm.event')}
            </label>
            <p className="field-hint" id={`${id}-event-hint`}>
              {t('surveys.contextForm.eventHint')}
            </p>
            <select
              id={`${id}-event`}
              value={draft.trainingEventId}
              aria-invalid={errors['context.trainingEventId'] ? true : undefined}
              aria-describedby={
                [`${id}-event-hint`, describedBy('context.trainingEventId')].filter(Boolean).join(' ') || undefined
              }
              onChange={(e) => onChange({ ...draft, trainingEventId: e.target.value })}
            >
              <option value="">{t('surveys.contextForm.chooseEvent')}</option>
              {events.items.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.sub ? `${e.sub}　${e.label}` : e.label}
                </option>
              ))}
            </select>
            {error('context.trainingEventId')}
            {events.more ? (
              <p>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={events.more.busy}
                  onClick={events.more.run}
                >
                  {events.more.label}
                </button>
              </p>
            ) : null}
          </div>
        </SourceState>
      ) : null}

      {draft.contextKind === 'distribution' ? (
        <SourceState source={points}>
          <PointPicker
            groups={points.items}
            selected={draft.distributionPointIds}
            error={errors['context.distributionPointIds']}
            onChange={(ids) => onChange({ ...draft, distributionPointIds: ids })}
          />
        </SourceState>
      ) : null}

      {draft.contextKind === 'consultation_window' ? (
        <SourceState source={windows}>
          <div className={`field${errors['context.consultationWindowId'] ? ' field-invalid' : ''}`}>
            <label className="field-label" htmlFor={`${id}-window`}>
              {t('surveys.contextForm.window')}
            </label>
            <select
              id={`${id}-window`}
              value={draft.consultationWindowId}
              aria-invalid={errors['context.consultationWindowId'] ? true : undefined}
              aria-describedby={describedBy('context.consultationWindowId')}
              onChange={(e) => onChange({ ...draft, consultationWindowId: e.target.value })}
            >
              <option value="">{t('surveys.contextForm.chooseWindow')}</option>
              {windows.items.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.sub ? `${w.label}（${w.sub}）` : w.label}
                </option>
              ))}
            </select>
            {error('context.consultationWindowId')}
            {windows.more ? (
              <p>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={windows.more.busy}
                  onClick={windows.more.run}
                >
                  {windows.more.label}
                </button>
              </p>
            ) : null}
          </div>
        </SourceState>
      ) : null}

      {changedAfterResponses ? (
        <p className="alert alert-warning" role="status">
          {t('surveys.contextForm.changedAfterResponses')}
        </p>
      ) : null}

      <fieldset
        className={`field${errors.oneAnswerPerCode ? ' field-invalid' : ''}`}
        aria-describedby={describedBy('oneAnswerPerCode')}
      >
        <legend className="field-label">{t('surveys.contextForm.ruleLegend')}</legend>
        <p className="field-hint">{t('surveys.contextForm.ruleHint')}</p>
        <div className="survey-choice-cards survey-choice-cards-stacked">
          {OneAnswerPerCodes.map((rule: OneAnswerPerCode) => {
            const enabled = allowed.includes(rule);
            return (
              <label
                key={rule}
                className={`survey-choice-card${draft.oneAnswerPerCode === rule ? ' is-checked' : ''}${enabled ? '' : ' is-disabled'}`}
              >
                <input
                  className="survey-choice-card-input"
                  type="radio"
                  name={`${id}-rule`}
                  value={rule}
                  checked={draft.oneAnswerPerCode === rule}
                  disabled={!enabled}
                  aria-labelledby={`${id}-rule-${rule}`}
                  aria-describedby={`${id}-rule-${rule}-text${enabled ? '' : ` ${id}-rule-${rule}-why`}`}
                  onChange={() => onChange({ ...draft, oneAnswerPerCode: rule })}
                />
                <span>
                  <span className="survey-choice-card-title" id={`${id}-rule-${rule}`}>
                    {t(`surveys.oneAnswerPerCode.${rule}`)}
                  </span>
                  <span className="survey-choice-card-text" id={`${id}-rule-${rule}-text`}>
                    {t(`surveys.contextForm.rules.${rule}`)}
                  </span>
                  {enabled ? null : (
                    <span className="survey-choice-card-why" id={`${id}-rule-${rule}-why`}>
                      {t(
                        rule === 'ticket'
                          ? 'surveys.contextForm.ticketOnlyEvent'
                          : 'surveys.contextForm.cardOnlyPoints',
                      )}
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </div>
        {error('oneAnswerPerCode')}
      </fieldset>
    </>
  );
}

/** The list while it loads or when it failed; the children once it is there. */
function SourceState<T>({ source, children }: { source: ChoiceSource<T>; children: ReactNode }) {
  const { t } = useTranslation();
  if (source.failure) return <>{source.failure}</>;
  if (source.pending) return <p className="muted">{t('app.loading')}</p>;
  return <>{children}</>;
}

interface PointPickerProps {
  groups: PointGroup[];
  selected: string[];
  error: string | undefined;
  onChange: (ids: string[]) => void;
}

/** Points by kind, with "select all" for every point and for each kind. */
function PointPicker({ groups, selected, error, onChange }: PointPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const chosen = new Set(selected);
  const all = groups.flatMap((g) => g.points.map((p) => p.id));
  // Keeps the order of the list, so the request does not depend on the order of the clicks.
  const set = (next: Set<string>) => onChange(all.filter((p) => next.has(p)));
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const p of ids) {
      if (on) next.add(p);
      else next.delete(p);
    }
    set(next);
  };
  const errorId = `${id}-error`;

  return (
    <fieldset
      className={`field survey-point-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={[`${id}-count`, error ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend className="field-label">{t('surveys.contextForm.points')}</legend>
      <p className="field-hint">{t('surveys.contextForm.pointsHint')}</p>
      <div className="survey-point-toolbar">
        <p id={`${id}-count`} className="survey-point-count" aria-live="polite">
          {t('surveys.contextForm.pointsChosen', { n: selected.length, total: all.length })}
        </p>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={all.length === 0 || selected.length === all.length}
          onClick={() => toggle(all, true)}
        >
          {t('surveys.contextForm.selectAll')}
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={selected.length === 0}
          onClick={() => toggle(all, false)}
        >
          {t('surveys.contextForm.clearAll')}
        </button>
      </div>
      {all.length === 0 ? <p className="muted">{t('surveys.contextForm.noPoints')}</p> : null}
      <div className="survey-point-groups">
        {groups.map((g) => {
          const ids = g.points.map((p) => p.id);
          const every = ids.every((p) => chosen.has(p));
          return (
            <section key={g.key} className="survey-point-group" aria-labelledby={`${id}-${g.key}`}>
              <div className="survey-point-group-head">
                <h3 id={`${id}-${g.key}`}>
                  {g.label}{' '}
                  <span className="muted small">
                    {t('surveys.contextForm.groupCount', {
                      n: ids.filter((p) => chosen.has(p)).length,
                      total: ids.length,
                    })}
                  </span>
                </h3>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={t(every ? 'surveys.contextForm.clearGroupOf' : 'surveys.contextForm.selectGroupOf', {
                    group: g.label,
                  })}
                  onClick={() => toggle(ids, !every)}
                >
                  {t(every ? 'surveys.contextForm.clearGroup' : 'surveys.contextForm.selectGroup')}
                </button>
              </div>
              <div className="checkbox-grid">
                {g.points.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(p.id)}
                      onChange={(e) => toggle([p.id], e.target.checked)}
                    />
                    <span>
                      {p.label}
                      {p.sub ? <span className="survey-point-sub">{p.sub}</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            </section>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
