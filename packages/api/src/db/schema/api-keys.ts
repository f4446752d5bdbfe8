import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './common.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    /** SHA-256 of the secret; the secret itself is shown once and never stored. */
    secretHash: text().notNull(),
    role: text().$type<'partner' | 'analyst' | 'staff'>().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.organisationId)],
);
