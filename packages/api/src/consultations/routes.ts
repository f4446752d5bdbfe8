import {
  addDaysIso,
  Consultation,
  ConsultationQuery,
  CreateConsultation,
  IdParams,
  page,
  type Role,
  TIME_ZONE,
  tokyoInstant,
  UpdateConsultation,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_STAFF } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { atVersion, requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { forbidden, notFound } from '../lib/problem.ts';
import {
  deleteConsultation,
  getConsultation,
  getWindowForConsultation,
  insertConsultation,
  listConsultations,
  toConsultation,
  updateConsultation,
} from './repository.ts';
import { prepareCreate, preparePatch } from './service.ts';

/** Who may see record-level consultations at all: analysts never do, they read reports. */
const ROLES_RECORD: readonly Role[] = ['admin', 'staff', 'partner'];
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

const ConsultationPage = page(Consultation, 'ConsultationPage');

/** A partner sees its own organisation's windows' consultations; null means everything. */
function readScope(request: FastifyRequest): string | null {
  const p = request.principal;
  if (p.role !== 'partner') return null;
  return p.organisationId ?? NO_ORGANISATION;
}

/** A consultation the caller may read, or 404: another organisation's records are not acknowledged. */
async function readable(db: DbOrTx, request: FastifyRequest, id: string) {
  const row = await getConsultation(db, id);
  const scope = readScope(request);
  if (!row || (scope && row.organisationId !== scope)) throw notFound('consultation');
  return row;
}

const dayStart = (date: string) => tokyoInstant(date, '00:00');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: ['consultations'],
        summary: 'List consultations, newest first (partners: their own windows only; every read is audited)',
        description:
          `Filters combine with AND; from/to are calendar dates in ${TIME_ZONE}, both inclusive. ` +
          'Analysts are refused: they read the reports.',
        querystring: ConsultationQuery,
        response: { 200: ConsultationPage, ...problems([403, 'A partner asked for another organisation’s window']) },
      },
    },
    async (request) => {
      const { limit, cursor, windowId, from, to, channel, topic, referralSource } = request.query;
      const after = decodeTimeCursor(cursor);
      const scope = readScope(request);
      if (scope && windowId) {
        const window = await getWindowForConsultation(app.db, windowId);
        if (window && window.organisationId !== scope) {
          throw forbidden('Your organisation does not operate this consultation window');
        }
      }
      const rows = await listConsultations(app.db, {
        limit,
        after,
        windowId,
        from: from ? dayStart(from) : undefined,
        to: to ? dayStart(addDaysIso(to, 1)) : undefined,
        channel,
        topic,
        referralSource,
        organisationId: scope ?? undefined,
      });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.cursorAt, r.id]);
      const filter = Object.fromEntries(
        Object.entries({ windowId, from, to, channel, topic, referralSource, limit, cursor }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      await request.audit({ action: 'read', entityType: 'consultation', details: { filter, count: items.length } });
      return { items: items.map(toConsultation), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_RECORD },
      schema: {
        tags: ['consultations'],
        summary: 'Read one consultation; the ETag header carries its version (the read is audited)',
        params: IdParams,
        response: { 200: Consultation, ...problems([404, 'No such consultation (or not one of yours)']) },
      },
    },
    async (request, reply) => {
      const row = await readable(app.db, request, request.params.id);
      await request.audit({ action: 'read', entityType: 'consultation', entityId: row.id });
      setEtag(reply, row.version);
      return toConsultation(row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_RECORD, idempotent: true },
      schema: {
        tags: ['consultations'],
        summary: 'Record a consultation (partners: only at windows their organisation operates)',
        description:
          'Anonymous by construction: there is no field for a name, address, phone or e-mail, and a note, ' +
          'referredToExternal or cardCode that looks like contact details is refused with 422 ' +
          "personal_data_detected. A consultation outside the window's opening hours is accepted and flagged " +
          'outsideOpeningHours. Send an Idempotency-Key to make retries safe.',
        body: CreateConsultation,
        response: {
          201: Consultation,
          ...problems(
            [403, 'A partner at a window its organisation does not operate'],
            [
              422,
              'personal_data_detected (free text looks like contact details), unknown_window or idempotency_key_reused',
            ],
          ),
        },
      },
    },
    async (request, reply) =>
      request.writeOnce(reply, 201, async (tx) => {
        const values = await prepareCreate(tx, request.principal, request.body);
        const id = await insertConsultation(tx, values);
        await request.audit(
          {
            action: 'create',
            entityType: 'consultation',
            entityId: id,
            details: { windowId: values.windowId, outsideOpeningHours: values.outsideOpeningHours },
          },
          tx,
        );
        const row = await getConsultation(tx, id);
        if (!row) throw new Error('created consultation not found');
        setEtag(reply, row.version);
        reply.header('location', `/api/v1/consultations/${row.id}`);
        return toConsultation(row);
      }),
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: ['consultations'],
        summary: 'Change a consultation (staff and admins; If-Match required)',
        params: IdParams,
        body: UpdateConsultation,
        response: {
          200: Consultation,
          ...problems([404, 'No such consultation'], [422, 'personal_data_detected or unknown_window']),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const row = await app.db.transaction(async (tx) => {
        const current = atVersion(await getConsultation(tx, request.params.id), version, 'consultation');
        const patch = await preparePatch(tx, current, request.body);
        const updated = await updateConsultation(tx, current.id, version, patch);
        if (!updated) throw staleEtag();
        await request.audit(
          {
            action: 'update',
            entityType: 'consultation',
            entityId: current.id,
            details: { fields: Object.keys(request.body).sort() },
          },
          tx,
        );
        return getConsultation(tx, current.id);
      });
      if (!row) throw notFound('consultation');
      setEtag(reply, row.version);
      return toConsultation(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: ['consultations'],
        summary: 'Delete a consultation (staff and admins)',
        params: IdParams,
        response: { 204: z.null(), ...problems([404, 'No such consultation']) },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const deleted = await deleteConsultation(tx, request.params.id);
        if (!deleted) throw notFound('consultation');
        await request.audit(
          {
            action: 'delete',
            entityType: 'consultation',
            entityId: deleted.id,
            details: { windowId: deleted.windowId },
          },
          tx,
        );
      });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
