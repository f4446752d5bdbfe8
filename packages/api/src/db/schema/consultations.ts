import {
  AgeBands,
  type Channel,
  Channels,
  NOTE_MAX,
  REFERRED_TO_EXTERNAL_MAX,
  ReferralSources,
  type Topic,
  Topics,
} from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { consultationWindows } from './consultation-windows.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One anonymous consultation (相談記録). By design there is no column for a name, an address,
 * a phone number or an e-mail address, and none may ever be added: the programme counts
 * consultations, it never keeps track of a woman.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    windowId: uuid()
      .notNull()
      .references(() => consultationWindows.id),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    channel: text().$type<Channel>().notNull(),
    topics: text().array().$type<Topic[]>().notNull(),
    referralSource: text().$type<(typeof ReferralSources)[number]>().notNull(),
    cardCode: text(),
    ageBand: text().$type<(typeof AgeBands)[number]>(),
    isRepeat: boolean().notNull().default(false),
    referredToWindowId: uuid().references(() => consultationWindows.id),
    referredToExternal: text(),
    followUpNeeded: boolean().notNull().default(false),
    note: text(),
    /** Computed from the window's schedule when the row is written. */
    outsideOpeningHours: boolean().notNull(),
    /** Invented demo rows; never set through the API. */
    madeUp: boolean().notNull().default(false),
    recordedByType: text().$type<'user' | 'api_key' | 'system'>().notNull(),
    recordedById: uuid(),
    recordedByLabel: text(),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index().on(t.occurredAt, t.id),
    index().on(t.windowId, t.occurredAt),
    index().on(t.referredToWindowId),
    index().using('gin', t.topics),
    // A card code traced to its point (the funnel, the results report): matched as upper(card_code).
    index('consultations_card_code_index')
      .on(sql`upper(${t.cardCode})`, t.occurredAt)
      .where(sql`${t.cardCode} is not null`),
    check('consultations_channel_check', sql`${t.channel} in (${inList(Channels)})`),
    check('consultations_topics_check', sql`cardinality(${t.topics}) between 1 and ${sql.raw(String(Topics.length))}`),
    check('consultations_referral_source_check', sql`${t.referralSource} in (${inList(ReferralSources)})`),
    check('consultations_age_band_check', sql`${t.ageBand} is null or ${t.ageBand} in (${inList(AgeBands)})`),
    check('consultations_note_check', sql`char_length(${t.note}) <= ${sql.raw(String(NOTE_MAX))}`),
    check(
      'consultations_referred_to_external_check',
      sql`char_length(${t.referredToExternal}) <= ${sql.raw(String(REFERRED_TO_EXTERNAL_MAX))}`,
    ),
  ],
);
