import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';

export const AuditEntry = z
  .object({
    id: Uuid,
    at: IsoDateTime,
    actorType: z.enum(['user', 'api_key', 'anonymous', 'system']),
    actorId: Uuid.nullable(),
    actorLabel: z.string().nullable(),
    action: z.string().describe('create | update | delete | sign_in | sign_in_failed | sign_out | revoke | read'),
    entityType: z.string(),
    entityId: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable().describe('Never the content of a consultation'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = ListQuery.extend({
  actorId: Uuid.optional(),
  action: z.string().max(50).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  from: IsoDate.optional().describe('First day (inclusive, Asia/Tokyo)'),
  to: IsoDate.optional().describe('Last day (inclusive, Asia/Tokyo)'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type AuditQuery = z.infer<typeof AuditQuery>;
