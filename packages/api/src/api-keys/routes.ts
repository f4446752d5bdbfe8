import { ApiKey, ApiKeyQuery, CreateApiKey, CreatedApiKey, IdParams, page } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ROLES_ADMIN } from '../auth/principal.ts';
import { assertRoleFitsOrganisation } from '../lib/account-rules.ts';
import { decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { getApiKey, insertApiKey, listApiKeys, revokeApiKey, toApiKey } from './repository.ts';

const ApiKeyPage = page(ApiKey, 'ApiKeyPage');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys, newest first (never their secrets)',
        querystring: ApiKeyQuery,
        response: { 200: ApiKeyPage },
      },
    },
    async (request) => {
      const { limit, cursor, organisationId, role, status } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listApiKeys(app.db, { limit, after, organisationId, role, status });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.cursorAt, r.id]);
      return { items: items.map(toApiKey), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['api-keys'],
        summary: 'Read one API key (never its secret)',
        params: IdParams,
        response: { 200: ApiKey, ...problems([404, 'No such API key']) },
      },
    },
    async (request) => {
      const row = await getApiKey(app.db, request.params.id);
      if (!row) throw notFound('API key');
      return toApiKey(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key for one organisation and role; the answer shows the secret, once',
        description:
          'Only the SHA-256 of the key is stored, so the `secret` in this answer cannot be shown again: ' +
          'hand it to the partner now. A lost key is revoked and replaced.',
        body: CreateApiKey,
        response: {
          201: CreatedApiKey,
          ...problems([
            422,
            'The organisation does not exist (code unknown_organisation), or a partner key is for a city department (code partner_organisation_required)',
          ]),
        },
      },
    },
    async (request, reply) => {
      const { row, secret } = await app.db
        .transaction(async (tx) => {
          await assertRoleFitsOrganisation(tx, request.body.role, request.body.organisationId);
          const created = await insertApiKey(tx, {
            ...request.body,
            createdBy: request.principal.kind === 'user' ? request.principal.id : null,
          });
          await request.audit(
            {
              action: 'create',
              entityType: 'api_key',
              entityId: created.row.id,
              details: { name: created.row.name, role: created.row.role, organisationId: created.row.organisationId },
            },
            tx,
          );
          return created;
        })
        .catch((error) => {
          if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) {
            throw new HttpProblem(422, 'unknown_organisation', 'The organisation does not exist', [
              { path: 'body.organisationId', message: 'no organisation with this id' },
            ]);
          }
          throw error;
        });
      return reply.code(201).send({ ...toApiKey(row), secret });
    },
  );

  app.post(
    '/:id/revoke',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key; from now on it gets 401',
        description:
          'The key stays listed with its `revokedAt`, so the audit log can still name it. ' +
          'Revoking a revoked key changes nothing and answers the key as it is.',
        params: IdParams,
        response: { 200: ApiKey, ...problems([404, 'No such API key']) },
      },
    },
    async (request) => {
      const id = request.params.id;
      const row = await app.db.transaction(async (tx) => {
        const revoked = await revokeApiKey(tx, id);
        if (!revoked) return getApiKey(tx, id);
        await request.audit({ action: 'revoke', entityType: 'api_key', entityId: id }, tx);
        return revoked;
      });
      if (!row) throw notFound('API key');
      return toApiKey(row);
    },
  );
};

export default routes;
