import type { TFunction } from 'i18next';
import { translateMessage } from '../../../lib/validation.ts';

/**
 * Messages written into the training schemas (packages/shared/src/training.ts) and into the
 * API's answers, in the reader's language; anything else goes to the app's common translation.
 */
const MESSAGES: [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [/^endsAt must be after startsAt$/, (t) => t('training.validation.endAfterStart')],
  [/^an event lasts at most (\d+) days$/, (t, m) => t('training.validation.tooLongEvent', { n: m[1] })],
  [/^must not be before 2000$/, (t) => t('training.validation.tooEarly')],
  [/^no control characters/, (t) => t('training.validation.controlCharacters')],
  [/^hiragana or katakana only$/, (t) => t('training.validation.kana')],
  [/^not an e-mail address$/, (t) => t('training.validation.email')],
  [/^already registered for this event$/, (t) => t('training.validation.alreadyRegistered')],
  [
    /^this event does not offer (venue|online) participation$/,
    (t, m) => t('training.validation.modeNotOffered', { mode: t(`training.mode.${m[1] as 'venue'}`) }),
  ],
  [/^at least (\d+) \(the confirmed registrations\)$/, (t, m) => t('training.validation.belowConfirmed', { n: m[1] })],
  [
    /^not allowed from (\w+)$/,
    (t, m) => t('training.validation.transition', { from: t(`training.status.${m[1] as 'draft'}`) }),
  ],
  // The CSV import's answers, one per bad row.
  [/^expected one of /, (t) => t('training.validation.affiliationChoice')],
  [/^expected .+ or .+$/, (t) => t('training.validation.modeChoice')],
  [/^the same address as line (\d+)$/, (t, m) => t('training.validation.sameEmailAs', { line: m[1] })],
  [/^column missing \((.*)\)$/, (t, m) => t('training.validation.columnMissing', { names: m[1] })],
  [/^the same column appears twice$/, (t) => t('training.validation.columnTwice')],
  [/^the file is empty$/, (t) => t('training.validation.emptyFile')],
  [/^no rows below the header$/, (t) => t('training.validation.noRows')],
  [/^not readable as CSV/, (t) => t('training.validation.notCsv')],
  [/^at most (\d+) rows per file$/, (t, m) => t('training.validation.tooManyRows', { n: m[1] })],
  [/^Too small: expected string/, (t) => t('validation.required')],
  [/^Too big: expected string to have <=\s*(\d+)/, (t, m) => t('validation.tooLong', { n: m[1] })],
];

export function trainingMessage(t: TFunction, message: string | undefined, fromServer = false): string {
  if (message) {
    for (const [pattern, text] of MESSAGES) {
      const match = pattern.exec(message);
      if (match) return text(t, match);
    }
  }
  return translateMessage(t, message, fromServer);
}

const CONFLICTS = [
  'checked_in',
  'not_confirmed',
  'event_cancelled',
  'registration_cancelled',
  'mode_full',
  'already_registered',
  'registration_closed',
  'ticket_not_found',
  'ticket_for_other_event',
  'contact_details_purged',
] as const;
type Conflict = (typeof CONFLICTS)[number];

/** Why the API refused a change to a registration, in words (a 409's code). */
export function conflictText(t: TFunction, code: string): string {
  return (CONFLICTS as readonly string[]).includes(code)
    ? t(`training.conflict.${code as Conflict}`)
    : t('errors.generic', { code });
}
