import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per Idempotency-Key and caller: written in the same transaction as the change it
 * guards, so a concurrent duplicate waits on the primary key and then replays the stored answer.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** `user:<id>` or `api_key:<id>`: keys of different callers never meet. */
    principal: text().notNull(),
    key: text().notNull(),
    /** e.g. `POST /api/v1/distributions`: a key names one request, not one per route. */
    methodPath: text().notNull(),
    /** SHA-256 of the canonical JSON of the validated body. */
    requestHash: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index().on(t.createdAt)],
);
