import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { formErrorMap, translateMessage } from '../../../lib/validation.ts';

/**
 * The shared schema's and the API's messages about a metric are English, for API clients; the
 * form says them in the reader's language. Unknown ones fall back to the general translation.
 */
const PATTERNS: [RegExp, (m: RegExpExecArray, t: TFunction) => string][] = [
  [/a percent target is at most 100/, (_m, t) => t('targets.form.errors.percentMax')],
  [/is a share: its unit is percent/, (_m, t) => t('targets.form.errors.shareUnit')],
  [/counts: its unit is people, count or sets/, (_m, t) => t('targets.form.errors.countUnit')],
  [/has no option that counts as satisfied/, (_m, t) => t('targets.form.errors.noSatisfied')],
  [/has no option that counts as positive/, (_m, t) => t('targets.form.errors.noPositive')],
  [/^no such (window|point|training event|survey)/, (_m, t) => t('targets.form.errors.unknownRecord')],
  [/not a question of this survey/, (_m, t) => t('targets.form.errors.notQuestion')],
  [/the event is in fiscal year (\d+)/, (m, t) => t('targets.form.errors.eventYear', { year: m[1] })],
  [/already taken in this fiscal year/, (_m, t) => t('targets.form.errors.labelTaken')],
  [/must be on or after (\d{4}-\d{2}-\d{2})/, (m, t) => t('targets.form.errors.beforeYear', { date: m[1] })],
  [/dated before (\d{4}-\d{2}-\d{2})/, (m, t) => t('targets.form.errors.historyBeforeYear', { date: m[1] })],
];

/** The form's own checks: numbers get words of their own rather than "required". */
export function metricErrorMap(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'number') return 'targets.form.errors.negative';
  if (issue.code === 'too_big' && issue.origin === 'number') return 'targets.form.errors.tooBig';
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'number') {
    return 'targets.form.errors.number';
  }
  return formErrorMap(issue);
}

export function metricMessage(t: TFunction, message: string | undefined, fromServer = false): string {
  if (message?.startsWith('targets.form.errors.')) return t(message as 'targets.form.errors.negative');
  for (const [pattern, say] of PATTERNS) {
    const m = message ? pattern.exec(message) : null;
    if (m) return say(m, t);
  }
  return translateMessage(t, message, fromServer);
}
