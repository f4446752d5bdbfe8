import {
  type OneAnswerPerCode,
  type QuestionInput,
  type QuestionKind,
  SCALE5_DEFAULT_LABELS,
  type Survey,
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
