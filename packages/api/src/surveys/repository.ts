import type {
  OneAnswerPerCode,
  Question,
  QuestionKind,
  ResponseChannel,
  SurveyContext,
  SurveyStatus,
} from '@tsunagari/shared';
import { and, asc, count, desc, eq, gt, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  distributionPoints,
  surveyAnswerChoices,
  surveyAnswers,
  surveyOptions,
  surveyPoints,
  surveyQuestions,
  surveyResponses,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';

export type SurveyRow = typeof surveys.$inferSelect & {
  pointIds: string[];
  responseCount: number;
  /** The training event's title or the window's name; null otherwise. */
  contextName: string | null;
};

/** draft before the opening date (or without one), closed after the closing date, open between. */
export function statusOf(row: { opensOn: string | null; closesOn: string | null }, today: string): SurveyStatus {
  if (!row.opensOn || today < row.opensOn) return 'draft';
  if (row.closesOn && today > row.closesOn) return 'closed';
  return 'open';
}

export function contextOf(row: typeof surveys.$inferSelect, pointIds: string[]): SurveyContext {
  switch (row.contextKind) {
    case 'training_event':
      return { kind: 'training_event', trainingEventId: row.trainingEventId as string };
    case 'distribution':
      return { kind: 'distribution', distributionPointIds: pointIds };
    case 'consultation_window':
      return { kind: 'consultation_window', consultationWindowId: row.consultationWindowId as string };
    default:
      return { kind: 'none' };
  }
}

/** The columns a context is stored in. */
export function contextColumns(context: SurveyContext) {
  return {
    contextKind: context.kind,
    trainingEventId: context.kind === 'training_event' ? context.trainingEventId : null,
    consultationWindowId: context.kind === 'consultation_window' ? context.consultationWindowId : null,
  };
}

// Written out with table names: in a single-table select drizzle leaves columns unqualified,
// which makes "id" ambiguous inside a subquery.
const pointIdsOf = sql<string[]>`coalesce((select array_agg(sp.distribution_point_id order by sp.distribution_point_id)
  from survey_points sp where sp.survey_id = "surveys"."id"), '{}')`;
const responseCountOf = sql<number>`(select count(*)::int from survey_responses sr where sr.survey_id = "surveys"."id")`;
// A training event may be deleted under a survey (no foreign key): its name is then null.
const contextNameOf = sql<string | null>`case "surveys"."context_kind"
  when 'training_event' then (select te.title from training_events te where te.id = "surveys"."training_event_id")
  when 'consultation_window' then (select cw.name from consultation_windows cw
    where cw.id = "surveys"."consultation_window_id")
  end`;
const questionCountOf = sql<number>`(select count(*)::int from survey_questions sq
  join survey_versions sv on sv.id = sq.version_id
  where sv.survey_id = "surveys"."id" and sv.number = "surveys"."current_version")`;

/** Surveys a partner may read: those with one of its organisation's points in their context. */
export const ofOrganisation = (organisationId: string) =>
  sql`exists (select 1 from survey_points sp join distribution_points dp on dp.id = sp.distribution_point_id
      where sp.survey_id = "surveys"."id" and dp.organisation_id = ${organisationId})`;

export async function getSurvey(db: DbOrTx, id: string, opts: { lock?: 'update' | 'share' } = {}) {
  if (opts.lock) {
    // Locks only the survey row: questions change under FOR UPDATE, answers arrive under FOR SHARE.
    const locked = await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, id)).for(opts.lock);
    if (locked.length === 0) return null;
  }
  const [row] = await db
    .select({ survey: surveys, pointIds: pointIdsOf, responseCount: responseCountOf, contextName: contextNameOf })
    .from(surveys)
    .where(eq(surveys.id, id));
  return row
    ? ({
        ...row.survey,
        pointIds: row.pointIds,
        responseCount: row.responseCount,
        contextName: row.contextName,
      } as SurveyRow)
    : null;
}

export async function getSurveyByToken(db: DbOrTx, token: string) {
  const [row] = await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.publicToken, token));
  return row ? getSurvey(db, row.id) : null;
}

