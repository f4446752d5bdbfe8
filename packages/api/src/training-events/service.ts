/**
 * The seat rules. Every change to an event's registrations runs in one transaction that first
 * locks the event row (SELECT … FOR UPDATE, `lockEvent`), then counts the confirmed
 * registrations of the mode and writes; so two people can never take the last seat, and the
 * waitlist keeps the order in which writers got the lock. Modes (venue, online) are counted
 * apart. The invariant kept here: while an event takes changes, a mode has people waiting only
 * when it is full (`fill` promotes the first waiting whenever a seat frees up).
 */
import {
  type AttendanceMode,
  AttendanceModeLabels,
  kanaSearchKey,
  type RegistrationSource,
  type TrainingRegistrationInput,
} from '@tsunagari/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { trainingRegistrations } from '../db/schema/index.ts';
import { HttpProblem } from '../lib/problem.ts';
import { randomToken } from '../lib/tokens.ts';
import type { AuditInput } from '../plugins/audit.ts';
import {
  capacityOf,
  countConfirmed,
  type EventRow,
  firstWaiting,
  insertRegistration,
  nextQueueSeq,
  type RegistrationRow,
  setRegistration,
  takenEmails,
} from './repository.ts';

export type Audit = (entry: AuditInput) => Promise<void>;

export const newTicketToken = () => randomToken(24);

export function searchKeyOf(name: string, kana: string | null): string {
  return kanaSearchKey(`${name} ${kana ?? ''}`);
}

export function refuseCancelled(event: EventRow) {
  if (event.status === 'cancelled') {
    throw new HttpProblem(409, 'event_cancelled', 'The event is cancelled; its registrations cannot change');
  }
}

/** A capacity of 0 means the event does not offer that mode. */
export function requireOffered(event: EventRow, mode: AttendanceMode, path: string) {
  if (capacityOf(event, mode) === 0) {
    throw new HttpProblem(422, 'mode_not_offered', `The event has no ${AttendanceModeLabels[mode]} seats`, [
      { path, message: `this event does not offer ${mode} participation` },
    ]);
  }
}

const modeFull = (event: EventRow, mode: AttendanceMode, confirmed: number) =>
  new HttpProblem(
    409,
    'mode_full',
    `All ${capacityOf(event, mode)} ${AttendanceModeLabels[mode]} seats are taken`,
    undefined,
    { mode, capacity: capacityOf(event, mode), confirmed },
  );

/** Seats are handed out only while the event is being prepared or run; not once held or cancelled. */
const fills = (event: EventRow) => event.status !== 'held' && event.status !== 'cancelled';

/** Promotes the first waiting of a mode, in order, into the seats that are free. Returns their ids. */
export async function fill(tx: Tx, event: EventRow, mode: AttendanceMode, audit: Audit): Promise<string[]> {
  if (!fills(event)) return [];
  const free = capacityOf(event, mode) - (await countConfirmed(tx, event.id, mode));
  const waiting = await firstWaiting(tx, event.id, mode, free);
  if (waiting.length === 0) return [];
  const ids = waiting.map((r) => r.id);
  const now = new Date();
  await tx
    .update(trainingRegistrations)
    .set({ status: 'confirmed', promotedAt: now, updatedAt: now, version: sql`${trainingRegistrations.version} + 1` })
    .where(inArray(trainingRegistrations.id, ids));
  for (const id of ids) {
    await audit({ action: 'promote', entityType: 'training_registration', entityId: id, details: { mode } });
  }
  return ids;
}

export async function refuseTakenEmail(tx: Tx, event: EventRow, email: string | null, path: string) {
  if (!email) return;
  if ((await takenEmails(tx, event.id, [email.toLowerCase()])).size > 0) {
    throw new HttpProblem(409, 'already_registered', 'Someone registered for this event with this e-mail already', [
      { path, message: 'already registered for this event' },
    ]);
  }
}

export interface RegisterOptions {
  source: RegistrationSource;
  walkIn?: boolean;
  overrideCapacity?: boolean;
  /** For imports that checked e-mail addresses in bulk already. */
  emailsChecked?: boolean;
}

/** Registers one attendee under the event lock: a seat while the mode has one, else the end of the waitlist. */
export async function register(
  tx: Tx,
  event: EventRow,
  input: TrainingRegistrationInput,
  options: RegisterOptions,
  audit: Audit,
): Promise<RegistrationRow> {
  refuseCancelled(event);
  requireOffered(event, input.mode, 'body.mode');
  if (!options.emailsChecked) await refuseTakenEmail(tx, event, input.email, 'body.email');
  // Normally a no-op; it keeps anyone waiting ahead of a newcomer if a seat was left free.
  await fill(tx, event, input.mode, audit);
  const confirmed = await countConfirmed(tx, event.id, input.mode);
  const hasSeat = confirmed < capacityOf(event, input.mode);
  const walkIn = options.walkIn ?? false;
  if (walkIn && !hasSeat && !options.overrideCapacity) throw modeFull(event, input.mode, confirmed);
  const now = new Date();
  const row = await insertRegistration(tx, {
    eventId: event.id,
    name: input.name,
    nameKana: input.nameKana,
    affiliation: input.affiliation,
    organisationName: input.organisationName,
    email: input.email,
    searchKey: searchKeyOf(input.name, input.nameKana),
    mode: input.mode,
    status: walkIn || hasSeat ? 'confirmed' : 'waitlisted',
    source: walkIn ? 'walk_in' : options.source,
    walkIn,
    checkedInAt: walkIn ? now : null,
    ticketToken: newTicketToken(),
  });
  await audit({
    action: walkIn ? 'walk_in' : 'create',
    entityType: 'training_registration',
    entityId: row.id,
    details: {
      eventId: event.id,
      mode: row.mode,
      status: row.status,
      affiliation: row.affiliation,
      source: row.source,
      ...(walkIn && !hasSeat ? { overCapacity: true } : {}),
    },
  });
  return row;
}

