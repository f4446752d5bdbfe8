import { type PersonalDataKind, personalDataKinds } from '@tsunagari/shared';
import type { TFunction } from 'i18next';
import { translateMessage } from '../../../lib/validation.ts';

/** The error type a field gets when the API (or the guard) found contact details in it. */
export const PERSONAL_DATA = 'personal_data';

/** Messages of the consultation schemas and API, in the reader's language. */
const KNOWN: Record<string, string> = {
  'must not be in the future': 'consultations.form.errors.future',
  'must not be before 2000': 'consultations.form.errors.tooEarly',
  'must be another window than the one she consulted': 'consultations.form.errors.sameWindow',
  'no consultation window with this id': 'consultations.form.errors.unknownWindow',
  'letters, digits and inner hyphens, at most 24, e.g. OTR-FUK': 'consultations.form.errors.cardCode',
  'each topic at most once': 'validation.invalid',
  'no control characters': 'validation.invalid',
  'no control characters except line breaks': 'validation.invalid',
};

/** "電話番号、メールアドレス": the kinds in words, in the reader's language. */
export function kindNames(t: TFunction, kinds: readonly PersonalDataKind[]): string {
  return kinds.map((k) => t(`consultations.personalData.${k}`)).join(t('punctuation.list'));
}

/** The refusal of a field that carries contact details, naming what was found (never repeating it). */
export function personalDataText(t: TFunction, text: string): string {
  const kinds = personalDataKinds(text);
  return kinds.length > 0
    ? t('consultations.form.errors.personalData', { kinds: kindNames(t, kinds) })
    : t('consultations.form.errors.personalDataGeneric');
}

export function consultationMessage(
  t: TFunction,
  error: { message?: string | undefined; type?: unknown } | undefined,
  fieldText?: string,
): string | undefined {
  if (!error) return undefined;
  if (error.type === PERSONAL_DATA) return personalDataText(t, fieldText ?? '');
  const known = error.message ? KNOWN[error.message] : undefined;
  if (known) return t(known as 'validation.invalid');
  return translateMessage(t, error.message, error.type === 'server');
}
