import {
  IdParams,
  PublicConsultationWindow,
  PublicDirectory,
  PublicDirectoryQuery,
  PublicWindowQuery,
  tokyoParts,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getWindow, listDirectory, toPublicConsultationWindow } from '../consultation-windows/repository.ts';
import { problems } from '../lib/openapi.ts';
import { notFound } from '../lib/problem.ts';

/**
 * "Open now" goes stale within minutes, and the directory is read from phones over slow links:
 * a minute of caching (also by shared caches; nothing here depends on who asks) is the trade-off.
 */
const CACHE_CONTROL = 'public, max-age=60';

const TAGS = ['public'];

/**
 * The public directory: what anyone (and any API key) may read without signing in. It reads the
 * consultation-window tables through that feature's repository, which owns the public mapping.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/consultation-windows',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The public directory of windows that have not ended, with "open now" and the next opening',
        description:
          'Windows running now and those announced to start later, by name. `card` (the code on a guidance ' +
          'card) is accepted so that links printed on cards work; it is not recorded.',
        querystring: PublicDirectoryQuery,
        response: { 200: PublicDirectory },
      },
    },
    async (request, reply) => {
      const at = request.query.at ? new Date(request.query.at) : new Date();
      const rows = await listDirectory(app.db, { topic: request.query.topic, date: tokyoParts(at).date });
      reply.header('cache-control', CACHE_CONTROL);
      return { items: rows.map((r) => toPublicConsultationWindow(r, at)), at: at.toISOString() };
    },
  );

  app.get(
    '/consultation-windows/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One window of the public directory, with "open now" and the next opening',
        description: 'Also answers for a window that has ended (a card or bookmark may still point at it).',
        params: IdParams,
        querystring: PublicWindowQuery,
        response: { 200: PublicConsultationWindow, ...problems([404, 'No such window']) },
      },
    },
    async (request, reply) => {
      const row = await getWindow(app.db, request.params.id);
      if (!row) throw notFound('consultation window');
      reply.header('cache-control', CACHE_CONTROL);
      return toPublicConsultationWindow(row, request.query.at ? new Date(request.query.at) : new Date());
    },
  );
};

export default routes;
