import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed or which filter was read; never the content of a consultation. */
  details?: Record<string, unknown> | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Writes one audit entry for the caller; pass the transaction that makes the change. */
    audit(entry: AuditInput, tx?: DbOrTx): Promise<void>;
  }
}

export default fp(async function audit(app: FastifyInstance) {
  app.decorateRequest('audit', async function (this, entry: AuditInput, tx?: DbOrTx) {
    const p = this.principal;
    await (tx ?? app.db).insert(auditLog).values({
      actorType: p?.kind ?? 'anonymous',
      actorId: p?.id ?? null,
      actorLabel: p?.label ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      requestId: this.id,
      details: entry.details ?? null,
    });
  });
});
