import {
  CreatePaperResponse,
  CreateSurvey,
  DeleteResponseQuery,
  DeleteResponseReason,
  IdParams,
  page,
  ReplaceQuestions,
  type Role,
  Survey,
  SurveyQrQuery,
  SurveyQuery,
  SurveyResponse,
  SurveyResponseParams,
  SurveyResponseQuery,
  SurveyResults,
  SurveyResultsQuery,
  SurveySummary,
  SurveyVersion,
  SurveyVersionParams,
  TIME_ZONE,
  UpdateSurvey,
} from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { ROLES_ALL, ROLES_STAFF } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { decodeCursor, decodeTimeCursor, pageOf } from '../lib/cursor.ts';
import { requireIfMatch, setEtag, staleEtag } from '../lib/etag.ts';
import { IF_MATCH_PROBLEMS, problems } from '../lib/openapi.ts';
import { FOREIGN_KEY_VIOLATION, onViolation } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { randomToken } from '../lib/tokens.ts';
import { sendCsv, toCsv, wantsCsv } from '../reports/csv.ts';
import { publicLink, publicOrigin, todayInTokyo, toSurvey, toSurveySummary } from './present.ts';
import {
  answersOf,
  bumpSurvey,
  contextColumns,
  deleteQuestions,
  deleteResponse,
  deleteSurvey,
  getResponse,
  getSurvey,
  getVersion,
  insertQuestions,
  insertSurvey,
  insertVersion,
  listResponses,
  listSurveys,
  listVersions,
  loadQuestions,
  pointsByIds,
  rewordQuestions,
  type SurveyRow,
  setPoints,
  versionHasResponses,
} from './repository.ts';
import { type ResultsReader, responsesCsv, surveyResults } from './results.ts';
import { changesMeaning, checkContext, paperSubmittedAt, prepareQuestions, renumber } from './service.ts';
import { recordResponse } from './submit.ts';

const TAGS = ['surveys'];
/** Who may see a survey and its results: partners only those with their own points. */
const ROLES_READ: readonly Role[] = ROLES_ALL;
/** The QR code is printed by staff, and by partners for their own points. */
const ROLES_PRINT: readonly Role[] = ['admin', 'staff', 'partner'];
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

const SurveySummaryPage = page(SurveySummary, 'SurveySummaryPage');
const SurveyResponsePage = page(SurveyResponse, 'SurveyResponsePage');

