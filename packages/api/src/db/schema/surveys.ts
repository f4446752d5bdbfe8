import type { OneAnswerPerCode, QuestionKind, ResponseChannel, SurveyContextKind } from '@tsunagari/shared';
import { OneAnswerPerCodes, QuestionKinds, ResponseChannels, SurveyContextKinds } from '@tsunagari/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, timestamps } from './common.ts';
import { consultationWindows } from './consultation-windows.ts';
import { distributionPoints } from './distribution-points.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A survey (アンケート). The context's training event is checked by the service, not by a foreign
 * key: the training feature deletes its events on its own terms, and a survey's results outlive them.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    title: text().notNull(),
    description: text(),
    contextKind: text().$type<SurveyContextKind>().notNull(),
    trainingEventId: uuid(),
    consultationWindowId: uuid().references(() => consultationWindows.id),
    opensOn: date({ mode: 'string' }),
    closesOn: date({ mode: 'string' }),
    oneAnswerPerCode: text().$type<OneAnswerPerCode>().notNull().default('none'),
    publicToken: text().notNull().unique(),
    /** The number of the version new answers go to. */
    currentVersion: integer().notNull().default(1),
    version: integer().notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index().on(t.title, t.id),
    index().on(t.trainingEventId),
    index().on(t.consultationWindowId),
    check('surveys_context_kind_check', sql`${t.contextKind} in (${inList(SurveyContextKinds)})`),
    check('surveys_one_answer_per_code_check', sql`${t.oneAnswerPerCode} in (${inList(OneAnswerPerCodes)})`),
    check(
      'surveys_context_ids_check',
      sql`(${t.trainingEventId} is not null) = (${t.contextKind} = 'training_event')
        and (${t.consultationWindowId} is not null) = (${t.contextKind} = 'consultation_window')`,
    ),
    check('surveys_dates_check', sql`${t.closesOn} is null or ${t.opensOn} is null or ${t.closesOn} >= ${t.opensOn}`),
  ],
);

/** The points of a distribution survey. */
export const surveyPoints = pgTable(
  'survey_points',
  {
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    distributionPointId: uuid()
      .notNull()
      .references(() => distributionPoints.id),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.distributionPointId] }), index().on(t.distributionPointId)],
);

/** One version of a survey's question set; responses keep the version they answered. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: id(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.surveyId, t.number)],
);

export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => surveyVersions.id, { onDelete: 'cascade' }),
    /** The same for a question kept from one version to the next. */
    key: uuid().notNull(),
    position: integer().notNull(),
    kind: text().$type<QuestionKind>().notNull(),
    text: text().notNull(),
    help: text(),
    required: boolean().notNull().default(false),
    maxChoices: integer(),
    minValue: doublePrecision(),
    maxValue: doublePrecision(),
    integer: boolean(),
    maxLength: integer(),
  },
  (t) => [
    unique().on(t.versionId, t.position),
    check('survey_questions_kind_check', sql`${t.kind} in (${inList(QuestionKinds)})`),
  ],
);

export const surveyOptions = pgTable(
  'survey_options',
  {
    id: id(),
    questionId: uuid()
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    label: text().notNull(),
    /** 1–5 on a scale, 1/0 for yes/no: what a mean is computed from. */
    value: integer(),
    countsAsSatisfied: boolean().notNull().default(false),
    countsAsPositive: boolean().notNull().default(false),
  },
  (t) => [unique().on(t.questionId, t.position)],
);

/**
 * One anonymous response. There is no column for who answered: only, when the survey allows one
 * answer per code, a hash of the code (salted with the survey id), so a second answer is refused.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    surveyId: uuid()
      .notNull()
      .references(() => surveys.id),
    versionId: uuid()
      .notNull()
      .references(() => surveyVersions.id),
    channel: text().$type<ResponseChannel>().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    distributionPointId: uuid().references(() => distributionPoints.id),
    codeHash: text(),
    /** Invented demo rows; never set through the API. */
    madeUp: boolean().notNull().default(false),
    recordedById: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.surveyId, t.submittedAt, t.id),
    index().on(t.versionId, t.submittedAt),
    unique('survey_responses_code_unique').on(t.surveyId, t.codeHash),
    check('survey_responses_channel_check', sql`${t.channel} in (${inList(ResponseChannels)})`),
  ],
);

/**
 * One row per answered (response, question): the chosen option of a single choice, scale or
 * yes/no, the number, or the (masked) text. Multiple choice keeps its choices in
 * survey_answer_choices, one row per option, so counts are plain GROUP BYs.
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid()
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => surveyQuestions.id),
    optionId: uuid().references(() => surveyOptions.id),
    numberValue: doublePrecision(),
    textValue: text(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId] }),
    // Results count a version's questions from this index alone (question, option, number, response).
    index().on(t.questionId, t.optionId, t.numberValue, t.responseId),
  ],
);

export const surveyAnswerChoices = pgTable(
  'survey_answer_choices',
  {
    responseId: uuid().notNull(),
    questionId: uuid().notNull(),
    optionId: uuid()
      .notNull()
      .references(() => surveyOptions.id),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId, t.optionId] }),
    foreignKey({
      columns: [t.responseId, t.questionId],
      foreignColumns: [surveyAnswers.responseId, surveyAnswers.questionId],
    }).onDelete('cascade'),
    index().on(t.questionId, t.optionId, t.responseId),
  ],
);
