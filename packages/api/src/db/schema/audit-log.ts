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
  (t) => [index().on(t.at.desc(), t.id.desc()), index().on(t.entityType, t.entityId), index().on(t.actorId)],
);
