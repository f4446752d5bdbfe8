import { randomUUID } from 'node:crypto';
import {
  asksForIdentity,
  mask,
  type Question,
  type QuestionInputParsed,
  SCALE5_DEFAULT_LABELS,
  type SurveyAnswerValue,
  type SurveyContext,
  tokyoInstant,
  validateAnswers,
  YES_NO_DEFAULT_LABELS,
} from '@tsunagari/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { consultationWindows, distributionPoints, trainingEvents, trainingRegistrations } from '../db/schema/index.ts';
import { HttpProblem } from '../lib/problem.ts';
import { sha256 } from '../lib/tokens.ts';
import type { NewResponse, QuestionRow, SurveyRow } from './repository.ts';

const invalid = (errors: { path: string; message: string }[], detail = 'The request does not match the schema') =>
  new HttpProblem(400, 'validation_failed', detail, errors);

// ---------------------------------------------------------------------------------------------
// Context

async function trainingEventExists(db: DbOrTx, id: string): Promise<boolean> {
  const [found] = await db.select({ id: trainingEvents.id }).from(trainingEvents).where(eq(trainingEvents.id, id));
  return Boolean(found);
}

/** Every id a context names must exist; 422 naming the field otherwise. */
export async function checkContext(db: DbOrTx, context: SurveyContext | undefined, prefix = 'body.context') {
  if (!context) return;
  if (context.kind === 'distribution') {
    const found = await db
      .select({ id: distributionPoints.id })
      .from(distributionPoints)
      .where(inArray(distributionPoints.id, context.distributionPointIds));
    const known = new Set(found.map((p) => p.id));
    const errors = context.distributionPointIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !known.has(id))
      .map(({ i }) => ({ path: `${prefix}.distributionPointIds.${i}`, message: 'no distribution point with this id' }));
    if (errors.length > 0) {
      throw new HttpProblem(422, 'unknown_distribution_point', 'A distribution point does not exist', errors);
    }
  }
  if (context.kind === 'consultation_window') {
    const [found] = await db
      .select({ id: consultationWindows.id })
      .from(consultationWindows)
      .where(eq(consultationWindows.id, context.consultationWindowId));
    if (!found) {
      throw new HttpProblem(422, 'unknown_window', 'The consultation window does not exist', [
        { path: `${prefix}.consultationWindowId`, message: 'no consultation window with this id' },
      ]);
    }
  }
  if (context.kind === 'training_event' && !(await trainingEventExists(db, context.trainingEventId))) {
    throw new HttpProblem(422, 'unknown_training_event', 'The training event does not exist', [
      { path: `${prefix}.trainingEventId`, message: 'no training event with this id' },
    ]);
  }
}

// ---------------------------------------------------------------------------------------------
// Questions

/** Free-text and number questions may not ask who she is (a name, an address, a phone …). */
function checkNoIdentityQuestions(questions: QuestionInputParsed[], prefix: string) {
  const errors = questions
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => (q.kind === 'free_text' || q.kind === 'number') && asksForIdentity(`${q.text} ${q.help ?? ''}`))
    .map(({ i }) => ({
      path: `${prefix}.${i}.text`,
      message: 'asks for identity or contact details (氏名, 住所, 電話, メール …); answers are anonymous',
    }));
  if (errors.length > 0) {
    throw new HttpProblem(
      422,
      'identity_question',
      'A survey may not ask for names, addresses, phone numbers, e-mail addresses or other identifiers',
      errors,
    );
  }
}

