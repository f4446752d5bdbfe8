import {
  CreateDistribution,
  Distribution,
  DistributionQuery,
  IdParams,
  OutOfStockProblem,
  page,
  RecordedDistribution,
  type Role,
  tokyoParts,
} from '@tsunagari/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stockMovements } from '../db/schema/index.ts';
import { partnerScope, writablePoint } from '../distribution-points/access.ts';
import { decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { problems } from '../lib/openapi.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
// Hand-outs are ledger writes: they go through the one place that locks and checks stock.
import { actorOf, knownItem, recordHandout, recordReversal } from '../stock-movements/ledger.ts';
import { getDistribution, listDistributions, toDistribution } from './repository.ts';

const DistributionPage = page(Distribution, 'DistributionPage');
const TAGS = ['distributions'];
/** Partners record and read at the points their organisation operates; analysts read reports only. */
const ROLES_RECORD: readonly Role[] = ['admin', 'staff', 'partner'];

const inPeriod = (date: string, p: { validFrom: string; validTo: string | null }) =>
  p.validFrom <= date && (p.validTo === null || date <= p.validTo);

const routes: FastifyPluginAsyncZod = async (app) => {
  const undoMinutes = app.config.HANDOUT_UNDO_MINUTES;

  app.get(
    '/',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: TAGS,
        summary: 'Hand-outs, newest first; partners see those at their own points',
        querystring: DistributionQuery,
        response: { 200: DistributionPage },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listDistributions(app.db, { ...filter, organisationId: partnerScope(request), limit, after });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.occurredAtText, r.id]);
      return { items: items.map((r) => toDistribution(r, undoMinutes)), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: TAGS,
        summary: 'Read one hand-out',
        params: IdParams,
        response: { 200: Distribution, ...problems([404, 'No such hand-out, or not at one of your points']) },
      },
    },
    async (request) => {
      const row = await getDistribution(app.db, request.params.id);
      const scope = partnerScope(request);
      if (!row || (scope && row.pointOrganisationId !== scope)) throw notFound('distribution');
      return toDistribution(row, undoMinutes);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_RECORD, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Record a hand-out (default one set); refused with 409 out_of_stock when the point holds too little',
        description:
          'The stock check and the ledger write happen in one transaction under a lock on the (point, item) stock, ' +
          'so concurrent hand-outs never take a point below zero. The point must be in its period on the day of ' +
          '`occurredAt` (422 point_inactive). A batch (`periodFrom`/`periodTo`, the count in `sets`) is only for ' +
          'school nurse offices (422 batch_not_allowed) and must lie within the point’s period, not after the day ' +
          'of the hand-out (422 period_out_of_range). Partners record at their own points only (403). Send an ' +
          'Idempotency-Key to make retries safe.',
        body: CreateDistribution,
        response: {
          201: RecordedDistribution,
          409: OutOfStockProblem.describe('out_of_stock: the point holds less than `sets`; `available` says how much'),
          ...problems([
            422,
            'unknown_point, unknown_item, point_inactive, batch_not_allowed, period_out_of_range; or idempotency_key_reused',
          ]),
        },
      },
    },
    async (request, reply) =>
      request.writeOnce(reply, 201, async (tx) => {
        const body = request.body;
        const point = await writablePoint(tx, request, body.pointId, 'pointId');
        await knownItem(tx, body.itemId);
        const occurredAt = body.occurredAt ? new Date(body.occurredAt) : new Date();
        const day = tokyoParts(occurredAt).date;
        if (!inPeriod(day, point)) {
          throw new HttpProblem(
            422,
            'point_inactive',
            `The point hands out from ${point.validFrom}${point.validTo ? ` to ${point.validTo}` : ''}, not on ${day}`,
            [{ path: body.occurredAt ? 'body.occurredAt' : 'body.pointId', message: 'outside the point’s period' }],
          );
        }
        if (body.periodFrom && body.periodTo) {
          if (point.kind !== 'school_nurse_office') {
            throw new HttpProblem(422, 'batch_not_allowed', 'Only a school nurse office records a batch for a period', [
              { path: 'body.periodFrom', message: 'not a school nurse office' },
            ]);
          }
          if (!inPeriod(body.periodFrom, point) || !inPeriod(body.periodTo, point) || body.periodTo > day) {
            throw new HttpProblem(
              422,
              'period_out_of_range',
              'The batch period must lie within the point’s period and end on or before the day of the hand-out',
              [{ path: 'body.periodTo', message: 'outside the allowed range' }],
            );
          }
        }
        const written = await recordHandout(tx, actorOf(request), {
          pointId: body.pointId,
          itemId: body.itemId,
          sets: body.sets,
          occurredAt,
          requestMethod: body.requestMethod,
          cardEnclosed: body.cardEnclosed,
          periodFrom: body.periodFrom ?? null,
          periodTo: body.periodTo ?? null,
        });
        await request.audit(
          {
            action: 'create',
            entityType: 'distribution',
            entityId: written.distributionId,
            details: { pointId: body.pointId, itemId: body.itemId, sets: body.sets },
          },
          tx,
        );
        const row = await getDistribution(tx, written.distributionId);
        if (!row) throw new Error('recorded distribution not found');
        return { ...toDistribution(row, undoMinutes), level: written.levels[0]?.level ?? 0 };
      }),
  );

  app.post(
    '/:id/undo',
    {
      config: { access: ROLES_RECORD, idempotent: true },
      schema: {
        tags: TAGS,
        summary: `Undo a hand-out within the undo window (HANDOUT_UNDO_MINUTES, default 10) after recording it`,
        description:
          'Writes a reversal to the ledger, which restores the level; the hand-out stays on record, marked undone. ' +
          'Later corrections are reversals at /stock-movements.',
        params: IdParams,
        response: {
          200: RecordedDistribution,
          ...problems(
            [404, 'No such hand-out, or not at one of your points'],
            [409, 'already_reversed, or undo_window_passed'],
          ),
        },
      },
    },
    async (request, reply) =>
      request.writeOnce(reply, 200, async (tx) => {
        const found = await getDistribution(tx, request.params.id);
        const scope = partnerScope(request);
        if (!found || (scope && found.pointOrganisationId !== scope)) throw notFound('distribution');
        if (found.undoneAt) throw new HttpProblem(409, 'already_reversed', 'This hand-out has been undone already');
        if (Date.now() - found.createdAt.getTime() > undoMinutes * 60_000) {
          throw new HttpProblem(
            409,
            'undo_window_passed',
            `A hand-out can be undone within ${undoMinutes} minutes; correct it with a reversal at /stock-movements`,
          );
        }
        const [movement] = await tx.select().from(stockMovements).where(eq(stockMovements.id, found.movementId));
        if (!movement) throw new Error('hand-out without its ledger row');
        const written = await recordReversal(tx, actorOf(request), movement, 'undo');
        await request.audit(
          {
            action: 'undo',
            entityType: 'distribution',
            entityId: found.id,
            details: { reversalId: written.movementIds[0] },
          },
          tx,
        );
        const row = await getDistribution(tx, found.id);
        if (!row) throw new Error('undone distribution not found');
        return { ...toDistribution(row, undoMinutes), level: written.levels[0]?.level ?? 0 };
      }),
  );
};

export default routes;