const registrationCancelled = () => new HttpProblem(409, 'registration_cancelled', 'The registration is cancelled');
const checkedIn = () =>
  new HttpProblem(409, 'checked_in', 'The registrant has been checked in; undo the check-in first');

export interface CancelResult {
  row: RegistrationRow;
  /** Who moved up from the waitlist into the freed seat, in queue order (at most one in practice). */
  promotedIds: string[];
}

/** Cancels (idempotently); a freed seat goes to the first waiting in the mode. */
export async function cancelRegistration(
  tx: Tx,
  event: EventRow,
  reg: RegistrationRow,
  audit: Audit,
): Promise<CancelResult> {
  if (reg.status === 'cancelled') return { row: reg, promotedIds: [] };
  refuseCancelled(event);
  if (reg.checkedInAt) throw checkedIn();
  const now = new Date();
  const row = await setRegistration(tx, reg.id, { status: 'cancelled', cancelledAt: now, noShow: false });
  await audit({
    action: 'cancel',
    entityType: 'training_registration',
    entityId: reg.id,
    details: { eventId: event.id, mode: reg.mode, was: reg.status },
  });
  const promotedIds = reg.status === 'confirmed' ? await fill(tx, event, reg.mode, audit) : [];
  return { row: row as RegistrationRow, promotedIds };
}

/** Erases a registration typed by mistake; an attendee who came stays counted. */
export async function removeRegistration(tx: Tx, event: EventRow, reg: RegistrationRow, audit: Audit) {
  if (reg.checkedInAt) throw checkedIn();
  await tx.delete(trainingRegistrations).where(eq(trainingRegistrations.id, reg.id));
  await audit({
    action: 'delete',
    entityType: 'training_registration',
    entityId: reg.id,
    details: { eventId: event.id, mode: reg.mode, was: reg.status },
  });
  if (reg.status === 'confirmed') await fill(tx, event, reg.mode, audit);
}

/**
 * Moves a registration to the other mode as if it registered there now: a confirmed one keeps
 * its seat unless the new mode has one (409 mode_full, nothing changed); a waiting one is
 * confirmed if there is a seat, or joins the end of the new mode's waitlist.
 */
export async function changeMode(
  tx: Tx,
  event: EventRow,
  reg: RegistrationRow,
  mode: AttendanceMode,
  audit: Audit,
): Promise<Partial<typeof trainingRegistrations.$inferInsert>> {
  if (reg.mode === mode) return {};
  if (reg.status === 'cancelled') throw registrationCancelled();
  if (reg.checkedInAt) throw checkedIn();
  requireOffered(event, mode, 'body.mode');
  await fill(tx, event, mode, audit);
  const confirmed = await countConfirmed(tx, event.id, mode);
  const hasSeat = confirmed < capacityOf(event, mode);
  if (reg.status === 'confirmed') {
    if (!hasSeat) throw modeFull(event, mode, confirmed);
    return { mode };
  }
  return hasSeat
    ? { mode, status: 'confirmed', promotedAt: new Date() }
    : { mode, queueSeq: nextQueueSeq as unknown as number };
}

export interface CheckInResult {
  row: RegistrationRow;
  alreadyCheckedIn: boolean;
}

/** Idempotent: a second check-in changes nothing and keeps the first time. */
export async function checkIn(
  tx: Tx,
  event: EventRow,
  reg: RegistrationRow,
  overrideCapacity: boolean,
  audit: Audit,
): Promise<CheckInResult> {
  if (reg.checkedInAt) return { row: reg, alreadyCheckedIn: true };
  refuseCancelled(event);
  if (reg.status === 'cancelled') throw registrationCancelled();
  const now = new Date();
  const patch: Partial<typeof trainingRegistrations.$inferInsert> = { checkedInAt: now, noShow: false };
  if (reg.status === 'waitlisted') {
    if (!overrideCapacity) {
      throw new HttpProblem(
        409,
        'not_confirmed',
        'The registrant is on the waitlist; send overrideCapacity: true to seat them beyond the capacity',
      );
    }
    Object.assign(patch, { status: 'confirmed', promotedAt: now });
  }
  const row = (await setRegistration(tx, reg.id, patch)) as RegistrationRow;
  await audit({
    action: 'check_in',
    entityType: 'training_registration',
    entityId: reg.id,
    details: { eventId: event.id, mode: reg.mode, ...(reg.status === 'waitlisted' ? { overCapacity: true } : {}) },
  });
  return { row, alreadyCheckedIn: false };
}

export async function undoCheckIn(tx: Tx, event: EventRow, reg: RegistrationRow, audit: Audit) {
  if (!reg.checkedInAt) return reg;
  refuseCancelled(event);
  const row = (await setRegistration(tx, reg.id, { checkedInAt: null })) as RegistrationRow;
  await audit({ action: 'undo_check_in', entityType: 'training_registration', entityId: reg.id });
  return row;
}

export async function markNoShow(tx: Tx, event: EventRow, reg: RegistrationRow, noShow: boolean, audit: Audit) {
  if (reg.noShow === noShow) return reg;
  refuseCancelled(event);
  if (noShow) {
    if (reg.checkedInAt) throw checkedIn();
    if (reg.status !== 'confirmed') {
      throw new HttpProblem(409, 'not_confirmed', 'Only a confirmed registrant can be marked as not attending');
    }
  }
  const row = (await setRegistration(tx, reg.id, { noShow })) as RegistrationRow;
  await audit({ action: noShow ? 'no_show' : 'undo_no_show', entityType: 'training_registration', entityId: reg.id });
  return row;
}
