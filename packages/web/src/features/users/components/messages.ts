import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { formErrorMap, translateMessage } from '../../../lib/validation.ts';

/** Markers the form's own checks put on a field; translated when shown. */
export const EMAIL_INVALID = 'users:emailInvalid';
export const PARTNER_ORGANISATION = 'users:partnerOrganisation';

/** The e-mail format gets its own words; everything else as every form says it. */
export const userErrorMap = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_format' && issue.format === 'email' ? EMAIL_INVALID : formErrorMap(issue);

/**
 * Messages from the shared schemas (packages/shared/src/users.ts) and from the API's answers
 * (users routes, lib/account-rules.ts), in the reader's language.
 */
const MESSAGES: [RegExp, (t: TFunction) => string][] = [
  [/^users:emailInvalid$/, (t) => t('admin.userForm.errors.emailInvalid')],
  [/^users:partnerOrganisation$/, (t) => t('admin.userForm.errors.partnerOrganisation')],
  [/^a partner account needs an organisation outside/, (t) => t('admin.userForm.errors.partnerOrganisation')],
  [/^12文字以上/, (t) => t('admin.userForm.errors.passwordShort')],
  [/^already taken$/, (t) => t('admin.userForm.errors.emailTaken')],
  [/^no organisation with this id$/, (t) => t('validation.unknownOrganisation')],
];

export function userMessage(t: TFunction, message: string | undefined, fromServer = false): string {
  if (message) {
    for (const [pattern, text] of MESSAGES) if (pattern.test(message)) return text(t);
  }
  return translateMessage(t, message, fromServer);
}
