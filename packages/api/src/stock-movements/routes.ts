import {
  CreateStockMovement,
  IdParams,
  OutOfStockProblem,
  page,
  RecordedStockMovements,
  type Role,
  StockMovement,
  StockMovementQuery,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { partnerScope, writablePoint } from '../distribution-points/access.ts';
import { decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { problems } from '../lib/openapi.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  actorOf,
  knownItem,
  type LedgerWrite,
  recordAdjustment,
  recordReceipt,
  recordReversal,
  recordTransfer,
} from './ledger.ts';
import { getMovement, getMovements, listMovements, toStockMovement } from './repository.ts';

const StockMovementPage = page(StockMovement, 'StockMovementPage');
const TAGS = ['stock-movements'];
/** Partners record and read at the points their organisation operates; analysts read reports only. */
const ROLES_RECORD: readonly Role[] = ['admin', 'staff', 'partner'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: TAGS,
        summary: 'The ledger, newest first; partners see the rows at their own points',
        querystring: StockMovementQuery,
        response: { 200: StockMovementPage },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listMovements(app.db, { ...filter, organisationId: partnerScope(request), limit, after });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.occurredAtText, r.id]);
      return { items: items.map(toStockMovement), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: TAGS,
        summary: 'Read one ledger row',
        params: IdParams,
        response: { 200: StockMovement, ...problems([404, 'No such movement, or not at one of your points']) },
      },
    },
    async (request) => {
      const row = await getMovement(app.db, request.params.id);
      const scope = partnerScope(request);
      if (!row || (scope && row.pointOrganisationId !== scope)) throw notFound('stock movement');
      return toStockMovement(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_RECORD, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Record a receipt, transfer, stocktake adjustment or reversal',
        description:
          'The ledger is append-only: there is no PATCH or DELETE; a mistake is corrected by a reversal. ' +
          'Every write locks the (point, item) stock it touches, so the level never goes below zero: a transfer ' +
          'or reversal that would is refused with 409 out_of_stock and the level left in `available`. A transfer ' +
          'writes both rows in one transaction or nothing. Partners record at their own points only (403 ' +
          'otherwise). Send an Idempotency-Key to make retries safe.',
        body: CreateStockMovement,
        response: {
          201: RecordedStockMovements,
          409: OutOfStockProblem.describe('out_of_stock (with `available`), already_reversed or not_reversible'),
          ...problems([422, 'unknown_point, unknown_item or unknown_movement; or idempotency_key_reused']),
        },
      },
    },
    async (request, reply) =>
      request.writeOnce(reply, 201, async (tx) => {
        const actor = actorOf(request);
        const body = request.body;
        const at = (v: string | undefined) => (v ? new Date(v) : new Date());
        let written: LedgerWrite;
        switch (body.kind) {
          case 'receipt':
            await writablePoint(tx, request, body.pointId, 'pointId');
            await knownItem(tx, body.itemId);
            written = await recordReceipt(tx, actor, { ...body, occurredAt: at(body.occurredAt) });
            break;
          case 'transfer':
            await writablePoint(tx, request, body.fromPointId, 'fromPointId');
            await writablePoint(tx, request, body.toPointId, 'toPointId');
            await knownItem(tx, body.itemId);
            written = await recordTransfer(tx, actor, { ...body, occurredAt: at(body.occurredAt) });
            break;
          case 'adjustment':
            await writablePoint(tx, request, body.pointId, 'pointId');
            await knownItem(tx, body.itemId);
            written = await recordAdjustment(tx, actor, { ...body, occurredAt: at(body.occurredAt) });
            break;
          case 'reversal': {
            const target = await getMovement(tx, body.reversesId);
            if (!target) {
              throw new HttpProblem(422, 'unknown_movement', 'The movement to reverse does not exist', [
                { path: 'body.reversesId', message: 'no movement with this id' },
              ]);
            }
            const scope = partnerScope(request);
            if (scope && target.pointOrganisationId !== scope) {
              throw new HttpProblem(403, 'forbidden', 'The movement is not at one of your points');
            }
            // Reversing a transfer moves stock at both ends: a partner needs both points.
            if (target.counterpartPointId) {
              await writablePoint(tx, request, target.counterpartPointId, 'reversesId');
            }
            written = await recordReversal(tx, actor, target, body.reason);
            break;
          }
        }
        const movements = await getMovements(tx, written.movementIds);
        await request.audit(
          {
            action: 'create',
            entityType: 'stock_movement',
            entityId: written.movementIds[0] ?? null,
            details: {
              kind: body.kind,
              movements: movements.map((m) => ({ id: m.id, pointId: m.pointId, quantity: m.quantity })),
            },
          },
          tx,
        );
        return { movements: movements.map(toStockMovement), levels: written.levels };
      }),
  );
};

export default routes;
