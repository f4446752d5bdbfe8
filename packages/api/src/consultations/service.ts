import {
  type CreateConsultation,
  isOpenAt,
  PERSONAL_DATA_DETECTED,
  personalDataErrors,
  type UpdateConsultation,
} from '@tsunagari/shared';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { forbidden, HttpProblem } from '../lib/problem.ts';
import { type ConsultationWindowFacts, getWindowForConsultation, type NewConsultationRow } from './repository.ts';

type NewConsultation = z.output<typeof CreateConsultation>;

/** A clock may run a little fast; a consultation further in the future than this is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00+09:00');

const invalid = (path: string, message: string) =>
  new HttpProblem(400, 'validation_failed', 'The request does not match the schema', [{ path, message }]);

function checkTime(occurredAt: string, now: Date): Date {
  const at = new Date(occurredAt);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('body.occurredAt', 'must not be in the future');
  if (at.getTime() < EARLIEST) throw invalid('body.occurredAt', 'must not be before 2000');
  return at;
}

async function existingWindow(db: DbOrTx, id: string, path: string): Promise<ConsultationWindowFacts> {
  const window = await getWindowForConsultation(db, id);
  if (!window) {
    throw new HttpProblem(422, 'unknown_window', 'The consultation window does not exist', [
      { path, message: 'no consultation window with this id' },
    ]);
  }
  return window;
}

/** A partner records only at windows its organisation operates; staff and admins anywhere. */
function checkMayRecordAt(principal: Principal, window: ConsultationWindowFacts) {
  if (principal.role === 'partner' && window.organisationId !== principal.organisationId) {
    throw forbidden('Your organisation does not operate this consultation window');
  }
}

/** Free text that looks like contact details is refused, naming every field, storing nothing. */
function checkNoPersonalData(fields: Record<string, string | null | undefined>) {
  const errors = personalDataErrors(fields);
  if (errors.length > 0) {
    throw new HttpProblem(
      422,
      PERSONAL_DATA_DETECTED,
      'Consultations are anonymous: remove phone numbers, e-mail addresses, postal codes, addresses and individual numbers',
      errors.map(({ path, message }) => ({ path, message })),
    );
  }
}

async function checkReferral(db: DbOrTx, referredToWindowId: string | null | undefined, windowId: string) {
  if (!referredToWindowId) return;
  if (referredToWindowId === windowId) {
    throw invalid('body.referredToWindowId', 'must be another window than the one she consulted');
  }
  await existingWindow(db, referredToWindowId, 'body.referredToWindowId');
}

function recordedBy(principal: Principal) {
  return {
    recordedByType: principal.kind === 'api_key' ? ('api_key' as const) : ('user' as const),
    recordedById: principal.id,
    recordedByLabel: principal.label,
  };
}

/** The row to insert for a new consultation, after every rule; throws the problem otherwise. */
export async function prepareCreate(
  db: DbOrTx,
  principal: Principal,
  input: NewConsultation,
  now = new Date(),
): Promise<NewConsultationRow> {
  const occurredAt = checkTime(input.occurredAt, now);
  const window = await existingWindow(db, input.windowId, 'body.windowId');
  checkMayRecordAt(principal, window);
  await checkReferral(db, input.referredToWindowId, input.windowId);
  checkNoPersonalData({
    note: input.note,
    referredToExternal: input.referredToExternal,
    cardCode: input.cardCode,
  });
  return {
    ...input,
    occurredAt,
    outsideOpeningHours: !isOpenAt(window, occurredAt),
    madeUp: false,
    ...recordedBy(principal),
  };
}

/**
 * The columns to change for a PATCH. The flag is recomputed only when the window or the time
 * changes: a later change of a window's schedule must not rewrite what was true when it was recorded.
 */
export async function preparePatch(
  db: DbOrTx,
  current: { windowId: string; occurredAt: Date; referredToWindowId: string | null },
  patch: UpdateConsultation,
  now = new Date(),
): Promise<Partial<NewConsultationRow>> {
  const { occurredAt: newTime, ...rest } = patch;
  const occurredAt = newTime !== undefined ? checkTime(newTime, now) : current.occurredAt;
  const windowId = patch.windowId ?? current.windowId;
  const moved = newTime !== undefined || (patch.windowId !== undefined && patch.windowId !== current.windowId);
  const window = moved ? await existingWindow(db, windowId, 'body.windowId') : null;
  const referredToWindowId =
    patch.referredToWindowId !== undefined ? patch.referredToWindowId : current.referredToWindowId;
  if (patch.referredToWindowId !== undefined || patch.windowId !== undefined) {
    await checkReferral(db, referredToWindowId, windowId);
  }
  checkNoPersonalData({ note: patch.note, referredToExternal: patch.referredToExternal, cardCode: patch.cardCode });
  return {
    ...rest,
    ...(newTime !== undefined && { occurredAt }),
    ...(window && { outsideOpeningHours: !isOpenAt(window, occurredAt) }),
  };
}
