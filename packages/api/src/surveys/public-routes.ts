import {
  PublicSurvey,
  PublicSurveyParams,
  PublicSurveyQuery,
  SubmitSurveyResponse,
  SurveyResponseReceived,
  TIME_ZONE,
} from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problems } from '../lib/openapi.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { todayInTokyo } from './present.ts';
import { getSurveyByToken, getVersion, loadQuestions, pointsByIds, type SurveyRow, statusOf } from './repository.ts';
import { recordResponse } from './submit.ts';

const TAGS = ['public', 'surveys'];

/**
 * Per client address. Generous, because the attendees of a seminar answer together from one
 * venue network behind one address; tight enough that a script cannot flood a survey.
 */
const FORM_READS_PER_MINUTE = 120;
const ANSWERS_PER_MINUTE = 30;

/** 404 for a draft (not published), 409 before the opening day, 410 after the closing day. */
function checkOpen(survey: SurveyRow) {
  const status = statusOf(survey, todayInTokyo());
  if (status === 'closed') {
    throw new HttpProblem(410, 'survey_closed', `The survey closed on ${survey.closesOn}`, undefined, {
      closesOn: survey.closesOn,
    });
  }
  if (status === 'draft') {
    if (!survey.opensOn) throw notFound('survey');
    throw new HttpProblem(409, 'survey_not_open', `The survey opens on ${survey.opensOn}`, undefined, {
      opensOn: survey.opensOn,
    });
  }
}

/** The public survey form and its answer: no sign-in, no identity, nothing but the answers. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const limit = (max: number) => (app.config.RATE_LIMIT === 'on' ? { max, timeWindow: '1 minute' } : false);

  app.get(
    '/:token',
    {
      config: { access: 'public', rateLimit: limit(FORM_READS_PER_MINUTE) },
      schema: {
        tags: TAGS,
        summary: 'The public form of an open survey (the page behind /s/{token})',
        description:
          'Questions of the current version, without the satisfied/positive flags. `card` (a card code of one of ' +
          'the survey’s points, from a link printed for that point) names the point; an unknown card gives ' +
          '`point: null`. A survey without an opening date is not found; before the opening day 409 ' +
          `survey_not_open, after the closing day 410 survey_closed (days in ${TIME_ZONE}).`,
        params: PublicSurveyParams,
        querystring: PublicSurveyQuery,
        response: {
          200: PublicSurvey,
          ...problems(
            [404, 'No such survey'],
            [409, 'survey_not_open'],
            [410, 'survey_closed'],
            [429, 'Too many requests from this address'],
          ),
        },
      },
    },
    async (request, reply) => {
      const survey = await getSurveyByToken(app.db, request.params.token);
      if (!survey) throw notFound('survey');
      checkOpen(survey);
      const version = await getVersion(app.db, survey.id, survey.currentVersion);
      const questions = version ? await loadQuestions(app.db, version.id) : [];
      if (questions.length === 0) throw new HttpProblem(409, 'survey_not_open', 'The survey has no questions yet');
      const card = request.query.card;
      const point = card ? (await pointsByIds(app.db, survey.pointIds)).find((p) => p.cardCode === card) : undefined;
      reply.header('cache-control', 'no-store');
      return {
        token: survey.publicToken,
        title: survey.title,
        description: survey.description,
        version: survey.currentVersion,
        closesOn: survey.closesOn,
        oneAnswerPerCode: survey.oneAnswerPerCode,
        point: point ? { name: point.name } : null,
        questions: questions.map(({ key: _key, ...q }) => ({
          ...q,
          options: q.options.map(({ id, label, value }) => ({ id, label, value })),
        })),
      };
    },
  );

  app.post(
    '/:token/responses',
    {
      config: { access: 'public', rateLimit: limit(ANSWERS_PER_MINUTE) },
      schema: {
        tags: TAGS,
        summary: 'Answer a survey anonymously',
        description:
          'Answers are checked against the questions of `version` (default the current one): 400 with one error ' +
          'per question. Free text in which contact details (phone, e-mail, address, postal code, individual ' +
          'number) are detected is stored with them masked (［電話番号］ …), not refused. With one answer per code ' +
          'the body carries `code`; a second answer with it gives 409 already_answered (only a hash is stored). ' +
          `Rate-limited to ${ANSWERS_PER_MINUTE} answers a minute per client address.`,
        params: PublicSurveyParams,
        body: SubmitSurveyResponse,
        response: {
          201: SurveyResponseReceived,
          ...problems(
            [404, 'No such survey'],
            [409, 'survey_not_open or already_answered'],
            [410, 'survey_closed'],
            [422, 'unknown_code'],
            [429, 'Too many answers from this address'],
          ),
        },
      },
    },
    async (request, reply) => {
      const survey = await getSurveyByToken(app.db, request.params.token);
      if (!survey) throw notFound('survey');
      checkOpen(survey);
      const body = request.body;
      // A bot fills every field; people never see this one. Answered like a success, stored nowhere.
      if (body.website?.trim()) {
        request.log.info({ surveyId: survey.id }, 'survey honeypot filled; answer dropped');
        return reply.code(201).send({ received: true as const });
      }
      await recordResponse(app.db, request, survey.id, {
        channel: 'web',
        version: body.version,
        answers: body.answers,
        code: body.code,
        card: body.card,
        submittedAt: new Date(),
        requireCode: true,
        checkOpen,
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ received: true as const });
    },
  );
};

export default routes;
