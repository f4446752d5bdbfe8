import type { Role } from '@tsunagari/shared';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { organisations } from './organisations.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text().notNull().unique(),
    displayName: text().notNull(),
    role: text().$type<Role>().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    passwordHash: text().notNull(),
    disabled: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [index().on(t.organisationId)],
);

/** Sign-in sessions live in PostgreSQL so that any replica can serve any request. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a leaked table does not leak sessions. */
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);
