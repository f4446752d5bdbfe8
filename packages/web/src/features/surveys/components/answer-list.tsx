import { type AnswerableQuestion, type SurveyAnswerValue, validateAnswers } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { answerErrorText, questionIdOf } from './answer-messages.ts';
import { type AnswerQuestion, QuestionBlock } from './question-block.tsx';

export type Answers = Record<string, SurveyAnswerValue>;
export type AnswerErrors = Record<string, string>;

interface AnswerListProps {
  questions: readonly AnswerQuestion[];
  answers: Answers;
  errors: AnswerErrors;
  onChange: (questionId: string, value: SurveyAnswerValue) => void;
  keyboard?: boolean;
}

export function AnswerList({ questions, answers, errors, onChange, keyboard }: AnswerListProps) {
  return (
    <div className="survey-questions">
      {questions.map((q, i) => (
        <QuestionBlock
          key={q.id}
          question={q}
          number={i + 1}
          value={answers[q.id]}
          error={errors[q.id]}
          keyboard={keyboard}
          onChange={(value) => onChange(q.id, value)}
        />
      ))}
    </div>
  );
}

/** The same check the API makes, per question, in the reader's language; `{}` when all is well. */
export function checkAnswers(questions: readonly AnswerableQuestion[], answers: Answers, t: TFunction): AnswerErrors {
  return errorsByQuestion(validateAnswers(questions, answers, 'answers').errors, t);
}

export function errorsByQuestion(errors: readonly { path: string; message: string }[], t: TFunction): AnswerErrors {
  const out: AnswerErrors = {};
  for (const e of errors) {
    const id = questionIdOf(e.path);
    if (id && !out[id]) out[id] = answerErrorText(e.message, t);
  }
  return out;
}

/** Moves focus to the first question that needs attention, so a phone scrolls to it. */
export function focusFirstError(errors: AnswerErrors, questions: readonly { id: string }[]) {
  const first = questions.find((q) => errors[q.id]);
  if (!first) return;
  requestAnimationFrame(() => {
    const block = document.querySelector<HTMLElement>(`[data-question="${CSS.escape(first.id)}"]`);
    block?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    block?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  });
}
