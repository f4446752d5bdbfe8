import type { TFunction } from 'i18next';

/**
 * The per-question messages of `validateAnswers` (and of the API's 400 answer, which uses the
 * same function) in the reader's language. Unknown messages are shown as they came.
 */
export function answerErrorText(message: string, t: TFunction): string {
  if (message === 'required') return t('surveys.answer.errors.required');
  if (message === 'unknown option' || message.startsWith('expected')) return t('surveys.answer.errors.invalid');
  if (message === 'expected a whole number') return t('surveys.answer.errors.whole');
  let m = /^at most (\d+) choices$/.exec(message);
  if (m) return t('surveys.answer.errors.maxChoices', { n: Number(m[1]) });
  m = /^must be at least (.+)$/.exec(message);
  if (m) return t('surveys.answer.errors.min', { n: m[1] });
  m = /^must be at most (.+)$/.exec(message);
  if (m) return t('surveys.answer.errors.max', { n: m[1] });
  m = /^at most (\d+) characters$/.exec(message);
  if (m) return t('surveys.answer.errors.maxLength', { n: Number(m[1]) });
  if (message.startsWith('no control characters')) return t('surveys.answer.errors.control');
  return message;
}

/** `body.answers.<id>` or `answers.<id>` → the question id; null for errors about the whole form. */
export function questionIdOf(path: string): string | null {
  const m = /(?:^|\.)answers\.([^.]+)$/.exec(path);
  return m ? (m[1] ?? null) : null;
}
