import { AuditEntry, AuditQuery, addDaysIso, page, tokyoInstant } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ROLES_ADMIN } from '../auth/principal.ts';
import { decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { listAuditEntries, toAuditEntry } from './repository.ts';

const AuditPage = page(AuditEntry, 'AuditPage');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['audit-log'],
        summary: 'Read the audit log, newest first, filtered by actor, action, entity and days (Asia/Tokyo)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const { limit, cursor, from, to, ...filter } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listAuditEntries(app.db, {
        limit,
        after,
        ...filter,
        since: from ? tokyoInstant(from, '00:00') : undefined,
        until: to ? tokyoInstant(addDaysIso(to, 1), '00:00') : undefined,
      });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.cursorAt, r.id]);
      return { items: items.map(toAuditEntry), nextCursor };
    },
  );
};

export default routes;
