import {
  ConsultationWindow,
  ConsultationWindowQuery,
  CreateConsultationWindow,
  IdParams,
  OpeningDays,
  OpeningDaysQuery,
  openingDays,
  page,
  UpdateConsultationWindow,
  Uuid,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ALL, ROLES_STAFF } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { atVersion, goneOrStale, requireIfMatch, setCreated, setEtag, staleEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, onViolation, unknownOrganisation } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  deleteWindow,
  getWindow,
  insertWindow,
  listWindows,
  listWindowsOpenAt,
  toConsultationWindow,
  updateWindow,
} from './repository.ts';

const ConsultationWindowPage = page(ConsultationWindow, 'ConsultationWindowPage');

const TAGS = ['consultation-windows'];

/**
 * DESIGN.md lets a partner read the windows its organisation operates (and everything through the
 * public directory), so a partner's view of this resource is scoped to its organisation; the other
 * roles that may read at all see every window. Null means "no scope".
 */
function readScope(request: FastifyRequest): string | null {
  const p = request.principal;
  if (p.role !== 'partner') return null;
  // A partner without an organisation must see nothing, never everything.
  return p.organisationId ?? '00000000-0000-0000-0000-000000000000';
}

/** A window the caller may read, or 404: another organisation's window is not acknowledged to exist. */
async function readableWindow(db: DbOrTx, request: FastifyRequest, id: string) {
  const row = await getWindow(db, id);
  const scope = readScope(request);
  if (!row || (scope && row.organisationId !== scope)) throw notFound('consultation window');
  return row;
}

/** The (name, id) of the last window of a page; anything else would reach SQL as a bad uuid or a NUL. */
function windowCursor(cursor: string | undefined): [string, string] | null {
  const values = decodeCursor(cursor, 2);
  if (!values) return null;
  const [name, id] = values;
  if (typeof name === 'string' && !name.includes('\u0000') && typeof id === 'string' && Uuid.safeParse(id).success) {
    return [name, id];
  }
  throw new HttpProblem(400, 'validation_failed', 'The cursor is not valid', [
    { path: 'querystring.cursor', message: 'not a cursor from a previous page' },
  ]);
}

