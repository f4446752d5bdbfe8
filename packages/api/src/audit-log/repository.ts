import type { AuditEntry } from '@tsunagari/shared';
import { and, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';

type Row = typeof auditLog.$inferSelect;

export const toAuditEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  actorType: r.actorType,
  actorId: r.actorId,
  actorLabel: r.actorLabel,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  requestId: r.requestId,
  details: r.details,
});

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Inclusive lower bound. */
  since?: Date | undefined;
  /** Exclusive upper bound. */
  until?: Date | undefined;
}

/** Newest first; each row carries `cursorAt`, its time at full precision for the next page. */
export async function listAuditEntries(
  db: DbOrTx,
  opts: { limit: number; after: [string, string] | null } & AuditFilter,
) {
  const after = opts.after;
  return db
    .select({ ...getTableColumns(auditLog), cursorAt: sql<string>`${auditLog.at}::text` })
    .from(auditLog)
    .where(
      and(
        after ? sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        opts.actorId ? eq(auditLog.actorId, opts.actorId) : undefined,
        opts.action ? eq(auditLog.action, opts.action) : undefined,
        opts.entityType ? eq(auditLog.entityType, opts.entityType) : undefined,
        opts.entityId ? eq(auditLog.entityId, opts.entityId) : undefined,
        opts.since ? gte(auditLog.at, opts.since) : undefined,
        opts.until ? lt(auditLog.at, opts.until) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(opts.limit + 1);
}
