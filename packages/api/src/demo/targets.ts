/**
 * The FY2021 targets (目標数値) and 今後の課題 of the Otaru demo set.
 *
 * Facts from the source document (shared/seed/000_787d7df30df77fe3.txt, 【目標数値】 and 今後の課題):
 * the four targets and their figures (研修会参加者80名, 研修参加者の満足度80%, 土曜日における相談件数16件,
 * 今回の支援に対し、よかったと感じる人の割合70%) and the three challenges, word for word.
 * Made up (an interpretation, not in the source): how each target is computed from the records —
 * participants as those checked in at the year's training events; satisfaction as the share of
 * 4–5 answers on the seminar survey's five-point question; Saturday consultations as those at the
 * Saturday window on Saturdays; "よかった" as the share of はい on the hand-out survey's first
 * question. With the other demo data that gives 36 of 80 (45%), 31 of 36 satisfied (86.1%, met),
 * 0 of 16, and 48 of 60 (80%) against 70%.
 */
import { type CreateTargetMetric, CreateTargetMetric as CreateTargetMetricSchema } from '@tsunagari/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import {
  consultationWindows,
  resultsReportChallenges,
  surveyQuestions,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import { insertMetric } from '../target-metrics/repository.ts';
import { checkDefinition, storedDefinition } from '../target-metrics/service.ts';
import { DEMO_HANDOUT_SURVEY_TOKEN, DEMO_SEMINAR_SURVEY_TOKEN } from './surveys.ts';
import { SATURDAY_WINDOW_NAME } from './windows.ts';

const FISCAL_YEAR = 2021;

export const DEMO_CHALLENGES_FY2021 = [
  '・新規で開設した相談窓口の利用者がいなかったことから、効果的な周知方法を検討する必要がある。',
  '・今回の事業にはない、アウトリーチ型やSNSによる相談、コロナ禍で休止となっている支援事業の場での支援など、事業内容を再検討する必要がある。',
  '・生理用品配付により相談につながることを目的としていたが、用品の配付が直接相談に結び付くケースは少なく、いかにして悩みを抱えて潜在化している女性を見つけ出すかが課題である。',
].join('\n');

/** The first question of a demo survey's first version, found by the survey's fixed public token. */
async function firstQuestion(tx: Tx, token: string) {
  const [row] = await tx
    .select({ surveyId: surveys.id, questionId: surveyQuestions.id })
    .from(surveys)
    .innerJoin(surveyVersions, and(eq(surveyVersions.surveyId, surveys.id), eq(surveyVersions.number, 1)))
    .innerJoin(surveyQuestions, eq(surveyQuestions.versionId, surveyVersions.id))
    .where(eq(surveys.publicToken, token))
    .orderBy(asc(surveyQuestions.position))
    .limit(1);
  return row ?? null;
}

/** Needs the windows, the training event and the surveys: call last. */
export async function seedTargets(tx: Tx): Promise<void> {
  const seminar = await firstQuestion(tx, DEMO_SEMINAR_SURVEY_TOKEN);
  const handout = await firstQuestion(tx, DEMO_HANDOUT_SURVEY_TOKEN);
  const [saturday] = await tx
    .select({ id: consultationWindows.id })
    .from(consultationWindows)
    .where(eq(consultationWindows.name, SATURDAY_WINDOW_NAME));
  const targets: CreateTargetMetric[] = [
    {
      fiscalYear: FISCAL_YEAR,
      position: 1,
      label: '研修会参加者',
      unit: 'people',
      target: 80,
      description: '女性相談担当者養成研修会の参加者数（出席者）',
      definition: { kind: 'training_participants', basis: 'attended' },
    },
    ...(seminar
      ? [
          {
            fiscalYear: FISCAL_YEAR,
            position: 2,
            label: '研修参加者の満足度',
            unit: 'percent' as const,
            target: 80,
            description: '研修会アンケートで「満足」「おおむね満足」と答えた人の割合',
            definition: { kind: 'survey_satisfied_share' as const, ...seminar },
          },
        ]
      : []),
    ...(saturday
      ? [
          {
            fiscalYear: FISCAL_YEAR,
            position: 3,
            label: '土曜日における相談件数',
            unit: 'count' as const,
            target: 16,
            description: '土曜日に開設した女性専用相談窓口での相談件数',
            definition: { kind: 'consultations' as const, windowIds: [saturday.id], weekdays: [6] },
          },
        ]
      : []),
    ...(handout
      ? [
          {
            fiscalYear: FISCAL_YEAR,
            position: 4,
            label: '今回の支援に対し、よかったと感じる人の割合',
            unit: 'percent' as const,
            target: 70,
            description: '生理用品を受け取った人へのアンケートで「よかった」と答えた人の割合',
            definition: { kind: 'survey_positive_share' as const, ...handout },
          },
        ]
      : []),
  ];
  for (const input of targets) {
    const m = CreateTargetMetricSchema.parse(input);
    // The same checks as the API: a demo target that no longer fits the records fails the load.
    await checkDefinition(tx, m.fiscalYear, m.definition, 'demo.definition');
    await insertMetric(tx, {
      fiscalYear: m.fiscalYear,
      label: m.label,
      unit: m.unit,
      target: m.target,
      direction: m.direction,
      description: m.description,
      position: m.position ?? 0,
      definition: storedDefinition(m.definition),
    });
  }
  await tx
    .insert(resultsReportChallenges)
    .values({ fiscalYear: FISCAL_YEAR, text: DEMO_CHALLENGES_FY2021, updatedBy: '事業実績報告（令和3年度）より' });
}
