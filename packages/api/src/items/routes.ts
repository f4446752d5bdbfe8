import {
  CreateItem,
  IdParams,
  Item,
  ItemMinimum,
  ItemMinimumList,
  ItemMinimumParams,
  ItemQuery,
  page,
  type Role,
  SetItemMinimum,
  UpdateItem,
} from '@tsunagari/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_STAFF } from '../auth/principal.ts';
import { distributionPoints } from '../db/schema/index.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { goneOrStale, requireIfMatch, setCreated, setEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, nameTaken, onViolation, UNIQUE_VIOLATION } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  deleteItem,
  deleteMinimum,
  getItem,
  getMinimum,
  insertItem,
  listItems,
  listMinimums,
  toItem,
  toItemMinimum,
  updateItem,
  upsertMinimum,
} from './repository.ts';

const ItemPage = page(Item, 'ItemPage');
const TAGS = ['items'];
/** Partners read the items to record hand-outs and receipts; analysts read reports only. */
const ROLES_READ: readonly Role[] = ['admin', 'staff', 'partner'];

const duplicateName = onViolation({ [UNIQUE_VIOLATION]: nameTaken('An item with this name exists already') });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'List items by name',
        querystring: ItemQuery,
        response: { 200: ItemPage },
      },
    },
    async (request) => {
      const { limit, cursor, q } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const rows = await listItems(app.db, { limit, after, q });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.name, r.id]);
      return { items: items.map(toItem), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'Read one item; the ETag header carries its version',
        params: IdParams,
        response: { 200: Item, ...problems([404, 'No such item']) },
      },
    },
    async (request, reply) => {
      const row = await getItem(app.db, request.params.id);
      if (!row) throw notFound('item');
      setEtag(reply, row.version);
      return toItem(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Create an item',
        body: CreateItem,
        response: { 201: Item, ...problems([409, 'The name is taken']) },
      },
    },
    async (request, reply) => {
      const row = await app.db
        .transaction(async (tx) => {
          const created = await insertItem(tx, request.body);
          await request.audit(
            { action: 'create', entityType: 'item', entityId: created.id, details: { name: created.name } },
            tx,
          );
          return created;
        })
        .catch(duplicateName);
      setCreated(request, reply, row);
      return reply.code(201).send(toItem(row));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change an item (If-Match required)',
        params: IdParams,
        body: UpdateItem,
        response: {
          200: Item,
          ...problems([404, 'No such item'], [409, 'The name is taken']),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const row = await app.db
        .transaction(async (tx) => {
          const updated = await updateItem(tx, request.params.id, version, request.body);
          if (!updated) throw goneOrStale(await getItem(tx, request.params.id), 'item');
          await request.audit(
            {
              action: 'update',
              entityType: 'item',
              entityId: updated.id,
              details: { fields: Object.keys(request.body) },
            },
            tx,
          );
          return updated;
        })
        .catch(duplicateName);
      setEtag(reply, row.version);
      return toItem(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete an item that has never moved',
        description: 'An item with ledger rows or hand-outs stays: the ledger is never rewritten.',
        params: IdParams,
        response: { 204: z.null(), ...problems([404, 'No such item'], [409, 'The item has stock movements']) },
      },
    },
    async (request, reply) => {
      await app.db
        .transaction(async (tx) => {
          const deleted = await deleteItem(tx, request.params.id);
          if (!deleted) throw notFound('item');
          await request.audit(
            { action: 'delete', entityType: 'item', entityId: deleted.id, details: { name: deleted.name } },
            tx,
          );
        })
        .catch(
          onViolation({
            [FOREIGN_KEY_VIOLATION]: () =>
              new HttpProblem(409, 'item_has_movements', 'The item has stock movements or hand-outs'),
          }),
        );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/:id/minimums',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Per-point minimum levels of an item (overrides of its default)',
        params: IdParams,
        response: { 200: ItemMinimumList, ...problems([404, 'No such item']) },
      },
    },
    async (request) => {
      if (!(await getItem(app.db, request.params.id))) throw notFound('item');
      const rows = await listMinimums(app.db, request.params.id);
      return { items: rows.map(toItemMinimum) };
    },
  );

  app.put(
    '/:id/minimums/:pointId',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Set the minimum level of an item at one point (replaces the item’s default there)',
        params: ItemMinimumParams,
        body: SetItemMinimum,
        response: {
          200: ItemMinimum.describe('The override replaced an earlier one'),
          201: ItemMinimum.describe('The override was created'),
          ...problems([404, 'No such item or distribution point']),
        },
      },
    },
    async (request, reply) => {
      const { id, pointId } = request.params;
      const result = await app.db.transaction(async (tx) => {
        if (!(await getItem(tx, id))) throw notFound('item');
        const [point] = await tx
          .select({ id: distributionPoints.id })
          .from(distributionPoints)
          .where(eq(distributionPoints.id, pointId));
        if (!point) throw notFound('distribution point');
        const replaced = await upsertMinimum(tx, id, pointId, request.body.minimumLevel);
        await request.audit(
          {
            action: replaced ? 'update' : 'create',
            entityType: 'item_point_minimum',
            entityId: `${id}/${pointId}`,
            details: { minimumLevel: request.body.minimumLevel },
          },
          tx,
        );
        const row = await getMinimum(tx, id, pointId);
        if (!row) throw new Error('minimum missing after upsert');
        return { row, replaced };
      });
      return reply.code(result.replaced ? 200 : 201).send(toItemMinimum(result.row));
    },
  );

  app.delete(
    '/:id/minimums/:pointId',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Remove a point’s override: the item’s default minimum applies there again',
        params: ItemMinimumParams,
        response: { 204: z.null(), ...problems([404, 'No override for this item and point']) },
      },
    },
    async (request, reply) => {
      const { id, pointId } = request.params;
      await app.db.transaction(async (tx) => {
        if (!(await deleteMinimum(tx, id, pointId))) throw notFound('minimum override');
        await request.audit({ action: 'delete', entityType: 'item_point_minimum', entityId: `${id}/${pointId}` }, tx);
      });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
