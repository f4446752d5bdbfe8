import type { TFunction } from 'i18next';
import { translateMessage } from '../../../lib/validation.ts';

/** Messages written into this feature's shared schemas, mapped to i18n keys. */
const SCHEMA_MESSAGES: Record<string, string> = {
  'a school nurse office needs a schoolLevel': 'distribution.validation.schoolLevel',
  'letters, digits and inner hyphens, at most 24, e.g. OTR-FUK': 'distribution.validation.cardCode',
  'a transfer goes to another point': 'distribution.validation.samePoint',
  'must not be in the future': 'distribution.validation.future',
  'must not be before 2000-01-01': 'distribution.validation.tooOld',
};

/** A field message: this feature's own keys ("distribution.…"), else the shared validation words. */
export function fieldMessage(
  t: TFunction,
  error: { message?: string | undefined; type?: unknown } | undefined,
): string | undefined {
  if (!error) return undefined;
  const message = error.message ? (SCHEMA_MESSAGES[error.message] ?? error.message) : undefined;
  if (message?.startsWith('distribution.')) return t(message as 'distribution.title');
  return translateMessage(t, message, error.type === 'server');
}
