import {
  type OneAnswerPerCode,
  type QuestionInput,
  type QuestionKind,
  SCALE5_DEFAULT_LABELS,
  type Survey,
  type SurveyContext,
  type SurveyContextKind,
  type SurveyStatus,
  YES_NO_DEFAULT_LABELS,
} from '@tsunagari/shared';
import type { AnswerQuestion } from './question-block.tsx';

export interface DraftOption {
  id?: string | undefined;
  label: string;
  countsAsSatisfied: boolean;
  countsAsPositive: boolean;
}

export interface DraftQuestion {
  /** Stable React key; the API id (kept questions) is `id`. */
  key: string;
  id?: string | undefined;
  kind: QuestionKind;
  text: string;
  help: string;
  required: boolean;
  options: DraftOption[];
  maxChoices: string;
  min: string;
  max: string;
  integer: boolean;
  maxLength: string;
}

export interface DraftSurvey {
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  oneAnswerPerCode: OneAnswerPerCode;
  /** What the survey is about; each kind keeps its own pick, so switching back and forth loses nothing. */
  contextKind: SurveyContextKind;
  trainingEventId: string;
  distributionPointIds: string[];
  consultationWindowId: string;
}

export const EMPTY_DRAFT: DraftSurvey = {
  title: '',
  description: '',
  opensOn: '',
  closesOn: '',
  oneAnswerPerCode: 'none',
  contextKind: 'none',
  trainingEventId: '',
  distributionPointIds: [],
  consultationWindowId: '',
};

/** The context as the API takes it; an empty pick is left for the shared schema to refuse at its field. */
export function toContext(d: DraftSurvey): SurveyContext {
  switch (d.contextKind) {
    case 'training_event':
      return { kind: 'training_event', trainingEventId: d.trainingEventId };
    case 'distribution':
      return { kind: 'distribution', distributionPointIds: d.distributionPointIds };
    case 'consultation_window':
      return { kind: 'consultation_window', consultationWindowId: d.consultationWindowId };
    default:
      return { kind: 'none' };
  }
}

/** Two contexts name the same thing (points in any order). */
export function sameContext(a: SurveyContext, b: SurveyContext): boolean {
  const key = (c: SurveyContext) =>
    c.kind === 'distribution' ? `${c.kind}:${[...c.distributionPointIds].sort().join(',')}` : JSON.stringify(c);
  return key(a) === key(b);
}

/**
 * The one-answer-per-code rules a context allows (the API's cross-field rule): a ticket needs a
 * training event, a card code needs hand-outs.
 */
export function allowedCodeRules(kind: SurveyContextKind): OneAnswerPerCode[] {
  if (kind === 'training_event') return ['none', 'ticket'];
  if (kind === 'distribution') return ['none', 'card_code'];
  return ['none'];
}

/** Switching the context drops a code rule the new context does not allow. */
export function withContextKind(d: DraftSurvey, kind: SurveyContextKind): DraftSurvey {
  const rule = allowedCodeRules(kind).includes(d.oneAnswerPerCode) ? d.oneAnswerPerCode : 'none';
  return { ...d, contextKind: kind, oneAnswerPerCode: rule };
}

/** The status the survey would have today with these dates (as the API computes it). */
export function draftStatus(d: Pick<DraftSurvey, 'opensOn' | 'closesOn'>, today: string): SurveyStatus {
  if (!d.opensOn || today < d.opensOn) return 'draft';
  if (d.closesOn && today > d.closesOn) return 'closed';
  return 'open';
}

let counter = 0;
const newKey = () => `draft-${++counter}`;

function defaultOptions(kind: QuestionKind): DraftOption[] {
  if (kind === 'scale5') {
    return SCALE5_DEFAULT_LABELS.map((label, i) => ({ label, countsAsSatisfied: i >= 3, countsAsPositive: false }));
  }
  if (kind === 'yes_no') {
    return YES_NO_DEFAULT_LABELS.map((label) => ({ label, countsAsSatisfied: false, countsAsPositive: false }));
  }
  if (kind === 'single_choice' || kind === 'multiple_choice') {
    return ['', ''].map((label) => ({ label, countsAsSatisfied: false, countsAsPositive: false }));
  }
  return [];
}

