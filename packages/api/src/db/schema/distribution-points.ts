import type { DistributionPointKind, ScheduleInterval, SchoolLevel } from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { organisations } from './organisations.ts';

export const distributionPoints = pgTable(
  'distribution_points',
  {
    id: id(),
    name: text().notNull(),
    kind: text().$type<DistributionPointKind>().notNull(),
    schoolLevel: text().$type<SchoolLevel>(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    place: text().notNull(),
    /** Upper case; printed on the point's guidance cards. */
    cardCode: text().notNull().unique(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    closureDates: date({ mode: 'string' }).array().notNull().default([]),
    opensOnHolidays: boolean().notNull().default(false),
    /** Weekly opening intervals (ISO weekday, HH:MM in Asia/Tokyo), the same model as the windows. */
    schedule: jsonb().$type<ScheduleInterval[]>().notNull(),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index().on(t.organisationId),
    index().on(t.name, t.id),
    check(
      'distribution_points_school_level',
      sql`(${t.kind} = 'school_nurse_office') = (${t.schoolLevel} IS NOT NULL)`,
    ),
  ],
);
