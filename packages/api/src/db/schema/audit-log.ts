import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './common.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorType: text().$type<'user' | 'api_key' | 'anonymous' | 'system'>().notNull(),
    actorId: uuid(),
    actorLabel: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    requestId: text(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    // Ascending: scanned backwards it serves ORDER BY at DESC, id DESC; DESC NULLS LAST would not.
    index().on(t.at, t.id),
    index().on(t.entityType, t.entityId),
    index().on(t.actorId),
  ],
);