/** The options a question is stored with, defaults filled in (a scale's top two count as satisfied). */
function optionsOf(q: QuestionInputParsed, current: Question | undefined) {
  // A kept scale or yes/no keeps its option ids by value, so editing a label is not a new option.
  const sameKind = current && current.kind === q.kind ? current : undefined;
  const byValue = (value: number) => sameKind?.options.find((o) => o.value === value)?.id;
  switch (q.kind) {
    case 'scale5': {
      const given = q.options;
      return [1, 2, 3, 4, 5].map((value, i) => {
        const o = given?.[i];
        return {
          id: o?.id ?? byValue(value) ?? randomUUID(),
          label: o?.label ?? (SCALE5_DEFAULT_LABELS[i] as string),
          value,
          countsAsSatisfied: o?.countsAsSatisfied ?? value >= 4,
          countsAsPositive: o?.countsAsPositive ?? false,
        };
      });
    }
    case 'yes_no': {
      return [1, 0].map((value, i) => {
        const o = q.options?.[i];
        return {
          id: o?.id ?? byValue(value) ?? randomUUID(),
          label: o?.label ?? (YES_NO_DEFAULT_LABELS[i] as string),
          value,
          countsAsSatisfied: o?.countsAsSatisfied ?? false,
          countsAsPositive: o?.countsAsPositive ?? false,
        };
      });
    }
    case 'single_choice':
    case 'multiple_choice':
      return q.options.map((o) => ({
        id: o.id ?? randomUUID(),
        label: o.label,
        value: null,
        countsAsSatisfied: o.countsAsSatisfied,
        countsAsPositive: o.countsAsPositive,
      }));
    default:
      return [];
  }
}

function rowOf(q: QuestionInputParsed, current: Question | undefined): QuestionRow {
  return {
    id: q.id ?? randomUUID(),
    key: current?.key ?? randomUUID(),
    kind: q.kind,
    text: q.text,
    help: q.help,
    required: q.required,
    maxChoices: q.kind === 'multiple_choice' ? q.maxChoices : null,
    minValue: q.kind === 'number' ? q.min : null,
    maxValue: q.kind === 'number' ? q.max : null,
    integer: q.kind === 'number' ? q.integer : null,
    maxLength: q.kind === 'free_text' ? q.maxLength : null,
    options: optionsOf(q, current),
  };
}

/**
 * Whether stored answers would mean something else under the new list. Only the wording
 * (question text, help, option labels) and the order of questions and options may change
 * without that; everything else does: a question or option added or removed, a kind, required,
 * a limit (maxChoices, min, max, integer, maxLength), an option's value or its satisfied or
 * positive flag.
 */
export function changesMeaning(current: Question[], next: QuestionRow[]): boolean {
  if (current.length !== next.length) return true;
  const byId = new Map(current.map((q) => [q.id, q]));
  return next.some((n) => {
    const c = byId.get(n.id);
    if (!c) return true;
    if (
      c.kind !== n.kind ||
      c.required !== n.required ||
      c.maxChoices !== n.maxChoices ||
      c.min !== n.minValue ||
      c.max !== n.maxValue ||
      c.integer !== n.integer ||
      c.maxLength !== n.maxLength ||
      c.options.length !== n.options.length
    ) {
      return true;
    }
    const options = new Map(c.options.map((o) => [o.id, o]));
    return n.options.some((o) => {
      const co = options.get(o.id);
      return (
        !co ||
        co.value !== o.value ||
        co.countsAsSatisfied !== o.countsAsSatisfied ||
        co.countsAsPositive !== o.countsAsPositive
      );
    });
  });
}

/**
 * The question rows for an input list, checked against the current version: an id must name a
 * question of the current version, an option id an option of that question.
 */
export function prepareQuestions(
  input: QuestionInputParsed[],
  current: Question[],
  prefix = 'body.questions',
): QuestionRow[] {
  checkNoIdentityQuestions(input, prefix);
  const byId = new Map(current.map((q) => [q.id, q]));
  const errors: { path: string; message: string }[] = [];
  const optionIds = new Set<string>();
  input.forEach((q, i) => {
    if (q.id && !byId.has(q.id)) errors.push({ path: `${prefix}.${i}.id`, message: 'not a question of this survey' });
    const known = q.id ? byId.get(q.id) : undefined;
    ('options' in q ? (q.options ?? []) : []).forEach((o, j) => {
      if (!o.id) return;
      if (!known?.options.some((k) => k.id === o.id)) {
        errors.push({ path: `${prefix}.${i}.options.${j}.id`, message: 'not an option of this question' });
      } else if (optionIds.has(o.id)) {
        errors.push({ path: `${prefix}.${i}.options.${j}.id`, message: 'each option at most once' });
      }
      optionIds.add(o.id);
    });
  });
  if (errors.length > 0) throw invalid(errors);
  return input.map((q) => rowOf(q, q.id ? byId.get(q.id) : undefined));
}

