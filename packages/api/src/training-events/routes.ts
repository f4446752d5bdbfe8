import {
  AttendanceModes,
  CreateTrainingEvent,
  CreateTrainingRegistration,
  fiscalYearOfInstant,
  IdParams,
  kanaSearchKey,
  MAX_TRAINING_EVENT_DAYS,
  page,
  TrainingAttendance,
  TrainingCancellation,
  TrainingCheckIn,
  TrainingCheckInByTicket,
  TrainingCheckInOptions,
  TrainingEvent,
  TrainingEventQuery,
  type TrainingEventStatus,
  TrainingEventStatusLabels,
  TrainingEventTransitions,
  TrainingFormatQuery,
  TrainingImportQuery,
  TrainingImportResult,
  TrainingPurgeResult,
  TrainingRegistration,
  TrainingRegistrationParams,
  TrainingRegistrationQuery,
  UpdateTrainingEvent,
  UpdateTrainingRegistration,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_ADMIN, ROLES_STAFF } from '../auth/principal.ts';
import type { Tx } from '../db/client.ts';
import { decodeCursor, decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { randomToken } from '../lib/tokens.ts';
import { sendCsv, wantsCsv } from '../reports/csv.ts';
import { invalidFile, readRegistrants } from './import.ts';
import { attendanceCsv, attendanceOf, attendeeListCsv } from './report.ts';
import {
  capacityOf,
  countConfirmed,
  deleteEvent,
  type EventRow,
  getEvent,
  getRegistration,
  getRegistrationByTicket,
  hasCheckIns,
  insertEvent,
  listEvents,
  listRegistrations,
  lockEvent,
  lockRegistration,
  type RegistrationRow,
  seatCounts,
  setRegistration,
  takenEmails,
  toTrainingEvent,
  toTrainingRegistration,
  updateEvent,
} from './repository.ts';
import retention, { purgeExpiredContactDetails } from './retention.ts';
import {
  type Audit,
  cancelRegistration,
  changeMode,
  checkIn,
  fill,
  markNoShow,
  refuseCancelled,
  refuseTakenEmail,
  register,
  removeRegistration,
  searchKeyOf,
  undoCheckIn,
} from './service.ts';

const TAGS = ['training-events'];
const TrainingEventPage = page(TrainingEvent, 'TrainingEventPage');
const TrainingRegistrationPage = page(TrainingRegistration, 'TrainingRegistrationPage');
const csvBody = z.string().describe('UTF-8 with a BOM and Japanese headers, for Excel');
/** Big enough for a few thousand rows; a registrant list is a few hundred at most. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

const EVENT_ERRORS = {
  404: 'No such training event',
  409: 'event_cancelled: the event is cancelled',
} as const;

const auditIn =
  (request: FastifyRequest, tx: Tx): Audit =>
  (entry) =>
    request.audit(entry, tx);
const newPublicToken = () => randomToken(24);

async function lockedEvent(tx: Tx, id: string): Promise<EventRow> {
  const event = await lockEvent(tx, id);
  if (!event) throw notFound('training event');
  return event;
}

async function lockedRegistration(tx: Tx, eventId: string, id: string): Promise<[EventRow, RegistrationRow]> {
  const event = await lockedEvent(tx, eventId);
  const reg = await lockRegistration(tx, eventId, id);
  if (!reg) throw notFound('registration');
  return [event, reg];
}

async function eventResponse(db: Parameters<typeof seatCounts>[0], row: EventRow) {
  return toTrainingEvent(row, await seatCounts(db, [row.id]));
}

async function registrationResponse(db: Parameters<typeof seatCounts>[0], eventId: string, id: string) {
  const row = await getRegistration(db, eventId, id);
  if (!row) throw new Error('registration vanished inside its transaction');
  return toTrainingRegistration(row);
}

const validation = (path: string, message: string) =>
  new HttpProblem(400, 'validation_failed', 'The request does not match the schema', [{ path, message }]);

/** The time rules of CreateTrainingEvent, against the stored values for the fields a PATCH leaves alone. */
function checkMergedTimes(event: EventRow, patch: { startsAt?: string | undefined; endsAt?: string | undefined }) {
  if (!patch.startsAt && !patch.endsAt) return;
  const starts = Date.parse(patch.startsAt ?? event.startsAt.toISOString());
  const ends = Date.parse(patch.endsAt ?? event.endsAt.toISOString());
  const path = patch.endsAt ? 'body.endsAt' : 'body.startsAt';
  if (ends <= starts) throw validation(path, 'endsAt must be after startsAt');
  if (ends - starts > MAX_TRAINING_EVENT_DAYS * 86_400_000) {
    throw validation(path, `an event lasts at most ${MAX_TRAINING_EVENT_DAYS} days`);
  }
}

function checkTransition(from: TrainingEventStatus, to: TrainingEventStatus | undefined) {
  if (!to || to === from || TrainingEventTransitions[from].includes(to)) return;
  const allowed = TrainingEventTransitions[from];
  throw new HttpProblem(
    409,
    'invalid_transition',
    `A ${TrainingEventStatusLabels[from]} event cannot become ${TrainingEventStatusLabels[to]}` +
      (allowed.length ? `; it can become ${allowed.join(', ')}` : '; a cancelled event is final'),
    [{ path: 'body.status', message: `not allowed from ${from}` }],
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(retention);

  // ——— events ———

  app.get(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'List training events by start (newest first by default), with seats per mode',
        querystring: TrainingEventQuery,
        response: { 200: TrainingEventPage },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listEvents(app.db, { ...filter, limit, after });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.startsText, r.event.id]);
      const counts = await seatCounts(
        app.db,
        items.map((r) => r.event.id),
      );
      return { items: items.map((r) => toTrainingEvent(r.event, counts)), nextCursor };
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Create a training event (draft unless a status is given)',
        body: CreateTrainingEvent,
        response: { 201: TrainingEvent },
      },
    },
    async (request, reply) => {
      const { publicRegistration, ...body } = request.body;
      const row = await app.db.transaction(async (tx) => {
        const created = await insertEvent(tx, {
          ...body,
          startsAt: new Date(body.startsAt),
          endsAt: new Date(body.endsAt),
          fiscalYear: fiscalYearOfInstant(body.startsAt),
          publicRegistrationToken: publicRegistration ? newPublicToken() : null,
        });
        await request.audit(
          { action: 'create', entityType: 'training_event', entityId: created.id, details: { status: created.status } },
          tx,
        );
        return created;
      });
      setEtag(reply, row.version);
      return reply.code(201).send(toTrainingEvent(row, new Map()));
    },
  );

  app.post(
    '/purge-contact-details',
    {
      config: { access: ROLES_ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Delete attendees’ contact details of events past the retention period now',
        description:
          `Runs what the server does every hour: for every event that ended more than ` +
          `TRAINING_CONTACT_RETENTION_DAYS (now ${app.config.TRAINING_CONTACT_RETENTION_DAYS}) days ago, names ` +
          'become "（削除済み）" and kana, e-mail, organisation and ticket are deleted; affiliation, mode, status ' +
          'and attendance stay, so the counts stay.',
        response: { 200: TrainingPurgeResult },
      },
    },
    async (request) => {
      const result = await purgeExpiredContactDetails(app.db, new Date(), app.config.TRAINING_CONTACT_RETENTION_DAYS);
      await request.audit({
        action: 'purge_contact_details',
        entityType: 'training_event',
        details: { events: result.events, registrations: result.registrations },
      });
      return { ...result, endedBefore: result.endedBefore.toISOString() };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Read one training event, with seats per mode; the ETag header carries its version',
        params: IdParams,
        response: { 200: TrainingEvent, ...problems([404, EVENT_ERRORS[404]]) },
      },
    },
    async (request, reply) => {
      const row = await getEvent(app.db, request.params.id);
      if (!row) throw notFound('training event');
      setEtag(reply, row.version);
      return eventResponse(app.db, row);
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change a training event (If-Match required)',
        description:
          'Status changes follow draft → open/closed/cancelled, open → draft/closed/held/cancelled, closed → ' +
          'open/held/cancelled, held → closed; cancelled is final (409 invalid_transition). A capacity below the ' +
          'confirmed registrations of its mode is refused (409 capacity_below_confirmed); a higher one promotes ' +
          'the waiting in order.',
        params: IdParams,
        body: UpdateTrainingEvent,
        response: {
          200: TrainingEvent,
          ...problems([404, EVENT_ERRORS[404]], [409, 'invalid_transition or capacity_below_confirmed']),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const { publicRegistration, ...patch } = request.body;
      const row = await app.db.transaction(async (tx) => {
        const event = await lockedEvent(tx, request.params.id);
        if (event.version !== version) throw staleEtag();
        checkMergedTimes(event, patch);
        checkTransition(event.status, patch.status);
        for (const mode of AttendanceModes) {
          const field = mode === 'venue' ? 'venueCapacity' : 'onlineCapacity';
          const capacity = patch[field];
          if (capacity === undefined || capacity >= capacityOf(event, mode)) continue;
          const confirmed = await countConfirmed(tx, event.id, mode);
          if (capacity < confirmed) {
            throw new HttpProblem(
              409,
              'capacity_below_confirmed',
              `${confirmed} registrations are confirmed for ${mode}; cancel some before lowering the capacity to ${capacity}`,
              [{ path: `body.${field}`, message: `at least ${confirmed} (the confirmed registrations)` }],
              { mode, confirmed },
            );
          }
        }
        const token =
          publicRegistration === undefined
            ? {}
            : {
                publicRegistrationToken: publicRegistration
                  ? (event.publicRegistrationToken ?? newPublicToken())
                  : null,
              };
        const { startsAt, endsAt, ...rest } = patch;
        const updated = await updateEvent(tx, event.id, version, {
          ...rest,
          ...token,
          ...(startsAt ? { startsAt: new Date(startsAt), fiscalYear: fiscalYearOfInstant(startsAt) } : {}),
          ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
        });
        if (!updated) throw staleEtag();
        const audit = auditIn(request, tx);
        await audit({
          action: 'update',
          entityType: 'training_event',
          entityId: event.id,
          details: {
            fields: Object.keys(request.body),
            ...(patch.status && patch.status !== event.status ? { status: [event.status, patch.status] } : {}),
          },
        });
        for (const mode of AttendanceModes) await fill(tx, updated, mode, audit);
        return updated;
      });
      setEtag(reply, row.version);
      return eventResponse(app.db, row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a training event and its registrations; one with any check-in is cancelled instead (409)',
        params: IdParams,
        response: {
          204: z.null(),
          ...problems(
            [404, EVENT_ERRORS[404]],
            [409, 'has_attendance: someone was checked in; cancel the event instead'],
          ),
        },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const event = await lockedEvent(tx, request.params.id);
        if (await hasCheckIns(tx, event.id)) {
          throw new HttpProblem(
            409,
            'has_attendance',
            'Attendees were checked in at this event; it cannot be deleted, set its status to cancelled instead',
          );
        }
        await deleteEvent(tx, event.id);
        await request.audit({ action: 'delete', entityType: 'training_event', entityId: event.id }, tx);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/:id/attendance',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: '出席状況: registered, waitlisted and attended by mode and by affiliation',
        description: '`?format=csv` (or Accept: text/csv) gives the summary as CSV for Excel.',
        params: IdParams,
        querystring: TrainingFormatQuery,
        response: {
          200: {
            description: 'The attendance, as JSON or CSV',
            content: { 'application/json': { schema: TrainingAttendance }, 'text/csv': { schema: csvBody } },
          },
          ...problems([404, EVENT_ERRORS[404]]),
        },
      },
    },
    async (request, reply) => {
      const event = await getEvent(app.db, request.params.id);
      if (!event) throw notFound('training event');
      const attendance = await attendanceOf(app.db, event);
      if (wantsCsv(request, request.query.format)) {
        return sendCsv(reply, `training-attendance_${event.id}.csv`, attendanceCsv(attendance));
      }
      return reply.type('application/json; charset=utf-8').send(attendance);
    },
  );

  // ——— check-in by ticket ———

  app.post(
    '/:id/check-in',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Check in by the QR ticket (idempotent: a second scan keeps the first time)',
        params: IdParams,
        body: TrainingCheckInByTicket,
        response: {
          200: TrainingCheckIn,
          ...problems(
            [404, 'No such event, or no registration holds this ticket (ticket_not_found)'],
            [
              409,
              'ticket_for_other_event, or registration_cancelled, not_confirmed (waitlisted) or event_cancelled; ' +
                'these three carry `registration` (TrainingRegistration), so the screen at the door can say whose ' +
                'ticket it is',
            ],
          ),
        },
      },
    },
    async (request) => {
      const token = request.body.ticket.split(/[?#]/)[0]?.split('/').filter(Boolean).pop() ?? '';
      return app.db.transaction(async (tx) => {
        const event = await lockedEvent(tx, request.params.id);
        const found = token ? await getRegistrationByTicket(tx, token) : null;
        if (!found) throw new HttpProblem(404, 'ticket_not_found', 'No registration holds this ticket');
        if (found.registration.eventId !== event.id) {
          throw new HttpProblem(409, 'ticket_for_other_event', 'The ticket is for another training event');
        }
        const reg = (await lockRegistration(tx, event.id, found.registration.id)) as RegistrationRow;
        try {
          const result = await checkIn(tx, event, reg, request.body.overrideCapacity, auditIn(request, tx));
          return { ...(await registrationResponse(tx, event.id, reg.id)), alreadyCheckedIn: result.alreadyCheckedIn };
        } catch (error) {
          // Whoever stands at the door with a ticket that cannot be taken as it is: the screen names them.
          if (!(error instanceof HttpProblem) || error.status !== 409) throw error;
          const registration = await registrationResponse(tx, event.id, reg.id);
          throw new HttpProblem(409, error.code, error.message, error.errors, { ...error.extra, registration });
        }
      });
    },
  );

  // ——— registrations ———

  app.get(
    '/:id/registrations',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Registrations in order of registration; search by name or kana',
        description:
          '`q` matches the name or the kana anywhere, ignoring full-/half-width, katakana/hiragana and spaces ' +
          '(やまだ finds ヤマダ ハナコ). `?format=csv` gives every matching registration (no paging) as the ' +
          'attendee list for Excel, with the columns the import reads.',
        params: IdParams,
        querystring: TrainingRegistrationQuery,
        response: {
          200: {
            description: 'A page of registrations as JSON, or the attendee list as CSV',
            content: { 'application/json': { schema: TrainingRegistrationPage }, 'text/csv': { schema: csvBody } },
          },
          ...problems([404, EVENT_ERRORS[404]]),
        },
      },
    },
    async (request, reply) => {
      const { limit, cursor, q, format, ...filter } = request.query;
      const event = await getEvent(app.db, request.params.id);
      if (!event) throw notFound('training event');
      const searchKey = q ? kanaSearchKey(q) : undefined;
      if (wantsCsv(request, format)) {
        const rows = await listRegistrations(app.db, event.id, { ...filter, searchKey }, null);
        return sendCsv(
          reply,
          `training-registrations_${event.id}.csv`,
          attendeeListCsv(rows.map(toTrainingRegistration)),
        );
      }
      const after = decodeCursor(cursor, 1);
      if (after && typeof after[0] !== 'number') {
        throw validation('querystring.cursor', 'not a cursor from a previous page');
      }
      const rows = await listRegistrations(
        app.db,
        event.id,
        { ...filter, searchKey },
        { limit, afterSeq: (after?.[0] as number | undefined) ?? null },
      );
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.registration.seq]);
      return reply
        .type('application/json; charset=utf-8')
        .send({ items: items.map(toTrainingRegistration), nextCursor });
    },
  );

  app.post(
    '/:id/registrations',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Register an attendee: confirmed while the mode has a seat, otherwise waitlisted in order',
        description:
          'Capacity is checked under a lock on the event, so concurrent registrations never take more seats than ' +
          'there are. A walk-in (`walkIn: true`) is confirmed and checked in at once; when the mode is full it is ' +
          'refused with 409 mode_full unless staff send `overrideCapacity: true`, which seats it beyond the ' +
          'capacity (the only way past it). A mode with capacity 0 is not offered (422 mode_not_offered).',
        params: IdParams,
        body: CreateTrainingRegistration,
        response: {
          201: TrainingRegistration,
          ...problems(
            [404, EVENT_ERRORS[404]],
            [409, 'event_cancelled, already_registered (the e-mail) or mode_full (walk-in without override)'],
            [422, 'mode_not_offered'],
          ),
        },
      },
    },
    async (request, reply) => {
      const { walkIn, overrideCapacity, ...input } = request.body;
      const body = await app.db.transaction(async (tx) => {
        const event = await lockedEvent(tx, request.params.id);
        const row = await register(
          tx,
          event,
          input,
          { source: 'staff', walkIn, overrideCapacity },
          auditIn(request, tx),
        );
        return registrationResponse(tx, event.id, row.id);
      });
      setEtag(reply, body.version);
      return reply.code(201).send(body);
    },
  );

  await app.register(async (scoped) => {
    // Raw CSV bodies only here: everywhere else the API speaks JSON.
    scoped.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/:id/registrations/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: ROLES_STAFF },
        schema: {
          tags: TAGS,
          summary: 'Import registrants from a CSV file (Shift_JIS or UTF-8); all rows or none',
          description:
            'Send the file itself as the body with Content-Type text/csv or application/octet-stream (at most 2 MB, ' +
            '2000 rows). Encoding: a UTF-8 BOM means UTF-8; a UTF-16LE BOM means Excel’s Unicode text (tabs); ' +
            'otherwise valid UTF-8 is read as UTF-8 and anything else as Shift_JIS (CP932), as Excel saves it. ' +
            'The first row names the columns: 氏名 (name), ふりがな (nameKana), 所属区分 (affiliation), 所属 ' +
            '(organisationName), メール (email), 参加方法 (mode); Japanese or English, other columns are ignored. ' +
            '所属区分 takes 民生児童委員, 教職員, 市相談員, 市職員, 連携団体職員, その他 or the codes; 参加方法 takes ' +
            '会場 or オンライン (venue, online). Rows are registered in file order, confirmed while a mode has seats ' +
            'and waitlisted after. When any row is bad, nothing is imported and 422 import_invalid lists every bad ' +
            'row as `line N: column`. `dryRun=true` checks and counts without importing.',
          params: IdParams,
          querystring: TrainingImportQuery,
          consumes: ['text/csv', 'application/octet-stream'],
          body: z
            .custom<Buffer>((v) => Buffer.isBuffer(v), 'send the CSV file itself as the body (text/csv)')
            .meta({ type: 'string', format: 'binary', description: 'The CSV file' }),
          response: {
            200: TrainingImportResult.describe('Dry run: what an import would do'),
            201: TrainingImportResult.describe('Imported'),
            ...problems(
              [404, EVENT_ERRORS[404]],
              [409, EVENT_ERRORS[409]],
              [422, 'import_invalid: errors[] names each bad row as `line N: column`; nothing was imported'],
            ),
          },
        },
      },
      async (request, reply) => {
        const { rows, errors, encoding, labelOf } = readRegistrants(request.body);
        const dryRun = request.query.dryRun;
        const result = await app.db.transaction(async (tx) => {
          const event = await lockedEvent(tx, request.params.id);
          refuseCancelled(event);
          const taken = await takenEmails(
            tx,
            event.id,
            rows.flatMap((r) => (r.input.email ? [r.input.email.toLowerCase()] : [])),
          );
          for (const { line, input } of rows) {
            if (capacityOf(event, input.mode) === 0) {
              errors.push({
                line,
                path: `line ${line}: ${labelOf('mode')}`,
                message: `this event does not offer ${input.mode} participation`,
              });
            }
            if (input.email && taken.has(input.email.toLowerCase())) {
              errors.push({
                line,
                path: `line ${line}: ${labelOf('email')}`,
                message: 'already registered for this event',
              });
            }
          }
          if (errors.length > 0) throw invalidFile(errors);
          if (dryRun) {
            let confirmed = 0;
            for (const mode of AttendanceModes) {
              const wanted = rows.filter((r) => r.input.mode === mode).length;
              const free = Math.max(0, capacityOf(event, mode) - (await countConfirmed(tx, event.id, mode)));
              confirmed += Math.min(wanted, free);
            }
            return {
              dryRun,
              rows: rows.length,
              encoding,
              confirmed,
              waitlisted: rows.length - confirmed,
              registrations: [],
            };
          }
          const audit = auditIn(request, tx);
          const ids: string[] = [];
          for (const { input } of rows) {
            ids.push((await register(tx, event, input, { source: 'import', emailsChecked: true }, audit)).id);
          }
          await audit({
            action: 'import',
            entityType: 'training_event',
            entityId: event.id,
            details: { rows: rows.length, encoding },
          });
          const all = await listRegistrations(tx, event.id, {}, null);
          const wanted = new Set(ids);
          const registrations = all.filter((r) => wanted.has(r.registration.id)).map(toTrainingRegistration);
          const confirmed = registrations.filter((r) => r.status === 'confirmed').length;
          return { dryRun, rows: rows.length, encoding, confirmed, waitlisted: rows.length - confirmed, registrations };
        });
        return reply.code(dryRun ? 200 : 201).send(result);
      },
    );
  });

  app.get(
    '/:id/registrations/:rid',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Read one registration; the ETag header carries its version',
        params: TrainingRegistrationParams,
        response: { 200: TrainingRegistration, ...problems([404, 'No such event or registration']) },
      },
    },
    async (request, reply) => {
      const row = await getRegistration(app.db, request.params.id, request.params.rid);
      if (!row) throw notFound('registration');
      setEtag(reply, row.registration.version);
      return toTrainingRegistration(row);
    },
  );

  app.patch(
    '/:id/registrations/:rid',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Correct a registration (If-Match required); a new mode is taken like a new registration there',
        params: TrainingRegistrationParams,
        body: UpdateTrainingRegistration,
        response: {
          200: TrainingRegistration,
          ...problems(
            [404, 'No such event or registration'],
            [
              409,
              'mode_full (a confirmed registrant keeps the seat), registration_cancelled, checked_in, already_registered, event_cancelled',
            ],
            [412, 'Stale ETag: reload and try again'],
            [422, 'mode_not_offered'],
            [428, 'If-Match missing'],
          ),
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const body = await app.db.transaction(async (tx) => {
        const [event, reg] = await lockedRegistration(tx, request.params.id, request.params.rid);
        if (reg.version !== version) throw staleEtag();
        refuseCancelled(event);
        if (reg.contactPurgedAt) {
          throw new HttpProblem(409, 'contact_details_purged', 'The contact details of this registration were deleted');
        }
        const patch = request.body;
        const audit = auditIn(request, tx);
        if (patch.email && patch.email.toLowerCase() !== reg.email?.toLowerCase() && reg.status !== 'cancelled') {
          await refuseTakenEmail(tx, event, patch.email, 'body.email');
        }
        const moved = patch.mode ? await changeMode(tx, event, reg, patch.mode, audit) : {};
        const name = patch.name ?? reg.name;
        const nameKana = patch.nameKana === undefined ? reg.nameKana : patch.nameKana;
        await setRegistration(tx, reg.id, { ...patch, ...moved, searchKey: searchKeyOf(name, nameKana) }, version);
        await audit({
          action: 'update',
          entityType: 'training_registration',
          entityId: reg.id,
          details: { fields: Object.keys(patch), ...(moved.mode ? { mode: [reg.mode, moved.mode] } : {}) },
        });
        if (moved.mode && reg.status === 'confirmed') await fill(tx, event, reg.mode, audit);
        return registrationResponse(tx, event.id, reg.id);
      });
      setEtag(reply, body.version);
      return body;
    },
  );

  app.delete(
    '/:id/registrations/:rid',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Erase a registration entered by mistake (to record that someone withdrew, cancel it instead)',
        params: TrainingRegistrationParams,
        response: {
          204: z.null(),
          ...problems([404, 'No such event or registration'], [409, 'checked_in: the registrant was checked in']),
        },
      },
    },
    async (request, reply) => {
      await app.db.transaction(async (tx) => {
        const [event, reg] = await lockedRegistration(tx, request.params.id, request.params.rid);
        await removeRegistration(tx, event, reg, auditIn(request, tx));
      });
      return reply.code(204).send(null);
    },
  );

  const action = (
    method: 'post' | 'delete',
    path: string,
    summary: string,
    conflicts: string,
    work: (tx: Tx, event: EventRow, reg: RegistrationRow, request: FastifyRequest) => Promise<unknown>,
  ) =>
    app.route({
      method: method.toUpperCase() as 'POST' | 'DELETE',
      url: `/:id/registrations/:rid/${path}`,
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary,
        params: TrainingRegistrationParams,
        response: {
          200: TrainingRegistration,
          ...problems([404, 'No such event or registration'], [409, conflicts]),
        },
      },
      handler: async (request) => {
        const params = request.params as z.infer<typeof TrainingRegistrationParams>;
        return app.db.transaction(async (tx) => {
          const [event, reg] = await lockedRegistration(tx, params.id, params.rid);
          await work(tx, event, reg, request);
          return registrationResponse(tx, event.id, reg.id);
        });
      },
    });

  app.post(
    '/:id/registrations/:rid/cancel',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Cancel a registration (idempotent); a freed seat goes to the first waiting in its mode',
        description:
          'The answer is the cancelled registration with `promoted`: the registration that moved up from the ' +
          'waitlist into the seat in the same transaction, or null. Cancelling again changes nothing and answers ' +
          '`promoted: null`.',
        params: TrainingRegistrationParams,
        response: {
          200: TrainingCancellation,
          ...problems([404, 'No such event or registration'], [409, 'checked_in or event_cancelled']),
        },
      },
    },
    async (request) =>
      app.db.transaction(async (tx) => {
        const [event, reg] = await lockedRegistration(tx, request.params.id, request.params.rid);
        const { promotedIds } = await cancelRegistration(tx, event, reg, auditIn(request, tx));
        const [first] = promotedIds;
        return {
          ...(await registrationResponse(tx, event.id, reg.id)),
          promoted: first ? await registrationResponse(tx, event.id, first) : null,
        };
      }),
  );
  action(
    'delete',
    'check-in',
    'Undo a check-in made by mistake (idempotent)',
    'event_cancelled',
    (tx, event, reg, request) => undoCheckIn(tx, event, reg, auditIn(request, tx)),
  );
  action(
    'post',
    'no-show',
    'Mark a confirmed registrant as not attending (欠席; idempotent)',
    'checked_in, not_confirmed or event_cancelled',
    (tx, event, reg, request) => markNoShow(tx, event, reg, true, auditIn(request, tx)),
  );
  action('delete', 'no-show', 'Take back a no-show mark (idempotent)', 'event_cancelled', (tx, event, reg, request) =>
    markNoShow(tx, event, reg, false, auditIn(request, tx)),
  );

  app.post(
    '/:id/registrations/:rid/check-in',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Check a registrant in (idempotent: a second check-in keeps the first time)',
        description:
          'The body may be omitted. A waitlisted registrant is refused (409 not_confirmed) unless ' +
          '`overrideCapacity: true`, which confirms and seats them beyond the capacity.',
        params: TrainingRegistrationParams,
        body: TrainingCheckInOptions.nullish(),
        response: {
          200: TrainingCheckIn,
          ...problems(
            [404, 'No such event or registration'],
            [409, 'registration_cancelled, not_confirmed (waitlisted) or event_cancelled'],
          ),
        },
      },
    },
    async (request) =>
      app.db.transaction(async (tx) => {
        const [event, reg] = await lockedRegistration(tx, request.params.id, request.params.rid);
        const override = request.body?.overrideCapacity ?? false;
        const result = await checkIn(tx, event, reg, override, auditIn(request, tx));
        return { ...(await registrationResponse(tx, event.id, reg.id)), alreadyCheckedIn: result.alreadyCheckedIn };
      }),
  );
};

export default routes;
