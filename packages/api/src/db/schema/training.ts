import {
  Affiliations,
  AttendanceModes,
  RegistrationSources,
  RegistrationStatuses,
  TrainingEventStatuses,
} from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** 研修会. Seats are counted from the registrations, never kept in a counter column. */
export const trainingEvents = pgTable(
  'training_events',
  {
    id: id(),
    title: text().notNull(),
    description: text(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    venueName: text(),
    venueAddress: text(),
    venueCapacity: integer().notNull(),
    onlineCapacity: integer().notNull(),
    onlineJoinDetails: text(),
    lecturer: text(),
    intendedAudiences: text().array().$type<(typeof Affiliations)[number][]>().notNull().default(sql`'{}'`),
    status: text().$type<(typeof TrainingEventStatuses)[number]>().notNull(),
    publicRegistrationToken: text().unique(),
    /** Of startsAt, April–March in Asia/Tokyo; written with startsAt. */
    fiscalYear: integer().notNull(),
    contactDetailsPurgedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index().on(t.startsAt, t.id),
    index().on(t.fiscalYear),
    index().on(t.endsAt).where(sql`${t.contactDetailsPurgedAt} is null`),
    check('training_events_capacity', sql`${t.venueCapacity} >= 0 and ${t.onlineCapacity} >= 0`),
    check('training_events_times', sql`${t.endsAt} > ${t.startsAt}`),
    check('training_events_status', sql`${t.status} in (${inList(TrainingEventStatuses)})`),
  ],
);

/**
 * The waitlist order. A sequence (not a timestamp) because writers take their turn under the
 * event's row lock, and a transaction's now() is when it began, not when it got the lock.
 */
export const trainingQueueSeq = pgSequence('training_registration_queue_seq');

export const trainingRegistrations = pgTable(
  'training_registrations',
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => trainingEvents.id, { onDelete: 'cascade' }),
    /** 受付番号: registration order. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    /** Place in the queue of its mode; renewed when the registration changes mode. */
    queueSeq: bigint({ mode: 'number' }).notNull().default(sql`nextval('training_registration_queue_seq')`),
    name: text().notNull(),
    nameKana: text(),
    affiliation: text().$type<(typeof Affiliations)[number]>().notNull(),
    organisationName: text(),
    email: text(),
    /** kanaSearchKey(name + kana): what ?q= is matched against. */
    searchKey: text().notNull().default(''),
    mode: text().$type<(typeof AttendanceModes)[number]>().notNull(),
    status: text().$type<(typeof RegistrationStatuses)[number]>().notNull(),
    source: text().$type<(typeof RegistrationSources)[number]>().notNull(),
    walkIn: boolean().notNull().default(false),
    checkedInAt: timestamp({ withTimezone: true }),
    noShow: boolean().notNull().default(false),
    ticketToken: text().unique(),
    promotedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    contactPurgedAt: timestamp({ withTimezone: true }),
    /** Invented demo rows; never set through the API. */
    madeUp: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index().on(t.eventId, t.mode, t.status, t.queueSeq),
    index().on(t.eventId, t.seq),
    // One live registration per e-mail address and event; purged rows have none.
    uniqueIndex('training_registrations_event_email')
      .on(t.eventId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null and ${t.status} <> 'cancelled'`),
    check('training_registrations_mode', sql`${t.mode} in (${inList(AttendanceModes)})`),
    check('training_registrations_status', sql`${t.status} in (${inList(RegistrationStatuses)})`),
    check('training_registrations_affiliation', sql`${t.affiliation} in (${inList(Affiliations)})`),
    check('training_registrations_source', sql`${t.source} in (${inList(RegistrationSources)})`),
    check(
      'training_registrations_attendance',
      sql`(${t.checkedInAt} is null or ${t.status} = 'confirmed') and not (${t.noShow} and ${t.checkedInAt} is not null)`,
    ),
  ],
);
