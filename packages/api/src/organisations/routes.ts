import {
  CreateOrganisation,
  IdParams,
  Organisation,
  OrganisationQuery,
  page,
  UpdateOrganisation,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ADMIN } from '../auth/principal.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { goneOrStale, requireIfMatch, setEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, nameTaken, onViolation, UNIQUE_VIOLATION } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  deleteOrganisation,
  getOrganisation,
  insertOrganisation,
  listOrganisations,
  toOrganisation,
  updateOrganisation,
} from './repository.ts';

const OrganisationPage = page(Organisation, 'OrganisationPage');

const duplicateName = onViolation({
  [UNIQUE_VIOLATION]: nameTaken('An organisation with this name exists already'),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['organisations'],
        summary: 'List organisations by name',
        querystring: OrganisationQuery,
        response: { 200: OrganisationPage },
      },
    },
    async (request) => {
      const { limit, cursor, kind } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const rows = await listOrganisations(app.db, { limit, after, kind });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.name, r.id]);
      return { items: items.map(toOrganisation), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['organisations'],
        summary: 'Read one organisation; the ETag header carries its version',
        params: IdParams,
        response: { 200: Organisation, ...problems([404, 'No such organisation']) },
      },
    },
    async (request, reply) => {
      const row = await getOrganisation(app.db, request.params.id);
      if (!row) throw notFound('organisation');
      setEtag(reply, row.version);
      return toOrganisation(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation',
        body: CreateOrganisation,
        response: { 201: Organisation, ...problems([409, 'The name is taken']) },
      },
    },
    async (request, reply) => {
      const row = await app.db
        .transaction(async (tx) => {
          const created = await insertOrganisation(tx, request.body);
          await request.audit({ action: 'create', entityType: 'organisation', entityId: created.id }, tx);
          return created;
        })
        .catch(duplicateName);
      setEtag(reply, row.version);
      return reply.code(201).send(toOrganisation(row));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['organisations'],
        summary: 'Change an organisation (If-Match required)',
        params: IdParams,
        body: UpdateOrganisation,
        response: {
          200: Organisation,
          ...problems([404, 'No such organisation'], [409, 'The name is taken']),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const row = await app.db
        .transaction(async (tx) => {
          const updated = await updateOrganisation(tx, request.params.id, version, request.body);
          if (!updated) throw goneOrStale(await getOrganisation(tx, request.params.id), 'organisation');
          await request.audit(
            {
              action: 'update',
              entityType: 'organisation',
              entityId: updated.id,
              details: { fields: Object.keys(request.body) },
            },
            tx,
          );
          return updated;
        })
        .catch(duplicateName);
      setEtag(reply, row.version);
      return toOrganisation(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['organisations'],
        summary: 'Delete an organisation that operates nothing and has no users',
        params: IdParams,
        response: { 204: z.null(), ...problems([404, 'No such organisation'], [409, 'Still in use']) },
      },
    },
    async (request, reply) => {
      await app.db
        .transaction(async (tx) => {
          const deleted = await deleteOrganisation(tx, request.params.id);
          if (!deleted) throw notFound('organisation');
          await request.audit({ action: 'delete', entityType: 'organisation', entityId: deleted.id }, tx);
        })
        .catch(
          onViolation({
            [FOREIGN_KEY_VIOLATION]: () =>
              new HttpProblem(409, 'conflict', 'The organisation still has users, windows or keys'),
          }),
        );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
