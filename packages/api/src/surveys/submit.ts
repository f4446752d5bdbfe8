import type { ResponseChannel, SurveyAnswerValue } from '@tsunagari/shared';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../lib/pg-errors.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { getSurvey, getVersion, insertResponses, loadQuestions, pointsByIds, type SurveyRow } from './repository.ts';
import { codeHash, normaliseCode, pointOfCard, prepareAnswers, ticketBelongsToEvent } from './service.ts';

export interface Submission {
  channel: ResponseChannel;
  version: number | undefined;
  answers: Record<string, SurveyAnswerValue | undefined>;
  code: string | undefined;
  /** The point the answer was collected at: by id (paper) or by the card code of the link (web). */
  distributionPointId?: string | null | undefined;
  card?: string | undefined;
  submittedAt: Date;
  /** The public form must carry the code when the survey takes one answer per code; paper may lack it. */
  requireCode: boolean;
  /** Checked under the survey lock, so an answer never lands in a survey that just closed. */
  checkOpen?: (survey: SurveyRow) => void;
}

const invalid = (path: string, message: string) =>
  new HttpProblem(400, 'validation_failed', 'The request does not match the schema', [{ path, message }]);

/**
 * Stores one response: answers checked against the version, free text masked, the point and the
 * code resolved; a second answer with the same code is refused with 409 already_answered.
 * The survey row is held FOR SHARE, so the question set cannot change under the answer.
 */
export async function recordResponse(db: Db, request: FastifyRequest, surveyId: string, s: Submission) {
  return db
    .transaction(async (tx) => {
      const survey = await getSurvey(tx, surveyId, { lock: 'share' });
      if (!survey) throw notFound('survey');
      s.checkOpen?.(survey);
      const number = s.version ?? survey.currentVersion;
      const version = number <= survey.currentVersion ? await getVersion(tx, survey.id, number) : null;
      if (!version) throw invalid('body.version', `versions run from 1 to ${survey.currentVersion}`);
      const questions = await loadQuestions(tx, version.id);
      if (questions.length === 0) {
        throw new HttpProblem(409, 'survey_not_open', 'The survey has no questions yet');
      }
      const { answers, masked } = prepareAnswers(questions, s.answers);
      if (answers.length === 0) {
        throw new HttpProblem(400, 'validation_failed', 'Answer at least one question', [
          { path: 'body.answers', message: 'no question answered' },
        ]);
      }

      const points = await pointsByIds(tx, survey.pointIds);
      let distributionPointId: string | null = null;
      if (s.distributionPointId) {
        if (!points.some((p) => p.id === s.distributionPointId)) {
          throw invalid('body.distributionPointId', 'not one of the survey’s distribution points');
        }
        distributionPointId = s.distributionPointId;
      }
      if (s.card) {
        const point = points.find((p) => p.cardCode === s.card);
        if (!point) throw invalid('body.card', 'not a card code of this survey’s points');
        distributionPointId = point.id;
      }

      let hash: string | null = null;
      const rule = survey.oneAnswerPerCode;
      if (rule !== 'none') {
        if (!s.code) {
          if (s.requireCode) {
            throw invalid('body.code', rule === 'ticket' ? 'the ticket code is required' : 'the card code is required');
          }
        } else {
          const code = normaliseCode(rule, s.code);
          if (rule === 'card_code') {
            const point = pointOfCard(points, code);
            if (!point) {
              throw new HttpProblem(422, 'unknown_code', 'The code is not one of this survey’s cards', [
                { path: 'body.code', message: 'expected a numbered card of one of the points, e.g. OTR-FUK-0042' },
              ]);
            }
            distributionPointId = point.id;
          } else if (survey.trainingEventId) {
            if (!(await ticketBelongsToEvent(tx, survey.trainingEventId, code))) {
              throw new HttpProblem(422, 'unknown_code', 'The code is not a ticket of this training event', [
                { path: 'body.code', message: 'not a ticket of this training event' },
              ]);
            }
          }
          hash = codeHash(survey.id, code);
        }
      }

      const [id] = await insertResponses(tx, [
        {
          surveyId: survey.id,
          versionId: version.id,
          channel: s.channel,
          submittedAt: s.submittedAt,
          distributionPointId,
          codeHash: hash,
          recordedById: s.channel === 'paper' ? request.principal.id : null,
          answers,
        },
      ]);
      await request.audit(
        {
          action: 'create',
          entityType: 'survey_response',
          entityId: id,
          details: { surveyId: survey.id, channel: s.channel, version: version.number, maskedAnswers: masked.length },
        },
        tx,
      );
      return id as string;
    })
    .catch((error) => {
      if (pgErrorCode(error) === UNIQUE_VIOLATION) {
        throw new HttpProblem(409, 'already_answered', 'This code has answered the survey already');
      }
      throw error;
    });
}