/** A partner reads the surveys of its own points; everyone else with a role reads them all. */
function scopeOf(request: FastifyRequest): string | null {
  const p = request.principal;
  return p.role === 'partner' ? (p.organisationId ?? NO_ORGANISATION) : null;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const threshold = app.config.SUPPRESSION_THRESHOLD;

  /** The survey, or 404 (also for a partner's request about a survey without its points). */
  async function readable(db: DbOrTx, request: FastifyRequest, id: string, lock?: 'update' | 'share') {
    const row = await getSurvey(db, id, { lock });
    if (!row) throw notFound('survey');
    const scope = scopeOf(request);
    if (scope) {
      const points = await pointsByIds(db, row.pointIds);
      if (!points.some((p) => p.organisationId === scope)) throw notFound('survey');
    }
    return row;
  }

  async function present(db: DbOrTx, request: FastifyRequest, row: SurveyRow) {
    const version = await getVersion(db, row.id, row.currentVersion);
    const questions = version ? await loadQuestions(db, version.id) : [];
    const versions = await listVersions(db, row.id);
    return toSurvey(row, questions, versions, publicOrigin(app, request), todayInTokyo());
  }

  async function versionOf(db: DbOrTx, row: SurveyRow, number?: number) {
    const version = await getVersion(db, row.id, number ?? row.currentVersion);
    if (!version) {
      throw new HttpProblem(400, 'validation_failed', 'The survey has no such version', [
        { path: 'querystring.version', message: `versions run from 1 to ${row.currentVersion}` },
      ]);
    }
    return version;
  }

  // ------------------------------------------------------------------------------------------
  // Surveys

  app.get(
    '/',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'List surveys by title (partners: surveys at their own points)',
        querystring: SurveyQuery,
        response: { 200: SurveySummaryPage },
      },
    },
    async (request) => {
      const { limit, cursor, status, contextKind, q } = request.query;
      const after = decodeCursor(cursor, 2) as [string, string] | null;
      const today = todayInTokyo();
      const rows = await listSurveys(app.db, {
        limit,
        after,
        today,
        status,
        contextKind,
        q,
        organisationId: scopeOf(request) ?? undefined,
      });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.title, r.id]);
      const origin = publicOrigin(app, request);
      return { items: items.map((r) => toSurveySummary(r, origin, today)), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'Read a survey with the questions of its current version; the ETag header carries its version',
        params: IdParams,
        response: { 200: Survey, ...problems([404, 'No such survey (or not one of yours)']) },
      },
    },
    async (request, reply) => {
      const row = await readable(app.db, request, request.params.id);
      setEtag(reply, row.version);
      return present(app.db, request, row);
    },
  );

  app.post(
    '/',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Create a survey with its first version of questions',
        description:
          `opensOn and closesOn are calendar dates in ${TIME_ZONE}; without opensOn the survey stays a draft. ` +
          'A five-point scale counts 4 and 5 as satisfied unless its options say otherwise. Free-text and number ' +
          'questions that ask for a name, address, phone, e-mail or other identifier are refused (422 ' +
          'identity_question).',
        body: CreateSurvey,
        response: {
          201: Survey,
          ...problems([422, 'identity_question, unknown_distribution_point, unknown_window or unknown_training_event']),
        },
      },
    },
    async (request, reply) => {
      const { questions, ...fields } = request.body;
      const row = await app.db.transaction(async (tx) => {
        await checkContext(tx, fields.context);
        const prepared = prepareQuestions(questions, []);
        const created = await insertSurvey(tx, { ...fields, publicToken: randomToken(18) });
        await insertQuestions(tx, created.versionId, prepared);
        await request.audit(
          { action: 'create', entityType: 'survey', entityId: created.id, details: { questions: prepared.length } },
          tx,
        );
        const survey = await getSurvey(tx, created.id);
        if (!survey) throw new Error('created survey not found');
        return present(tx, request, survey);
      });
      setEtag(reply, row.version);
      reply.header('location', `/api/v1/surveys/${row.id}`);
      return reply.code(201).send(row);
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Change a survey’s title, description, context, dates or code rule (If-Match required)',
        params: IdParams,
        body: UpdateSurvey,
        response: {
          200: Survey,
          ...problems(
            [404, 'No such survey'],
            [422, 'unknown_distribution_point, unknown_window or unknown_training_event'],
          ),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      const row = await app.db.transaction(async (tx) => {
        const current = await readable(tx, request, request.params.id, 'update');
        if (current.version !== version) throw staleEtag();
        const patch = request.body;
        const merged = {
          opensOn: patch.opensOn !== undefined ? patch.opensOn : current.opensOn,
          closesOn: patch.closesOn !== undefined ? patch.closesOn : current.closesOn,
          oneAnswerPerCode: patch.oneAnswerPerCode ?? current.oneAnswerPerCode,
          contextKind: patch.context?.kind ?? current.contextKind,
        };
        const errors: { path: string; message: string }[] = [];
        if (merged.opensOn && merged.closesOn && merged.closesOn < merged.opensOn) {
          errors.push({ path: 'body.closesOn', message: 'must not be before opensOn' });
        }
        if (merged.oneAnswerPerCode === 'ticket' && merged.contextKind !== 'training_event') {
          errors.push({ path: 'body.oneAnswerPerCode', message: 'ticket needs a training_event context' });
        }
        if (merged.oneAnswerPerCode === 'card_code' && merged.contextKind !== 'distribution') {
          errors.push({ path: 'body.oneAnswerPerCode', message: 'card_code needs a distribution context' });
        }
        if (errors.length > 0)
          throw new HttpProblem(400, 'validation_failed', 'The survey would not be consistent', errors);
        await checkContext(tx, patch.context);
        const { context, ...rest } = patch;
        const ok = await bumpSurvey(tx, current.id, version, { ...rest, ...(context ? contextColumns(context) : {}) });
        if (!ok) throw staleEtag();
        if (context) await setPoints(tx, current.id, context);
        await request.audit(
          { action: 'update', entityType: 'survey', entityId: current.id, details: { fields: Object.keys(patch) } },
          tx,
        );
        const updated = await getSurvey(tx, current.id);
        if (!updated) throw notFound('survey');
        return present(tx, request, updated);
      });
      setEtag(reply, row.version);
      return row;
    },
  );

  app.put(
    '/:id/questions',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary:
          'Replace the ordered question list (If-Match required); a new version when answers would change meaning',
        description:
          'Send every question in order; keep a question (or option) by sending its id, omit the id for a new one. ' +
          'Changes of wording (question text, help, option labels) and of order are made in place. Any other change ' +
          '(a question or option added or removed, a kind, required, maxChoices, min, max, integer, maxLength, or ' +
          'an option’s satisfied or positive flag) is made in place while the current version has no responses, ' +
          'and otherwise creates a new version (currentVersion + 1) with new question ids; responses keep the ' +
          'version they answered, and results are per version.',
        params: IdParams,
        body: ReplaceQuestions,
        response: {
          200: Survey,
          ...problems([404, 'No such survey'], [422, 'identity_question']),
          ...IF_MATCH_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const etag = requireIfMatch(request);
      const row = await app.db.transaction(async (tx) => {
        const survey = await readable(tx, request, request.params.id, 'update');
        if (survey.version !== etag) throw staleEtag();
        const version = await versionOf(tx, survey);
        const current = await loadQuestions(tx, version.id);
        const next = prepareQuestions(request.body.questions, current);
        const answered = await versionHasResponses(tx, version.id);
        let change: 'in_place' | 'reworded' | 'new_version';
        let currentVersion = survey.currentVersion;
        if (!answered) {
          change = 'in_place';
          await deleteQuestions(tx, version.id);
          await insertQuestions(tx, version.id, next);
        } else if (!changesMeaning(current, next)) {
          change = 'reworded';
          await rewordQuestions(tx, version.id, next);
        } else {
          change = 'new_version';
          currentVersion += 1;
          const created = await insertVersion(tx, survey.id, currentVersion);
          await insertQuestions(tx, created.id, renumber(next));
        }
        if (!(await bumpSurvey(tx, survey.id, etag, { currentVersion }))) throw staleEtag();
        await request.audit(
          {
            action: 'update',
            entityType: 'survey',
            entityId: survey.id,
            details: { questions: next.length, change, version: currentVersion },
          },
          tx,
        );
        const updated = await getSurvey(tx, survey.id);
        if (!updated) throw notFound('survey');
        return present(tx, request, updated);
      });
      setEtag(reply, row.version);
      return row;
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a survey that has no responses',
        params: IdParams,
        response: { 204: z.null(), ...problems([404, 'No such survey'], [409, 'has_responses: delete them first']) },
      },
    },
    async (request, reply) => {
      await app.db
        .transaction(async (tx) => {
          const deleted = await deleteSurvey(tx, request.params.id);
          if (!deleted) throw notFound('survey');
          await request.audit({ action: 'delete', entityType: 'survey', entityId: deleted.id }, tx);
        })
        .catch(
          onViolation({
            [FOREIGN_KEY_VIOLATION]: () =>
              new HttpProblem(409, 'has_responses', 'The survey has responses; it can be closed, not deleted'),
          }),
        );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/:id/versions/:number',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: TAGS,
        summary: 'The questions of one version of a survey',
        params: SurveyVersionParams,
        response: { 200: SurveyVersion, ...problems([404, 'No such survey or version']) },
      },
    },
    async (request) => {
      const survey = await readable(app.db, request, request.params.id);
      const version = await getVersion(app.db, survey.id, request.params.number);
      if (!version) throw notFound('survey version');
      return {
        number: version.number,
        createdAt: version.createdAt.toISOString(),
        questions: await loadQuestions(app.db, version.id),
      };
    },
  );

  // ------------------------------------------------------------------------------------------
  // QR codes of the public link

  const qrDescription =
    'The link is <PUBLIC_BASE_URL or this host>/s/{publicToken}; with ?card=CODE (a card code of one of the ' +
    'survey’s points) answers through it are counted at that point.';

  async function qrLink(request: FastifyRequest, id: string, card: string | undefined) {
    const survey = await readable(app.db, request, id);
    if (card) {
      const points = await pointsByIds(app.db, survey.pointIds);
      if (!points.some((p) => p.cardCode === card)) {
        throw new HttpProblem(400, 'validation_failed', 'The card code is not one of the survey’s points', [
          { path: 'querystring.card', message: 'not a card code of this survey’s points' },
        ]);
      }
    }
    return publicLink(publicOrigin(app, request), survey.publicToken, card);
  }

  app.get(
    '/:id/qr.png',
    {
      config: { access: ROLES_PRINT },
      schema: {
        tags: TAGS,
        summary: 'QR code (PNG) of the survey’s public link, to print',
        description: qrDescription,
        params: IdParams,
        querystring: SurveyQrQuery,
        response: {
          200: { description: 'PNG image', content: { 'image/png': { schema: z.string().describe('PNG') } } },
          ...problems([404, 'No such survey']),
        },
      },
    },
    async (request, reply) => {
      const link = await qrLink(request, request.params.id, request.query.card);
      const png = await QRCode.toBuffer(link, {
        type: 'png',
        width: request.query.size,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return (
        reply
          .type('image/png')
          .header('cache-control', 'private, max-age=300')
          // A Buffer is sent as it is; the schema's string type only documents the body.
          .send(png as unknown as string)
      );
    },
  );

  app.get(
    '/:id/qr.svg',
    {
      config: { access: ROLES_PRINT },
      schema: {
        tags: TAGS,
        summary: 'QR code (SVG) of the survey’s public link, to print at any size',
        description: qrDescription,
        params: IdParams,
        querystring: SurveyQrQuery,
        response: {
          200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string().describe('SVG') } } },
          ...problems([404, 'No such survey']),
        },
      },
    },
    async (request, reply) => {
      const link = await qrLink(request, request.params.id, request.query.card);
      const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .serializer((body: unknown) => body as string)
        .send(svg);
    },
  );

  // ------------------------------------------------------------------------------------------
  // Responses (staff)

  app.post(
    '/:id/responses',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Enter a paper response (channel paper)',
        description:
          'Validated like a web answer (400 with one error per question). Free text has detected contact ' +
          'details masked before it is stored. Accepted whatever the survey’s dates, since paper comes in late. ' +
          'A code, when given, counts against one answer per code (409 already_answered).',
        params: IdParams,
        body: CreatePaperResponse,
        response: {
          201: SurveyResponse,
          ...problems([404, 'No such survey'], [409, 'already_answered'], [422, 'unknown_code']),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const submittedAt = paperSubmittedAt(body.submittedAt);
      const id = await recordResponse(app.db, request, request.params.id, {
        channel: 'paper',
        version: body.version,
        answers: body.answers,
        code: body.code,
        distributionPointId: body.distributionPointId,
        submittedAt,
        requireCode: false,
      });
      const row = await getResponse(app.db, request.params.id, id);
      if (!row) throw new Error('created response not found');
      const answers = await answersOf(app.db, [id]);
      reply.header('location', `/api/v1/surveys/${request.params.id}/responses/${id}`);
      return reply.code(201).send(toResponse(row, answers.get(id) ?? []));
    },
  );

  app.get(
    '/:id/responses',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'List responses, newest first',
        params: IdParams,
        querystring: SurveyResponseQuery,
        response: { 200: SurveyResponsePage, ...problems([404, 'No such survey']) },
      },
    },
    async (request) => {
      const survey = await readable(app.db, request, request.params.id);
      const { limit, cursor, channel, version } = request.query;
      const after = decodeTimeCursor(cursor);
      const rows = await listResponses(app.db, survey.id, { limit, after, channel, version });
      const { items, nextCursor } = pageOf(rows, limit, (r) => [r.cursorAt, r.id]);
      const answers = await answersOf(
        app.db,
        items.map((r) => r.id),
      );
      return { items: items.map((r) => toResponse(r, answers.get(r.id) ?? [])), nextCursor };
    },
  );

  app.get(
    '/:id/responses/:responseId',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Read one response',
        params: SurveyResponseParams,
        response: { 200: SurveyResponse, ...problems([404, 'No such survey or response']) },
      },
    },
    async (request) => {
      const row = await getResponse(app.db, request.params.id, request.params.responseId);
      if (!row) throw notFound('response');
      const answers = await answersOf(app.db, [row.id]);
      return toResponse(row, answers.get(row.id) ?? []);
    },
  );

  app.delete(
    '/:id/responses/:responseId',
    {
      config: { access: ROLES_STAFF },
      schema: {
        tags: TAGS,
        summary: 'Delete a response, with a reason (kept in the audit log)',
        description: 'The reason goes in the body ({ "reason": "…" }) or in ?reason=.',
        params: SurveyResponseParams,
        querystring: DeleteResponseQuery,
        // Without a body Fastify hands the validator null.
        body: DeleteResponseReason.nullish(),
        response: { 204: z.null(), ...problems([404, 'No such survey or response']) },
      },
    },
    async (request, reply) => {
      const reason = request.body?.reason ?? request.query.reason;
      if (!reason) {
        throw new HttpProblem(400, 'validation_failed', 'Say why the response is deleted', [
          { path: 'body.reason', message: 'required (in the body or as ?reason=)' },
        ]);
      }
      await app.db.transaction(async (tx) => {
        const deleted = await deleteResponse(tx, request.params.id, request.params.responseId);
        if (!deleted) throw notFound('response');
        await request.audit(
          {
            action: 'delete',
            entityType: 'survey_response',
            entityId: deleted.id,
            details: { surveyId: request.params.id, channel: deleted.channel, reason },
          },
          tx,
        );
      });
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------------------------------------
  // Results

  app.get(
    '/:id/results',
    {
      config: { access: ROLES_READ },
      schema: {
        // Listed with the other reports too, where analysts look for them.
        tags: [...TAGS, 'reports'],
        summary: 'アンケート集計: per question counts, shares with their denominators, means; JSON or CSV',
        description:
          'One version at a time (default the current one; `versions` lists how many responses each has). ' +
          `from/to are calendar dates in ${TIME_ZONE}, inclusive. Shares are of those who answered the question ` +
          '(`denominator`), never of those asked. Staff and admins read exact counts and the free text; analysts ' +
          'and partners (partners: surveys at their own points, counting the responses collected there) read ' +
          `counts with small-cell suppression (1–${threshold - 1} shown as { suppressed: true }) and no free text. ` +
          '`?format=csv` (staff and admins) gives one row per response, UTF-8 with a BOM and Japanese headers.',
        params: IdParams,
        querystring: SurveyResultsQuery,
        response: {
          200: {
            description: 'The results, as JSON or CSV',
            content: {
              'application/json': { schema: SurveyResults },
              'text/csv': {
                schema: z
                  .string()
                  .describe('One row per response; UTF-8 with a BOM')
                  .meta({
                    examples: [
                      '\uFEFF回答ID,版,回答日時,回答方法,配付場所,架空データ,Q1 本日の研修会の内容に満足しましたか\r\n' +
                        '0b6f4a52-3c1e-4d7a-9f2b-8e5d1c0a7b93,1,2021-11-19 16:00,紙,,,5（満足）\r\n',
                    ],
                  }),
              },
            },
          },
          ...problems([403, 'CSV of single responses is for staff and admins'], [404, 'No such survey']),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const survey = await readable(app.db, request, request.params.id);
      const version = await versionOf(app.db, survey, q.version);
      const questions = await loadQuestions(app.db, version.id);
      const role = request.principal.role;
      const staff = role === 'admin' || role === 'staff';
      const reader: ResultsReader = {
        organisationId: scopeOf(request),
        suppress: !staff,
        threshold,
        freeText: staff,
      };
      if (wantsCsv(request, q.format)) {
        if (!staff) {
          throw new HttpProblem(
            403,
            'forbidden',
            'One row per response is for staff and admins; read the JSON results',
          );
        }
        const csv = await responsesCsv(app.db, survey, version, questions, q, reader);
        return sendCsv(reply, `survey_${survey.id}_v${version.number}.csv`, toCsv(csv.header, csv.rows));
      }
      // A report: read from the replica when one is configured (DATABASE_READ_URL), as the other reports.
      const results = await surveyResults(app.dbRead ?? app.db, survey, version, questions, q, reader);
      return reply.type('application/json; charset=utf-8').send(results);
    },
  );
};

function toResponse(
  row: {
    id: string;
    surveyId: string;
    version: number;
    channel: 'web' | 'paper';
    submittedAt: Date;
    distributionPointId: string | null;
    madeUp: boolean;
    createdAt: Date;
  },
  answers: { questionId: string; value: string | number | boolean | string[] | null }[],
): SurveyResponse {
  return {
    id: row.id,
    surveyId: row.surveyId,
    version: row.version,
    channel: row.channel,
    submittedAt: row.submittedAt.toISOString(),
    distributionPointId: row.distributionPointId,
    madeUp: row.madeUp,
    answers,
    createdAt: row.createdAt.toISOString(),
  };
}

export default routes;