export async function listSurveys(
  db: DbOrTx,
  opts: {
    limit: number;
    after: [string, string] | null;
    today: string;
    status?: SurveyStatus | undefined;
    contextKind?: SurveyContext['kind'] | undefined;
    q?: string | undefined;
    organisationId?: string | undefined;
  },
) {
  const today = opts.today;
  const statusFilter: Record<SurveyStatus, SQL | undefined> = {
    draft: or(sql`${surveys.opensOn} is null`, gt(surveys.opensOn, today)),
    closed: and(sql`${surveys.opensOn} <= ${today}`, lt(surveys.closesOn, today)),
    open: and(
      sql`${surveys.opensOn} <= ${today}`,
      or(sql`${surveys.closesOn} is null`, sql`${surveys.closesOn} >= ${today}`),
    ),
  };
  const after = opts.after;
  const rows = await db
    .select({
      survey: surveys,
      pointIds: pointIdsOf,
      responseCount: responseCountOf,
      questionCount: questionCountOf,
      contextName: contextNameOf,
    })
    .from(surveys)
    .where(
      and(
        after ? or(gt(surveys.title, after[0]), and(eq(surveys.title, after[0]), gt(surveys.id, after[1]))) : undefined,
        opts.status ? statusFilter[opts.status] : undefined,
        opts.contextKind ? eq(surveys.contextKind, opts.contextKind) : undefined,
        opts.q ? ilike(surveys.title, `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        opts.organisationId ? ofOrganisation(opts.organisationId) : undefined,
      ),
    )
    .orderBy(surveys.title, surveys.id)
    .limit(opts.limit + 1);
  return rows.map((r) => ({
    ...r.survey,
    pointIds: r.pointIds,
    responseCount: r.responseCount,
    questionCount: r.questionCount,
    contextName: r.contextName,
  }));
}

export async function insertSurvey(
  db: DbOrTx,
  values: {
    title: string;
    description: string | null;
    context: SurveyContext;
    opensOn: string | null;
    closesOn: string | null;
    oneAnswerPerCode: OneAnswerPerCode;
    publicToken: string;
  },
) {
  const [row] = await db
    .insert(surveys)
    .values({ ...values, ...contextColumns(values.context) })
    .returning({ id: surveys.id });
  const id = (row as { id: string }).id;
  await setPoints(db, id, values.context);
  const [version] = await db.insert(surveyVersions).values({ surveyId: id, number: 1 }).returning();
  return { id, versionId: (version as { id: string }).id };
}

export async function setPoints(db: DbOrTx, surveyId: string, context: SurveyContext) {
  await db.delete(surveyPoints).where(eq(surveyPoints.surveyId, surveyId));
  if (context.kind === 'distribution') {
    await db
      .insert(surveyPoints)
      .values(context.distributionPointIds.map((distributionPointId) => ({ surveyId, distributionPointId })));
  }
}

/** Updates only when the stored version is the one the client read; false otherwise. */
export async function bumpSurvey(db: DbOrTx, id: string, version: number, patch: Partial<typeof surveys.$inferInsert>) {
  const rows = await db
    .update(surveys)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(surveys.id, id), eq(surveys.version, version)))
    .returning({ id: surveys.id });
  return rows.length > 0;
}

export async function deleteSurvey(db: DbOrTx, id: string) {
  const [row] = await db.delete(surveys).where(eq(surveys.id, id)).returning({ id: surveys.id });
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Versions and questions

export async function getVersion(db: DbOrTx, surveyId: string, number: number) {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.number, number)));
  return row ?? null;
}

export async function listVersions(db: DbOrTx, surveyId: string) {
  return db
    .select({
      id: surveyVersions.id,
      number: surveyVersions.number,
      createdAt: surveyVersions.createdAt,
      responseCount: sql<number>`(select count(*)::int from survey_responses sr where sr.version_id = "survey_versions"."id")`,
    })
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(asc(surveyVersions.number));
}

export async function insertVersion(db: DbOrTx, surveyId: string, number: number) {
  const [row] = await db.insert(surveyVersions).values({ surveyId, number }).returning();
  return row as typeof surveyVersions.$inferSelect;
}

export async function versionHasResponses(db: DbOrTx, versionId: string) {
  const [row] = await db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(eq(surveyResponses.versionId, versionId))
    .limit(1);
  return Boolean(row);
}

/** The questions of one version, in order, with their options. */
export async function loadQuestions(db: DbOrTx, versionId: string): Promise<Question[]> {
  const questions = await db
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.versionId, versionId))
    .orderBy(asc(surveyQuestions.position));
  if (questions.length === 0) return [];
  const options = await db
    .select()
    .from(surveyOptions)
    .where(
      inArray(
        surveyOptions.questionId,
        questions.map((q) => q.id),
      ),
    )
    .orderBy(asc(surveyOptions.questionId), asc(surveyOptions.position));
  return questions.map((q) => ({
    id: q.id,
    key: q.key,
    position: q.position,
    kind: q.kind,
    text: q.text,
    help: q.help,
    required: q.required,
    options: options
      .filter((o) => o.questionId === q.id)
      .map((o) => ({
        id: o.id,
        label: o.label,
        value: o.value,
        countsAsSatisfied: o.countsAsSatisfied,
        countsAsPositive: o.countsAsPositive,
      })),
    maxChoices: q.maxChoices,
    min: q.minValue,
    max: q.maxValue,
    integer: q.integer,
    maxLength: q.maxLength,
  }));
}

/** A question as it is stored, ready to insert (ids chosen by the service). */
export interface QuestionRow {
  id: string;
  key: string;
  kind: QuestionKind;
  text: string;
  help: string | null;
  required: boolean;
  maxChoices: number | null;
  minValue: number | null;
  maxValue: number | null;
  integer: boolean | null;
  maxLength: number | null;
  options: {
    id: string;
    label: string;
    value: number | null;
    countsAsSatisfied: boolean;
    countsAsPositive: boolean;
  }[];
}

export async function insertQuestions(db: DbOrTx, versionId: string, questions: QuestionRow[]) {
  if (questions.length === 0) return;
  await db
    .insert(surveyQuestions)
    .values(questions.map(({ options: _options, ...q }, i) => ({ ...q, versionId, position: i + 1 })));
  const options = questions.flatMap((q) => q.options.map((o, i) => ({ ...o, questionId: q.id, position: i + 1 })));
  if (options.length > 0) await db.insert(surveyOptions).values(options);
}

export async function deleteQuestions(db: DbOrTx, versionId: string) {
  await db.delete(surveyQuestions).where(eq(surveyQuestions.versionId, versionId));
}

/**
 * Wording and order, changed in place. Positions are unique per version, so they are moved out
 * of the way (negated) first and then set.
 */
export async function rewordQuestions(db: DbOrTx, versionId: string, questions: QuestionRow[]) {
  await db
    .update(surveyQuestions)
    .set({ position: sql`-${surveyQuestions.position}` })
    .where(eq(surveyQuestions.versionId, versionId));
  for (const [i, q] of questions.entries()) {
    await db
      .update(surveyQuestions)
      .set({ position: i + 1, text: q.text, help: q.help })
      .where(eq(surveyQuestions.id, q.id));
    await db
      .update(surveyOptions)
      .set({ position: sql`-${surveyOptions.position}` })
      .where(eq(surveyOptions.questionId, q.id));
    for (const [j, o] of q.options.entries()) {
      await db
        .update(surveyOptions)
        .set({ position: j + 1, label: o.label })
        .where(eq(surveyOptions.id, o.id));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface NewResponse {
  surveyId: string;
  versionId: string;
  channel: ResponseChannel;
  submittedAt: Date;
  distributionPointId: string | null;
  codeHash: string | null;
  madeUp?: boolean;
  recordedById: string | null;
  answers: (
    | { questionId: string; optionId: string }
    | { questionId: string; optionIds: string[] }
    | { questionId: string; numberValue: number }
    | { questionId: string; textValue: string }
  )[];
}

/** Inserts many responses with their answers in a few statements (the demo loader uses it too). */
export async function insertResponses(db: DbOrTx, responses: NewResponse[]): Promise<string[]> {
  if (responses.length === 0) return [];
  const rows = await db
    .insert(surveyResponses)
    .values(responses.map(({ answers: _answers, ...r }) => r))
    .returning({ id: surveyResponses.id });
  const answerRows: (typeof surveyAnswers.$inferInsert)[] = [];
  const choiceRows: (typeof surveyAnswerChoices.$inferInsert)[] = [];
  responses.forEach((r, i) => {
    const responseId = (rows[i] as { id: string }).id;
    for (const a of r.answers) {
      answerRows.push({
        responseId,
        questionId: a.questionId,
        optionId: 'optionId' in a ? a.optionId : null,
        numberValue: 'numberValue' in a ? a.numberValue : null,
        textValue: 'textValue' in a ? a.textValue : null,
      });
      if ('optionIds' in a) {
        for (const optionId of a.optionIds) choiceRows.push({ responseId, questionId: a.questionId, optionId });
      }
    }
  });
  // PostgreSQL takes at most 65,535 parameters in one statement.
  for (let i = 0; i < answerRows.length; i += 5000)
    await db.insert(surveyAnswers).values(answerRows.slice(i, i + 5000));
  for (let i = 0; i < choiceRows.length; i += 5000) {
    await db.insert(surveyAnswerChoices).values(choiceRows.slice(i, i + 5000));
  }
  return rows.map((r) => r.id);
}

const responseColumns = {
  id: surveyResponses.id,
  surveyId: surveyResponses.surveyId,
  version: surveyVersions.number,
  channel: surveyResponses.channel,
  submittedAt: surveyResponses.submittedAt,
  cursorAt: sql<string>`${surveyResponses.submittedAt}::text`,
  distributionPointId: surveyResponses.distributionPointId,
  madeUp: surveyResponses.madeUp,
  createdAt: surveyResponses.createdAt,
};
type ResponseHead = {
  id: string;
  surveyId: string;
  version: number;
  channel: ResponseChannel;
  submittedAt: Date;
  cursorAt: string;
  distributionPointId: string | null;
  madeUp: boolean;
  createdAt: Date;
};

export async function listResponses(
  db: DbOrTx,
  surveyId: string,
  opts: {
    limit: number;
    after: [string, string] | null;
    channel?: ResponseChannel | undefined;
    version?: number | undefined;
  },
) {
  const after = opts.after;
  return (await db
    .select(responseColumns)
    .from(surveyResponses)
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyResponses.versionId))
    .where(
      and(
        eq(surveyResponses.surveyId, surveyId),
        opts.channel ? eq(surveyResponses.channel, opts.channel) : undefined,
        opts.version ? eq(surveyVersions.number, opts.version) : undefined,
        after
          ? or(
              sql`${surveyResponses.submittedAt} < ${after[0]}::timestamptz`,
              and(sql`${surveyResponses.submittedAt} = ${after[0]}::timestamptz`, lt(surveyResponses.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.submittedAt), desc(surveyResponses.id))
    .limit(opts.limit + 1)) as ResponseHead[];
}

export async function getResponse(db: DbOrTx, surveyId: string, responseId: string) {
  const [row] = (await db
    .select(responseColumns)
    .from(surveyResponses)
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveyResponses.versionId))
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.id, responseId)))) as ResponseHead[];
  return row ?? null;
}

/** The answers of some responses in the wire shape, keyed by response id. */
export async function answersOf(db: DbOrTx, responseIds: string[]) {
  const out = new Map<string, { questionId: string; value: string | number | boolean | string[] | null }[]>();
  if (responseIds.length === 0) return out;
  const rows = await db
    .select({
      responseId: surveyAnswers.responseId,
      questionId: surveyAnswers.questionId,
      kind: surveyQuestions.kind,
      position: surveyQuestions.position,
      optionId: surveyAnswers.optionId,
      optionValue: surveyOptions.value,
      numberValue: surveyAnswers.numberValue,
      textValue: surveyAnswers.textValue,
      choices: sql<string[] | null>`(select array_agg(${surveyAnswerChoices.optionId} order by o2.position)
        from ${surveyAnswerChoices} join ${surveyOptions} o2 on o2.id = ${surveyAnswerChoices.optionId}
        where ${surveyAnswerChoices.responseId} = ${surveyAnswers.responseId}
          and ${surveyAnswerChoices.questionId} = ${surveyAnswers.questionId})`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .leftJoin(surveyOptions, eq(surveyOptions.id, surveyAnswers.optionId))
    .where(inArray(surveyAnswers.responseId, responseIds))
    .orderBy(asc(surveyAnswers.responseId), asc(surveyQuestions.position));
  for (const r of rows) {
    let value: string | number | boolean | string[] | null = null;
    switch (r.kind) {
      case 'single_choice':
        value = r.optionId;
        break;
      case 'multiple_choice':
        value = r.choices ?? [];
        break;
      case 'scale5':
        value = r.optionValue;
        break;
      case 'yes_no':
        value = r.optionValue === 1;
        break;
      case 'number':
        value = r.numberValue;
        break;
      case 'free_text':
        value = r.textValue;
        break;
    }
    const list = out.get(r.responseId) ?? [];
    list.push({ questionId: r.questionId, value });
    out.set(r.responseId, list);
  }
  return out;
}

export async function deleteResponse(db: DbOrTx, surveyId: string, responseId: string) {
  const [row] = await db
    .delete(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.id, responseId)))
    .returning({ id: surveyResponses.id, versionId: surveyResponses.versionId, channel: surveyResponses.channel });
  return row ?? null;
}

export async function countResponses(db: DbOrTx, surveyId: string) {
  const [row] = await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

/** Points by id or by card code, with their organisation (for scoping and attribution). */
export async function pointsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: distributionPoints.id,
      name: distributionPoints.name,
      cardCode: distributionPoints.cardCode,
      organisationId: distributionPoints.organisationId,
    })
    .from(distributionPoints)
    .where(inArray(distributionPoints.id, ids));
}