/** The same questions with new ids (for a new version), keeping each question's key. */
export function renumber(rows: QuestionRow[]): QuestionRow[] {
  return rows.map((q) => ({ ...q, id: randomUUID(), options: q.options.map((o) => ({ ...o, id: randomUUID() })) }));
}

// ---------------------------------------------------------------------------------------------
// Answers

/**
 * Answers checked against the version's questions (400 with one error per question), free text
 * with detected contact details masked (kept, not refused: the rest of what she wrote matters).
 */
export function prepareAnswers(
  questions: Question[],
  answers: Record<string, SurveyAnswerValue | undefined>,
): { answers: NewResponse['answers']; masked: string[] } {
  const checked = validateAnswers(questions, answers);
  if (checked.errors.length > 0) {
    throw invalid(checked.errors, 'Some answers do not fit the questions');
  }
  const masked: string[] = [];
  const out = checked.answers.map((a): NewResponse['answers'][number] => {
    switch (a.kind) {
      case 'option':
        return { questionId: a.questionId, optionId: a.optionId };
      case 'options':
        return { questionId: a.questionId, optionIds: a.optionIds };
      case 'number':
        return { questionId: a.questionId, numberValue: a.value };
      default: {
        const textValue = mask(a.text);
        if (textValue !== a.text) masked.push(a.questionId);
        return { questionId: a.questionId, textValue };
      }
    }
  });
  return { answers: out, masked };
}

// ---------------------------------------------------------------------------------------------
// Codes (one answer per ticket or card)

/** A numbered hand-out card: the point's card code, a hyphen and the card's serial. */
const CARD_SERIAL = /^-[A-Z0-9]{1,12}$/;

export function normaliseCode(kind: 'ticket' | 'card_code', code: string): string {
  const n = code.normalize('NFKC').trim();
  return kind === 'card_code' ? n.toUpperCase() : n;
}

/** Salted with the survey, so the same code hashes differently in two surveys. */
export const codeHash = (surveyId: string, normalised: string) => sha256(`survey:${surveyId}:${normalised}`);

/** The survey point a numbered card belongs to, or null. */
export function pointOfCard(points: { id: string; cardCode: string }[], code: string) {
  const matches = points
    .filter((p) => code.startsWith(p.cardCode) && CARD_SERIAL.test(code.slice(p.cardCode.length)))
    .sort((a, b) => b.cardCode.length - a.cardCode.length);
  return matches[0] ?? null;
}

/** Whether the ticket is one of the training event's registrations (a cancelled one included). */
export async function ticketBelongsToEvent(db: DbOrTx, eventId: string, ticket: string): Promise<boolean> {
  const [found] = await db
    .select({ id: trainingRegistrations.id })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.eventId, eventId), eq(trainingRegistrations.ticketToken, ticket)));
  return Boolean(found);
}

// ---------------------------------------------------------------------------------------------
// Paper dates

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00+09:00');

/** A paper form's date (noon in Asia/Tokyo) or time; never in the future. */
export function paperSubmittedAt(value: string | undefined, now = new Date()): Date {
  if (!value) return now;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? tokyoInstant(value, '12:00') : new Date(value);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalid([{ path: 'body.submittedAt', message: 'must not be in the future' }]);
  }
  if (at.getTime() < EARLIEST) throw invalid([{ path: 'body.submittedAt', message: 'must not be before 2000' }]);
  return at;
}

export type { SurveyRow };
