import type { TFunction } from 'i18next';
import type { z } from 'zod';

/*
 * The forms validate with the very schemas the API uses (packages/shared). Their messages are
 * English and meant for API clients, so the form turns each issue into an i18n key instead;
 * the key is translated when it is shown, so switching language also switches the messages.
 * A message is either "validation.<key>" or "validation.<key>:<number>".
 */

/** Messages written into the shared schemas, mapped to their i18n keys. */
const SCHEMA_MESSAGES: Record<string, string> = {
  'closes must be after opens': 'validation.closesAfterOpens',
  'intervals on one weekday must not overlap': 'validation.overlap',
  'validTo must not be before validFrom': 'validation.periodOrder',
  'digits and hyphens, e.g. 0134-32-4111': 'validation.phone',
  'digits only': 'validation.digits',
  'HH:MM (00:00–24:00)': 'validation.time',
};

/** Per-parse zod error map: used where the schema itself says nothing more specific. */
export function issueKey(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return 'validation.chooseOne';
      return 'validation.required';
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `validation.tooMany:${issue.maximum}`;
      return `validation.tooLong:${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'date') return 'validation.date';
      if (issue.format === 'datetime') return 'validation.date';
      // The only ids a form holds come from a list (the organisation picker): nothing chosen yet.
      if (issue.format === 'uuid') return 'validation.choose';
      return 'validation.invalid';
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? 'validation.required'
        : 'validation.invalid';
    case 'invalid_value':
      return 'validation.choose';
    default:
      return 'validation.invalid';
  }
}

export const formErrorMap = (issue: z.core.$ZodRawIssue) => issueKey(issue);

/** A message from a form resolver or from the API's `errors[].message`, in the reader's language. */
export function translateMessage(t: TFunction, message: string | undefined, fromServer = false): string {
  if (!message) return t('validation.invalid');
  const known = SCHEMA_MESSAGES[message];
  if (known) return t(known as 'validation.invalid');
  const match = /^(validation\.[a-zA-Z]+)(?::(\d+))?$/.exec(message);
  if (match) return t(match[1] as 'validation.invalid', { n: match[2] });
  return fromServer ? t('validation.server', { message }) : t('validation.invalid');
}
