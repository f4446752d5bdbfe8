import { CreateUser, IdParams, page, UpdateUser, User, UserQuery } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ADMIN } from '../auth/principal.ts';
import { assertRoleFitsOrganisation } from '../lib/account-rules.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { problems } from '../lib/openapi.ts';
import { hashPassword } from '../lib/passwords.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode, UNIQUE_VIOLATION } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  deleteUser,
  deleteUserSessions,
  getUser,
  insertUser,
  listUsers,
  lockActiveAdmins,
  toUser,
  type UserPatch,
  updateUser,
} from './repository.ts';

const UserPage = page(User, 'UserPage');

/** Turns the constraint violations of a create or update into what the client sent wrong. */
function writeConflict(error: unknown): never {
  const code = pgErrorCode(error);
  if (code === UNIQUE_VIOLATION) {
    throw new HttpProblem(409, 'conflict', 'A user with this e-mail address exists already', [
      { path: 'body.email', message: 'already taken' },
    ]);
  }
  if (code === FOREIGN_KEY_VIOLATION) {
    throw new HttpProblem(422, 'unknown_organisation', 'The organisation does not exist', [
      { path: 'body.organisationId', message: 'no organisation with this id' },
    ]);
  }
  throw error;
}

const lastAdmin = () =>
  new HttpProblem(409, 'conflict', 'This is the last enabled admin; make another user admin first');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['users'],
        summary: 'List users by e-mail address',
        querystring: UserQuery,
        response: { 200: UserPage },
      },
    },
    async (request) => {
      const { limit, cursor, role, organisationId } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const rows = await listUsers(app.db, { limit, after, role, organisationId });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.email, r.id]);
      return { items: items.map(toUser), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Read one user; the ETag header carries its version',
        params: IdParams,
        response: { 200: User, ...problems([404, 'No such user']) },
      },
    },
    async (request, reply) => {
      const row = await getUser(app.db, request.params.id);
      if (!row) throw notFound('user');
      setEtag(reply, row.version);
      return toUser(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Create a user with an initial password',
        body: CreateUser,
        response: {
          201: User,
          ...problems(
            [409, 'The e-mail address is taken'],
            [
              422,
              'The organisation does not exist (code unknown_organisation), or a partner is put in a city department (code partner_organisation_required)',
            ],
          ),
        },
      },
    },
    async (request, reply) => {
      const { password, ...rest } = request.body;
      const passwordHash = await hashPassword(password);
      const row = await app.db
        .transaction(async (tx) => {
          await assertRoleFitsOrganisation(tx, rest.role, rest.organisationId);
          const created = await insertUser(tx, { ...rest, passwordHash });
          await request.audit(
            {
              action: 'create',
              entityType: 'user',
              entityId: created.id,
              details: { role: created.role, organisationId: created.organisationId },
            },
            tx,
          );
          return created;
        })
        .catch(writeConflict);
      setEtag(reply, row.version);
      return reply.code(201).send(toUser(row));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Change a user (If-Match required); a new password or disabling ends their sessions',
        params: IdParams,
        body: UpdateUser,
        response: {
          200: User,
          ...problems(
            [404, 'No such user'],
            [409, 'The e-mail address is taken, or this would leave no enabled admin'],
            [412, 'Stale ETag: reload and try again'],
            [
              422,
              'The organisation does not exist (code unknown_organisation), or a partner is put in a city department (code partner_organisation_required)',
            ],
            [428, 'If-Match missing'],
          ),
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const { password, ...rest } = request.body;
      const patch: UserPatch = { ...rest };
      if (password !== undefined) patch.passwordHash = await hashPassword(password);
      const id = request.params.id;
      const row = await app.db
        .transaction(async (tx) => {
          const admins = await lockActiveAdmins(tx);
          const updated = await updateUser(tx, id, version, patch);
          if (!updated) {
            if (!(await getUser(tx, id))) throw notFound('user');
            throw staleEtag();
          }
          // Checked on the row as it now is, but only when this edit touches role or organisation:
          // an older account is not blocked from, say, a password reset.
          if (rest.role !== undefined || rest.organisationId !== undefined) {
            await assertRoleFitsOrganisation(tx, updated.role, updated.organisationId);
          }
          const stillAdmin = updated.role === 'admin' && !updated.disabled;
          if (admins.includes(id) && !stillAdmin && admins.length <= 1) throw lastAdmin();
          if (password !== undefined || rest.disabled === true) {
            // An admin changing their own password stays signed in on this device only.
            const keep = request.principal.id === id && !updated.disabled ? request.principal.sessionId : null;
            await deleteUserSessions(tx, id, keep);
          }
          await request.audit(
            { action: 'update', entityType: 'user', entityId: id, details: { fields: Object.keys(request.body) } },
            tx,
          );
          return updated;
        })
        .catch(writeConflict);
      setEtag(reply, row.version);
      return toUser(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Delete a user that no record refers to (disable the user otherwise)',
        params: IdParams,
        response: {
          204: z.null(),
          ...problems([404, 'No such user'], [409, 'Still referenced by records, or the last enabled admin']),
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      await app.db
        .transaction(async (tx) => {
          const admins = await lockActiveAdmins(tx);
          if (admins.includes(id) && admins.length <= 1) throw lastAdmin();
          const deleted = await deleteUser(tx, id);
          if (!deleted) throw notFound('user');
          await request.audit({ action: 'delete', entityType: 'user', entityId: id }, tx);
        })
        .catch((error) => {
          if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) {
            throw new HttpProblem(409, 'conflict', 'Records still refer to this user; disable the user instead');
          }
          throw error;
        });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
