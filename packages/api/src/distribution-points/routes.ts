import {
  CreateDistributionPoint,
  DistributionPoint,
  DistributionPointQuery,
  distributionPointIssues,
  IdParams,
  PointStock,
  page,
  type Role,
  UpdateDistributionPoint,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_STAFF } from '../auth/principal.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { atVersion, requireIfMatch, setCreated, setEtag, staleEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, onViolation, UNIQUE_VIOLATION, unknownOrganisation } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { ledgerLevels } from '../stock-movements/repository.ts';
import { partnerScope, readablePoint } from './access.ts';
import { deletePoint, getPoint, insertPoint, listPoints, toDistributionPoint, updatePoint } from './repository.ts';

const DistributionPointPage = page(DistributionPoint, 'DistributionPointPage');
const TAGS = ['distribution-points'];
/** Partners read (and record at) the points their organisation operates; analysts read reports only. */
const ROLES_READ: readonly Role[] = ['admin', 'staff', 'partner'];

/** Maps the constraint errors of a point write to what the client did wrong. */
const writeProblem = onViolation({
  [UNIQUE_VIOLATION]: () =>
    new HttpProblem(409, 'card_code_taken', 'Another point prints this card code', [
      { path: 'body.cardCode', message: 'already taken' },
    ]),
  [FOREIGN_KEY_VIOLATION]: unknownOrganisation,
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'List distribution points by name; partners see the points their organisation operates',
        querystring: DistributionPointQuery,
        response: { 200: DistributionPointPage },
      },
    },
    async (request) => {
      const { limit, cursor, organisationId, ...filter } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const scope = partnerScope(request);
      if (scope && organisationId && organisationId !== scope) return { items: [], nextCursor: null };
      const rows = await listPoints(app.db, { ...filter, organisationId: scope ?? organisationId, limit, after });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.name, r.id]);
      return { items: items.map(toDistributionPoint), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'Read one point; the ETag header carries its version',
        params: IdParams,
        response: { 200: DistributionPoint, ...problems([404, 'No such point, or not one of your organisation']) },
      },
    },
    async (request, reply) => {
      const row = await readablePoint(app.db, request, request.params.id);
      setEtag(reply, row.version);
      return toDistributionPoint(row);
    },
  );

  app.get(
    '/:id/stock',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'Stock levels of one point, summed from the ledger, with minimum levels',
        params: IdParams,
        response: { 200: PointStock, ...problems([404, 'No such point, or not one of your organisation']) },
      },
    },
    async (request) => {
      const point = await readablePoint(app.db, request, request.params.id);
      const levels = await ledgerLevels(app.db, { pointId: point.id });
      return {
        pointId: point.id,
        pointName: point.name,
        items: levels.map(({ pointId: _, ...level }) => level),
      };
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Create a distribution point',
        body: CreateDistributionPoint,
        response: {
          201: DistributionPoint,
          ...problems(
            [409, 'The card code is taken (code card_code_taken)'],
            [422, 'The operating organisation does not exist (code unknown_organisation)'],
          ),
        },
      },
    },
    async (request, reply) => {
      const row = await app.db
        .transaction(async (tx) => {
          const id = await insertPoint(tx, request.body);
          await request.audit(
            {
              action: 'create',
              entityType: 'distribution_point',
              entityId: id,
              details: { name: request.body.name, cardCode: request.body.cardCode },
            },
            tx,
          );
          return getPoint(tx, id);
        })
        .catch(writeProblem);
      if (!row) throw new Error('created point not found');
      setCreated(request, reply, row);
      return reply.code(201).send(toDistributionPoint(row));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change a point (If-Match required); deactivate it by ending its period (validTo)',
        params: IdParams,
        body: UpdateDistributionPoint,
        response: {
          200: DistributionPoint,
          ...problems(
            [404, 'No such point'],
            [409, 'The card code is taken (code card_code_taken)'],
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
          const current = atVersion(await getPoint(tx, id), version, 'distribution point');
          const issues = distributionPointIssues({ ...current, ...patch });
          if (issues.length > 0) {
            throw new HttpProblem(
              400,
              'validation_failed',
              'The change leaves the point inconsistent',
              issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
            );
          }
          if (!(await updatePoint(tx, id, version, patch))) throw staleEtag();
          await request.audit(
            {
              action: 'update',
              entityType: 'distribution_point',
              entityId: id,
              details: { fields: Object.keys(patch) },
            },
            tx,
          );
          return getPoint(tx, id);
        })
        .catch(writeProblem);
      if (!row) throw notFound('distribution point');
      setEtag(reply, row.version);
      return toDistributionPoint(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a point that has never held stock',
        description: 'A point with ledger rows stays (the ledger is never rewritten): end its period instead.',
        params: IdParams,
        response: {
          204: z.null(),
          ...problems([404, 'No such point'], [409, 'The point has stock movements (code point_has_movements)']),
        },
      },
    },
    async (request, reply) => {
      await app.db
        .transaction(async (tx) => {
          const deleted = await deletePoint(tx, request.params.id);
          if (!deleted) throw notFound('distribution point');
          await request.audit({ action: 'delete', entityType: 'distribution_point', entityId: deleted.id }, tx);
        })
        .catch(
          onViolation({
            [FOREIGN_KEY_VIOLATION]: () =>
              new HttpProblem(
                409,
                'point_has_movements',
                'The point has stock movements or hand-outs; end its period (validTo) to deactivate it',
              ),
          }),
        );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
