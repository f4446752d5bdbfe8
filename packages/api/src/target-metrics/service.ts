/**
 * The rules of a target metric beyond its shape: every record a definition names must exist,
 * a training event must belong to the metric's fiscal year, and a survey question must have
 * options that count as satisfied (or positive), or its share could never be computed.
 */
import {
  fiscalYearBounds,
  type MetricDefinitionParsed,
  type MetricUnit,
  metricIssues,
  type StoredMetricDefinition,
} from '@tsunagari/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import {
  consultationWindows,
  distributionPoints,
  surveyOptions,
  surveyQuestions,
  surveys,
  surveyVersions,
  trainingEvents,
} from '../db/schema/index.ts';
import { HttpProblem } from '../lib/problem.ts';

type Issue = { path: string; message: string };

async function missingIds(db: DbOrTx, table: 'windows' | 'points', ids: string[] | undefined, path: string) {
  if (!ids) return [];
  const t = table === 'windows' ? consultationWindows : distributionPoints;
  const found = new Set((await db.select({ id: t.id }).from(t).where(inArray(t.id, ids))).map((r) => r.id));
  return ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `${path}.${i}`, message: `no such ${table === 'windows' ? 'window' : 'point'}` }],
  );
}

/**
 * Checks a definition against the records (`prefix` is where it sits in the request, e.g.
 * body.definition); throws 422 with a code naming what is wrong.
 */
export async function checkDefinition(
  db: DbOrTx,
  fiscalYear: number,
  def: MetricDefinitionParsed | StoredMetricDefinition,
  prefix: string,
): Promise<void> {
  const at = (field: string) => `${prefix}.${field}`;
  switch (def.kind) {
    case 'training_participants': {
      if (!def.eventIds) return;
      const rows = await db
        .select({ id: trainingEvents.id, fiscalYear: trainingEvents.fiscalYear })
        .from(trainingEvents)
        .where(inArray(trainingEvents.id, def.eventIds));
      const year = new Map(rows.map((r) => [r.id, r.fiscalYear]));
      const unknown: Issue[] = [];
      const elsewhere: Issue[] = [];
      def.eventIds.forEach((id, i) => {
        const fy = year.get(id);
        if (fy === undefined) unknown.push({ path: at(`eventIds.${i}`), message: 'no such training event' });
        else if (fy !== fiscalYear) {
          elsewhere.push({
            path: at(`eventIds.${i}`),
            message: `the event is in fiscal year ${fy}, not ${fiscalYear}`,
          });
        }
      });
      if (unknown.length > 0) throw unknownReference(unknown);
      if (elsewhere.length > 0) {
        throw new HttpProblem(
          422,
          'event_outside_fiscal_year',
          'A training event named is not in the metric’s fiscal year',
          elsewhere,
        );
      }
      return;
    }
    case 'survey_satisfied_share':
    case 'survey_positive_share': {
      const [survey] = await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, def.surveyId));
      if (!survey) throw unknownReference([{ path: at('surveyId'), message: 'no such survey' }]);
      const [question] = await db
        .select({ id: surveyQuestions.id, kind: surveyQuestions.kind })
        .from(surveyQuestions)
        .innerJoin(surveyVersions, eq(surveyVersions.id, surveyQuestions.versionId))
        .where(and(eq(surveyQuestions.id, def.questionId), eq(surveyVersions.surveyId, def.surveyId)));
      if (!question) {
        throw unknownReference([{ path: at('questionId'), message: 'not a question of this survey' }]);
      }
      const satisfied = def.kind === 'survey_satisfied_share';
      const flag = satisfied ? surveyOptions.countsAsSatisfied : surveyOptions.countsAsPositive;
      const [flagged] = await db
        .select({ id: surveyOptions.id })
        .from(surveyOptions)
        .where(and(eq(surveyOptions.questionId, question.id), eq(flag, true)))
        .limit(1);
      if (!flagged) {
        const word = satisfied ? 'satisfied' : 'positive';
        throw new HttpProblem(
          422,
          satisfied ? 'question_has_no_satisfied_options' : 'question_has_no_positive_options',
          `No option of this question counts as ${word}, so its ${word} share cannot be computed; mark the options ` +
            `that count as ${word} in the survey (countsAs${satisfied ? 'Satisfied' : 'Positive'}), or name another question`,
          [{ path: at('questionId'), message: `has no option that counts as ${word}` }],
        );
      }
      return;
    }
    case 'consultations': {
      const unknown = await missingIds(db, 'windows', def.windowIds, at('windowIds'));
      if (unknown.length > 0) throw unknownReference(unknown);
      return;
    }
    case 'sets_handed_out':
    case 'funnel_conversion': {
      const unknown = await missingIds(db, 'points', def.pointIds, at('pointIds'));
      if (unknown.length > 0) throw unknownReference(unknown);
      return;
    }
    case 'manual': {
      const { from } = fiscalYearBounds(fiscalYear);
      const early = (def.entries ?? []).flatMap((e, i) =>
        e.asOf < from ? [{ path: at(`entries.${i}.asOf`), message: `must be on or after ${from}` }] : [],
      );
      if (early.length > 0) throw validation(early);
      return;
    }
  }
}

const unknownReference = (errors: Issue[]) =>
  new HttpProblem(422, 'unknown_reference', 'The definition names records that do not exist', errors);

export const validation = (errors: Issue[]) =>
  new HttpProblem(400, 'validation_failed', 'The request does not match the schema', errors);

/** Unit, target and definition of the metric as it will be after a change. */
export function checkConsistency(m: {
  unit: MetricUnit;
  target: number;
  definition: { kind: StoredMetricDefinition['kind'] };
}) {
  const issues = metricIssues(m, 'body');
  if (issues.length > 0) throw validation(issues);
}

/** What is stored of a definition: a manual metric's history goes to its own table. */
export function storedDefinition(def: MetricDefinitionParsed): StoredMetricDefinition {
  return def.kind === 'manual' ? { kind: 'manual' } : def;
}
