import type { Question, Survey, SurveySummary } from '@tsunagari/shared';
import { tokyoParts } from '@tsunagari/shared';
import { contextOf, type SurveyRow, statusOf } from './repository.ts';

export const todayInTokyo = (now = new Date()) => tokyoParts(now).date;

export { publicOrigin } from '../lib/public-origin.ts';

export const publicLink = (origin: string, token: string, card?: string) =>
  `${origin}/s/${token}${card ? `?card=${encodeURIComponent(card)}` : ''}`;

/** The one place a survey row becomes its response shape. */
export function toSurveySummary(
  row: SurveyRow & { questionCount: number },
  origin: string,
  today: string,
): SurveySummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    context: contextOf(row, row.pointIds),
    contextName: row.contextName,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    status: statusOf(row, today),
    oneAnswerPerCode: row.oneAnswerPerCode,
    publicToken: row.publicToken,
    publicUrl: publicLink(origin, row.publicToken),
    currentVersion: row.currentVersion,
    responseCount: row.responseCount,
    questionCount: row.questionCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSurvey(
  row: SurveyRow,
  questions: Question[],
  versions: { number: number; createdAt: Date; responseCount: number }[],
  origin: string,
  today: string,
): Survey {
  const { questionCount: _count, ...summary } = toSurveySummary(
    { ...row, questionCount: questions.length },
    origin,
    today,
  );
  return {
    ...summary,
    questions,
    versions: versions.map((v) => ({
      number: v.number,
      createdAt: v.createdAt.toISOString(),
      responseCount: v.responseCount,
    })),
  };
}