// The only foreign key of a window is its operating organisation.
const writeProblem = onViolation({ [FOREIGN_KEY_VIOLATION]: unknownOrganisation });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_ALL },
      schema: {
        tags: TAGS,
        summary: 'List windows by name; partners see the windows their organisation operates',
        description:
          'Filters combine. `openAt` keeps the windows open at that instant (weekday, hours, period, closure ' +
          'dates and national holidays, all in Asia/Tokyo).',
        querystring: ConsultationWindowQuery,
        response: { 200: ConsultationWindowPage },
      },
    },
    async (request) => {
      const { limit, cursor, topic, organisationId, q, openAt } = request.query;
      const after = windowCursor(cursor);
      const scope = readScope(request);
      if (scope && organisationId && organisationId !== scope) return { items: [], nextCursor: null };
      const filter = { topic, q, organisationId: scope ?? organisationId, limit, after };
      const rows = openAt
        ? await listWindowsOpenAt(app.db, { ...filter, instant: new Date(openAt) })
        : await listWindows(app.db, filter);
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.name, r.id]);
      return { items: items.map(toConsultationWindow), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_ALL },
      schema: {
        tags: TAGS,
        summary: 'Read one window; the ETag header carries its version',
        params: IdParams,
        response: { 200: ConsultationWindow, ...problems([404, 'No such window, or not one of your organisation']) },
      },
    },
    async (request, reply) => {
      const row = await readableWindow(app.db, request, request.params.id);
      setEtag(reply, row.version);
      return toConsultationWindow(row);
    },
  );

  app.get(
    '/:id/opening-days',
    {
      config: { access: ROLES_ALL },
      schema: {
        tags: TAGS,
        summary: 'The dates a window opens in a range (at most 400 days), with hours',
        description: 'Applies the weekly schedule, the valid period, closure dates and national holidays.',
        params: IdParams,
        querystring: OpeningDaysQuery,
        response: { 200: OpeningDays, ...problems([404, 'No such window, or not one of your organisation']) },
      },
    },
    async (request) => {
      const row = await readableWindow(app.db, request, request.params.id);
      const { from, to } = request.query;
      const days = openingDays(row, from, to);
      const minutes = days.reduce((sum, d) => sum + d.openMinutes, 0);
      return { windowId: row.id, from, to, days, totalDays: days.length, totalHours: minutes / 60 };
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Create a window',
        body: CreateConsultationWindow,
        response: {
          201: ConsultationWindow,
          ...problems([422, 'The operating organisation does not exist (code unknown_organisation)']),
        },
      },
    },
    async (request, reply) => {
      const row = await app.db
        .transaction(async (tx) => {
          const id = await insertWindow(tx, request.body);
          await request.audit(
            {
              action: 'create',
              entityType: 'consultation_window',
              entityId: id,
              details: { name: request.body.name, organisationId: request.body.organisationId },
            },
            tx,
          );
          return getWindow(tx, id);
        })
        .catch(writeProblem);
      if (!row) throw new Error('created window not found');
      setCreated(request, reply, row);
      return reply.code(201).send(toConsultationWindow(row));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change a window (If-Match required); fields left out stay as they are',
        params: IdParams,
        body: UpdateConsultationWindow,
        response: {
          200: ConsultationWindow,
          ...problems(
            [404, 'No such window'],
            [422, 'The operating organisation does not exist (code unknown_organisation)'],
          ),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const { id } = request.params;
      const patch = request.body;
      const row = await app.db
        .transaction(async (tx) => {
          const current = atVersion(await getWindow(tx, id), version, 'consultation window');
          // An empty patch changes nothing: no new version, nothing to audit.
          if (Object.keys(patch).length === 0) return current;
          // The body alone may be consistent yet contradict what is stored (a new validTo before the old validFrom).
          const validFrom = patch.validFrom ?? current.validFrom;
          const validTo = patch.validTo === undefined ? current.validTo : patch.validTo;
          if (validTo && validTo < validFrom) {
            throw new HttpProblem(400, 'validation_failed', 'The request does not match the schema', [
              {
                path: patch.validTo === undefined ? 'body.validFrom' : 'body.validTo',
                message: 'validTo must not be before validFrom',
              },
            ]);
          }
          const updated = await updateWindow(tx, id, version, patch);
          if (!updated) throw staleEtag();
          await request.audit(
            {
              action: 'update',
              entityType: 'consultation_window',
              entityId: id,
              details: { fields: Object.keys(patch) },
            },
            tx,
          );
          return getWindow(tx, id);
        })
        .catch(writeProblem);
      if (!row) throw notFound('consultation window');
      setEtag(reply, row.version);
      return toConsultationWindow(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a window; an If-Match header, when sent, must name the current version',
        params: IdParams,
        response: {
          204: z.null(),
          ...problems(
            [404, 'No such window'],
            [409, 'Records still refer to the window'],
            [412, 'Stale ETag: reload and try again'],
          ),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = request.headers['if-match'] ? requireIfMatch(request) : undefined;
      await app.db
        .transaction(async (tx) => {
          const deleted = await deleteWindow(tx, id, version);
          if (!deleted) throw goneOrStale(await getWindow(tx, id), 'consultation window');
          await request.audit(
            { action: 'delete', entityType: 'consultation_window', entityId: id, details: { name: deleted.name } },
            tx,
          );
        })
        .catch(
          onViolation({
            [FOREIGN_KEY_VIOLATION]: () =>
              new HttpProblem(409, 'conflict', 'Records (consultations, hand-outs) still refer to this window'),
          }),
        );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
