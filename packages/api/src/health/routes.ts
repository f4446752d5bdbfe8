import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERSION } from '../lib/version.ts';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unavailable']),
    databaseKind: z.enum(['postgres', 'pglite']),
    version: z.string(),
  })
  .meta({ id: 'Health' });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Whether the API and its database answer',
        response: { 200: Health, 503: Health.describe('The database does not answer') },
      },
    },
    async (_request, reply) => {
      const ok = await app.database.ping();
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: ok ? ('ok' as const) : ('unavailable' as const),
        databaseKind: app.database.kind,
        version: VERSION,
      };
      return reply.code(ok ? 200 : 503).send(body);
    },
  );
};

export default routes;
