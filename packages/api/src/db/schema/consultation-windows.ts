import type { Channel, ScheduleInterval, Topic } from '@tsunagari/shared';
import { boolean, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { organisations } from './organisations.ts';

export const consultationWindows = pgTable(
  'consultation_windows',
  {
    id: id(),
    name: text().notNull(),
    description: text(),
    topics: text().array().$type<Topic[]>().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    place: text().notNull(),
    address: text(),
    phone: text(),
    phoneExtension: text(),
    reservationRequired: boolean().notNull().default(false),
    reservationNote: text(),
    channels: text().array().$type<Channel[]>().notNull(),
    womenOnly: boolean().notNull().default(false),
    isNew: boolean().notNull().default(false),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    closureDates: date({ mode: 'string' }).array().notNull().default([]),
    opensOnHolidays: boolean().notNull().default(false),
    /** Weekly opening intervals (ISO weekday, HH:MM in Asia/Tokyo). */
    schedule: jsonb().$type<ScheduleInterval[]>().notNull(),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [index().on(t.organisationId), index().on(t.name, t.id)],
);
