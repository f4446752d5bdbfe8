import {
  CreateTargetMetric,
  fiscalYearBounds,
  IdParams,
  ManualValueInput,
  page,
  type Role,
  TargetMetric,
  TargetMetricQuery,
  UpdateTargetMetric,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_STAFF } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { decodeCursor, pageOf } from '../lib/cursor.ts';
import { requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { problems } from '../lib/openapi.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import {
  bumpVersion,
  cursorOf,
  deleteMetric,
  getMetric,
  insertManualValues,
  insertMetric,
  listMetrics,
  lockMetric,
  type MetricRow,
  manualValuesOf,
  nextPosition,
  toTargetMetric,
  updateMetric,
} from './repository.ts';
import { checkConsistency, checkDefinition, storedDefinition, validation } from './service.ts';

/** Analysts read target metrics (and reports); partners do not: the targets are the city's. */
export const ROLES_TARGET_READ: readonly Role[] = ['admin', 'staff', 'analyst'];

const TAGS = ['target-metrics'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TargetMetricPage = page(TargetMetric, 'TargetMetricPage');

const DEFINITION_ERRORS =
  'The definition names a record that does not exist (unknown_reference), a training event of another fiscal year ' +
  '(event_outside_fiscal_year), or a survey question without options counting as satisfied ' +
  '(question_has_no_satisfied_options) or positive (question_has_no_positive_options)';

function duplicateLabel(error: unknown): never {
  if (pgErrorCode(error) === UNIQUE_VIOLATION) {
    throw new HttpProblem(409, 'conflict', 'The fiscal year has a metric with this label already', [
      { path: 'body.label', message: 'already taken in this fiscal year' },
    ]);
  }
  throw error;
}

async function withHistory(db: DbOrTx, row: MetricRow) {
  const manual = row.definition.kind === 'manual' ? ((await manualValuesOf(db, [row.id])).get(row.id) ?? []) : [];
  return toTargetMetric(row, manual);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_TARGET_READ },
      schema: {
        tags: TAGS,
        summary: 'List target metrics, by fiscal year and position',
        querystring: TargetMetricQuery,
        response: { 200: TargetMetricPage },
      },
    },
    async (request) => {
      const { limit, cursor, fiscalYear } = request.query;
      const after = decodeCursor(cursor, 4);
      const [fy, position, label, id] = after ?? [];
      if (
        after &&
        !(typeof fy === 'number' && typeof position === 'number' && typeof label === 'string' && UUID.test(String(id)))
      ) {
        throw validation([{ path: 'querystring.cursor', message: 'not a cursor from a previous page' }]);
      }
      const rows = await listMetrics(app.db, {
        fiscalYear,
        limit,
        after: after as [number, number, string, string] | null,
      });
      const { items, nextCursor } = pageOf(rows, limit, cursorOf);
      const manual = await manualValuesOf(
        app.db,
        items.filter((m) => m.definition.kind === 'manual').map((m) => m.id),
      );
      return { items: items.map((m) => toTargetMetric(m, manual.get(m.id) ?? [])), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_TARGET_READ },
      schema: {
        tags: TAGS,
        summary: 'Read one target metric; the ETag header carries its version',
        params: IdParams,
        response: { 200: TargetMetric, ...problems([404, 'No such target metric']) },
      },
    },
    async (request, reply) => {
      const row = await getMetric(app.db, request.params.id);
      if (!row) throw notFound('target metric');
      setEtag(reply, row.version);
      return withHistory(app.db, row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Define a target metric for a fiscal year',
        description:
          'The definition is checked against the records: every id must exist, training events must be of the ' +
          'fiscal year, and a survey question must have options counting as satisfied (positive). A share ' +
          '(survey_*_share, funnel_conversion) has the unit percent and a target of at most 100.',
        body: CreateTargetMetric,
        response: {
          201: TargetMetric,
          ...problems([409, 'The label is taken in this fiscal year'], [422, DEFINITION_ERRORS]),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await app.db
        .transaction(async (tx) => {
          await checkDefinition(tx, body.fiscalYear, body.definition, 'body.definition');
          const created = await insertMetric(tx, {
            fiscalYear: body.fiscalYear,
            label: body.label,
            unit: body.unit,
            target: body.target,
            direction: body.direction,
            description: body.description,
            position: body.position ?? (await nextPosition(tx, body.fiscalYear)),
            definition: storedDefinition(body.definition),
          });
          const entries = body.definition.kind === 'manual' ? body.definition.entries : [];
          const manual = await insertManualValues(tx, created.id, entries, request.principal.label);
          await request.audit(
            {
              action: 'create',
              entityType: 'target_metric',
              entityId: created.id,
              details: { fiscalYear: created.fiscalYear, kind: body.definition.kind },
            },
            tx,
          );
          return { created, manual };
        })
        .catch(duplicateLabel);
      setEtag(reply, result.created.version);
      return reply.code(201).send(toTargetMetric(result.created, result.manual));
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change a target metric (If-Match required)',
        description:
          'The metric as it will be is checked as on create. A manual metric’s history is not changed here: ' +
          'add values with POST /target-metrics/{id}/manual-values.',
        params: IdParams,
        body: UpdateTargetMetric,
        response: {
          200: TargetMetric,
          ...problems(
            [404, 'No such target metric'],
            [409, 'The label is taken in this fiscal year'],
            [412, 'Stale ETag: reload and try again'],
            [422, DEFINITION_ERRORS],
            [428, 'If-Match missing'],
          ),
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const patch = request.body;
      const row = await app.db
        .transaction(async (tx) => {
          const current = await getMetric(tx, request.params.id);
          if (!current) throw notFound('target metric');
          if (current.version !== version) throw staleEtag();
          if (patch.definition?.kind === 'manual' && patch.definition.entries.length > 0) {
            throw validation([
              {
                path: 'body.definition.entries',
                message: 'the history is kept as it is: add values with POST /target-metrics/{id}/manual-values',
              },
            ]);
          }
          const next = {
            fiscalYear: patch.fiscalYear ?? current.fiscalYear,
            unit: patch.unit ?? current.unit,
            target: patch.target ?? current.target,
            definition: patch.definition ? storedDefinition(patch.definition) : current.definition,
          };
          checkConsistency(next);
          // A new definition, or the old one in another fiscal year, must fit the records.
          if (patch.definition || next.fiscalYear !== current.fiscalYear) {
            await checkDefinition(tx, next.fiscalYear, next.definition, 'body.definition');
          }
          // A manual history moved to a later year must not start before it.
          if (next.definition.kind === 'manual' && next.fiscalYear > current.fiscalYear) {
            const { from } = fiscalYearBounds(next.fiscalYear);
            const history = (await manualValuesOf(tx, [current.id])).get(current.id) ?? [];
            if (history.some((v) => v.asOf < from)) {
              throw validation([
                {
                  path: 'body.fiscalYear',
                  message: `the metric has values dated before ${from}, the start of that year`,
                },
              ]);
            }
          }
          const { definition: _definition, ...fields } = patch;
          const updated = await updateMetric(tx, current.id, version, {
            ...fields,
            ...(patch.definition ? { definition: next.definition } : {}),
          });
          if (!updated) throw staleEtag();
          await request.audit(
            {
              action: 'update',
              entityType: 'target_metric',
              entityId: updated.id,
              details: { fields: Object.keys(patch) },
            },
            tx,
          );
          return withHistory(tx, updated).then((metric) => ({ metric, version: updated.version }));
        })
        .catch(duplicateLabel);
      setEtag(reply, row.version);
      return row.metric;
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a target metric (with its manual history)',
        params: IdParams,
        response: { 204: z.null(), ...problems([404, 'No such target metric']) },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const deleted = await deleteMetric(tx, request.params.id);
        if (!deleted) throw notFound('target metric');
        await request.audit({ action: 'delete', entityType: 'target_metric', entityId: deleted.id }, tx);
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/:id/manual-values',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Add a value to a manual metric’s history',
        description:
          'The value with the latest asOf (on or before the report’s asOf) is the actual; earlier values stay as ' +
          'the history and give the weekly series. Values are added, never edited: correct one by adding another.',
        params: IdParams,
        body: ManualValueInput,
        response: {
          201: TargetMetric,
          ...problems([404, 'No such target metric'], [409, 'The metric is not a manual one (metric_not_manual)']),
        },
      },
    },
    async (request, reply) => {
      const result = await app.db.transaction(async (tx) => {
        const metric = await lockMetric(tx, request.params.id);
        if (!metric) throw notFound('target metric');
        if (metric.definition.kind !== 'manual') {
          throw new HttpProblem(
            409,
            'metric_not_manual',
            `The metric is computed from the records (${metric.definition.kind}); only a manual metric takes values`,
          );
        }
        const { from } = fiscalYearBounds(metric.fiscalYear);
        if (request.body.asOf < from) {
          throw validation([
            { path: 'body.asOf', message: `must be on or after ${from}, the start of the fiscal year` },
          ]);
        }
        const [value] = await insertManualValues(tx, metric.id, [request.body], request.principal.label);
        const updated = (await bumpVersion(tx, metric.id)) as MetricRow;
        await request.audit(
          {
            action: 'add_manual_value',
            entityType: 'target_metric',
            entityId: metric.id,
            details: { valueId: value?.id, asOf: request.body.asOf },
          },
          tx,
        );
        return { metric: await withHistory(tx, updated), version: updated.version };
      });
      setEtag(reply, result.version);
      return reply.code(201).send(result.metric);
    },
  );
};

export default routes;