export function newQuestion(kind: QuestionKind): DraftQuestion {
  return {
    key: newKey(),
    kind,
    text: '',
    help: '',
    required: false,
    options: defaultOptions(kind),
    maxChoices: '',
    min: '',
    max: '',
    integer: true,
    maxLength: '500',
  };
}

/** Changing the kind keeps the text; options are kept between the two choice kinds only. */
export function changeKind(q: DraftQuestion, kind: QuestionKind): DraftQuestion {
  const choice = (k: QuestionKind) => k === 'single_choice' || k === 'multiple_choice';
  return { ...q, kind, options: choice(q.kind) && choice(kind) ? q.options : defaultOptions(kind) };
}

export function draftFromSurvey(s: Survey): { survey: DraftSurvey; questions: DraftQuestion[] } {
  return {
    survey: {
      title: s.title,
      description: s.description ?? '',
      opensOn: s.opensOn ?? '',
      closesOn: s.closesOn ?? '',
      oneAnswerPerCode: s.oneAnswerPerCode,
      contextKind: s.context.kind,
      trainingEventId: s.context.kind === 'training_event' ? s.context.trainingEventId : '',
      distributionPointIds: s.context.kind === 'distribution' ? [...s.context.distributionPointIds] : [],
      consultationWindowId: s.context.kind === 'consultation_window' ? s.context.consultationWindowId : '',
    },
    questions: s.questions.map((q) => ({
      key: newKey(),
      id: q.id,
      kind: q.kind,
      text: q.text,
      help: q.help ?? '',
      required: q.required,
      options: q.options.map((o) => ({
        id: o.id,
        label: o.label,
        countsAsSatisfied: o.countsAsSatisfied,
        countsAsPositive: o.countsAsPositive,
      })),
      maxChoices: q.maxChoices === null ? '' : String(q.maxChoices),
      min: q.min === null ? '' : String(q.min),
      max: q.max === null ? '' : String(q.max),
      integer: q.integer ?? true,
      maxLength: q.maxLength === null ? '500' : String(q.maxLength),
    })),
  };
}

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** The draft as the API takes it; the shared schema checks it before it is sent. */
export function toQuestionInput(q: DraftQuestion): QuestionInput {
  const common = { ...(q.id ? { id: q.id } : {}), text: q.text, help: q.help.trim() || null, required: q.required };
  const options = q.options.map((o) => ({
    ...(o.id ? { id: o.id } : {}),
    label: o.label,
    countsAsSatisfied: o.countsAsSatisfied,
    countsAsPositive: o.countsAsPositive,
  }));
  switch (q.kind) {
    case 'single_choice':
      return { ...common, kind: q.kind, options };
    case 'multiple_choice':
      return { ...common, kind: q.kind, options, maxChoices: num(q.maxChoices) };
    case 'scale5':
      return { ...common, kind: q.kind, options };
    case 'yes_no':
      return { ...common, kind: q.kind, options };
    case 'number':
      return { ...common, kind: q.kind, min: num(q.min), max: num(q.max), integer: q.integer };
    case 'free_text':
      return { ...common, kind: q.kind, maxLength: Number(q.maxLength) || 500 };
  }
}

/** The draft as the phone form will show it (ids made up for questions and options not saved yet). */
export function toPreview(questions: readonly DraftQuestion[]): AnswerQuestion[] {
  return questions.map((q) => ({
    id: q.id ?? q.key,
    kind: q.kind,
    text: q.text || '…',
    help: q.help.trim() || null,
    required: q.required,
    options: q.options.map((o, i) => ({
      id: o.id ?? `${q.key}-${i}`,
      label: o.label || '…',
      value: q.kind === 'scale5' ? i + 1 : q.kind === 'yes_no' ? (i === 0 ? 1 : 0) : null,
    })),
    maxChoices: num(q.maxChoices),
    min: num(q.min),
    max: num(q.max),
    integer: q.integer,
    maxLength: Number(q.maxLength) || null,
  }));
}
