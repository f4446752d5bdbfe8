/**
 * The surveys of the Otaru FY2021 demo set.
 *
 * Facts from the source document: the training seminar of 2021-11-19 had 36 participants and
 * a satisfaction of about 86% (target 80%); the target for the hand-outs is that 70% of the
 * women feel the support was good (今回の支援に対し、よかったと感じる人の割合).
 *
 * MADE UP (made_up = true on every response): every answer. The seminar survey's answers are
 * chosen so that 31 of the 36 attendees answer 4 or 5 on the five-point satisfaction scale
 * (31 / 36 = 86.1%); the venue attendees answered on paper, the online ones on the web form,
 * each with their own ticket (only its hash is stored). The hand-out survey's 60 answers are
 * spread over the distribution points and the period, 48 of them "yes" (80%). The questions'
 * wording, the other answers and the comments are invented. Fixed rows, no randomness: every
 * load gives the same set, and the public tokens are fixed so that links in guides work.
 */
import { QuestionInput, type QuestionInputParsed, tokyoInstant } from '@tsunagari/shared';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { distributionPoints, trainingEvents, trainingRegistrations } from '../db/schema/index.ts';
import {
  getSurvey,
  insertQuestions,
  insertResponses,
  insertSurvey,
  loadQuestions,
  type NewResponse,
} from '../surveys/repository.ts';
import { codeHash, normaliseCode, prepareQuestions } from '../surveys/service.ts';
import { DEMO_SEMINAR_TITLE } from './training.ts';

export const DEMO_SEMINAR_SURVEY_TOKEN = 'demo-fy2021-seminar';
export const DEMO_HANDOUT_SURVEY_TOKEN = 'demo-fy2021-handout';

const parse = (questions: unknown[]): QuestionInputParsed[] => questions.map((q) => QuestionInput.parse(q));

const seminarQuestions = parse([
  {
    kind: 'scale5',
    text: '本日の研修会の内容に満足しましたか',
    required: true,
    // The default labels; 4 (おおむね満足) and 5 (満足) count as satisfied.
  },
  {
    kind: 'yes_no',
    text: '研修の内容は今後の活動に役立つと思いますか',
    options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
  },
  {
    kind: 'multiple_choice',
    text: '特に参考になった内容を選んでください（2つまで）',
    maxChoices: 2,
    options: [{ label: '講義' }, { label: '事例紹介' }, { label: '相談窓口の紹介' }, { label: '意見交換' }],
  },
  { kind: 'free_text', text: 'ご意見・ご感想をお書きください', maxLength: 500 },
]);

/** Satisfaction of the 36 attendees, in registration order: 18 × 5, 13 × 4, 4 × 3, 1 × 2. */
const SATISFACTION = [
  5, 4, 5, 5, 4, 3, 5, 4, 5, 4, 5, 5, 4, 2, 5, 4, 5, 3, 4, 5, 5, 4, 5, 4, 3, 5, 4, 5, 4, 5, 5, 4, 3, 5, 4, 5,
];
const COMMENTS: Record<number, string> = {
  0: '相談を受ける側の心構えがよく分かりました。（架空）',
  4: '窓口の一覧を配ってもらえて助かりました。（架空）',
  13: 'オンラインの音声が聞き取りにくいところがありました。（架空）',
  20: '事例をもっと聞きたかったです。（架空）',
  31: '学校でも案内カードを配りたいと思います。（架空）',
};

const handoutQuestions = parse([
  {
    kind: 'yes_no',
    text: '今回の支援（生理用品の配付）はよかったですか',
    required: true,
    options: [{ label: 'はい', countsAsPositive: true, countsAsSatisfied: true }, { label: 'いいえ' }],
  },
  {
    kind: 'single_choice',
    text: 'この配付を何で知りましたか',
    options: [
      { label: 'チラシ' },
      { label: '学校' },
      { label: '広報誌' },
      { label: 'ホームページ' },
      { label: 'その他' },
    ],
  },
  {
    kind: 'yes_no',
    text: '同封の案内カードで相談窓口を知りましたか',
    options: [{ label: 'はい', countsAsPositive: true }, { label: 'いいえ' }],
  },
  { kind: 'free_text', text: 'ご意見があればお書きください', maxLength: 300 },
]);

const HANDOUT_ANSWERS = 60;

async function createSurvey(tx: Tx, fields: Parameters<typeof insertSurvey>[1], questions: QuestionInputParsed[]) {
  const created = await insertSurvey(tx, fields);
  await insertQuestions(tx, created.versionId, prepareQuestions(questions, []));
  const survey = await getSurvey(tx, created.id);
  if (!survey) throw new Error('demo survey not inserted');
  return { survey, versionId: created.versionId, questions: await loadQuestions(tx, created.versionId) };
}

/** Needs the training event and the distribution points: call after seedTraining and seedDistribution. */
export async function seedSurveys(tx: Tx) {
  await seedSeminarSurvey(tx);
  await seedHandoutSurvey(tx);
}

async function seedSeminarSurvey(tx: Tx) {
  const [event] = await tx
    .select({ id: trainingEvents.id })
    .from(trainingEvents)
    .where(eq(trainingEvents.title, DEMO_SEMINAR_TITLE));
  const attendees = event
    ? await tx
        .select({ mode: trainingRegistrations.mode, ticket: trainingRegistrations.ticketToken })
        .from(trainingRegistrations)
        .where(eq(trainingRegistrations.eventId, event.id))
        .orderBy(asc(trainingRegistrations.seq))
    : [];
  const { survey, versionId, questions } = await createSurvey(
    tx,
    {
      title: '女性相談担当者養成研修会 アンケート',
      description:
        '研修会へのご参加ありがとうございました。今後の研修の参考にするため、ご協力をお願いします。（無記名）',
      context: event ? { kind: 'training_event', trainingEventId: event.id } : { kind: 'none' },
      opensOn: '2021-11-19',
      closesOn: '2021-12-03',
      oneAnswerPerCode: event ? 'ticket' : 'none',
      publicToken: DEMO_SEMINAR_SURVEY_TOKEN,
    },
    seminarQuestions,
  );
  const [satisfaction, useful, topics, comment] = questions as [
    (typeof questions)[number],
    (typeof questions)[number],
    (typeof questions)[number],
    (typeof questions)[number],
  ];
  const optionOf = (value: number) => satisfaction.options.find((o) => o.value === value)?.id as string;
  const responses: NewResponse[] = SATISFACTION.map((value, i) => {
    const attendee = attendees[i];
    // Without the training data, the first 28 count as the venue (paper) and the last 8 as online.
    const online = attendee ? attendee.mode === 'online' : i >= 28;
    const answers: NewResponse['answers'] = [{ questionId: satisfaction.id, optionId: optionOf(value) }];
    const yes = useful.options[0]?.id as string;
    const no = useful.options[1]?.id as string;
    if (i !== 7) answers.push({ questionId: useful.id, optionId: value >= 3 ? yes : i % 2 ? yes : no });
    if (i % 3 !== 2) {
      const picks = [topics.options[i % 4]?.id, topics.options[(i + 2) % 4]?.id].slice(0, i % 2 ? 2 : 1);
      answers.push({ questionId: topics.id, optionIds: picks as string[] });
    }
    if (COMMENTS[i]) answers.push({ questionId: comment.id, textValue: COMMENTS[i] as string });
    return {
      surveyId: survey.id,
      versionId,
      channel: online ? 'web' : 'paper',
      submittedAt: online
        ? new Date(tokyoInstant('2021-11-19', '16:05').getTime() + i * 7 * 60_000)
        : tokyoInstant('2021-11-19', '16:00'),
      distributionPointId: null,
      codeHash: attendee?.ticket ? codeHash(survey.id, normaliseCode('ticket', attendee.ticket)) : null,
      madeUp: true,
      recordedById: null,
      answers,
    };
  });
  await insertResponses(tx, responses);
}

async function seedHandoutSurvey(tx: Tx) {
  const points = await tx
    .select({ id: distributionPoints.id })
    .from(distributionPoints)
    .orderBy(asc(distributionPoints.name), asc(distributionPoints.id));
  const { survey, versionId, questions } = await createSurvey(
    tx,
    {
      title: '生理用品配付 アンケート',
      description:
        '生理用品を受け取った方へ。今後の支援のため、2分ほどのアンケートにご協力ください。名前などは書かないでください。',
      context:
        points.length > 0 ? { kind: 'distribution', distributionPointIds: points.map((p) => p.id) } : { kind: 'none' },
      opensOn: '2021-11-18',
      closesOn: '2022-02-28',
      oneAnswerPerCode: 'none',
      publicToken: DEMO_HANDOUT_SURVEY_TOKEN,
    },
    handoutQuestions,
  );
  const [good, heard, card, comment] = questions as [
    (typeof questions)[number],
    (typeof questions)[number],
    (typeof questions)[number],
    (typeof questions)[number],
  ];
  const start = tokyoInstant('2021-11-18', '10:00').getTime();
  const span = tokyoInstant('2022-02-28', '10:00').getTime() - start;
  const responses: NewResponse[] = Array.from({ length: HANDOUT_ANSWERS }, (_, k) => {
    // Every fifth answer is "no": 48 of 60 (80%) felt the support was good.
    const yes = k % 5 !== 4;
    const answers: NewResponse['answers'] = [
      { questionId: good.id, optionId: good.options[yes ? 0 : 1]?.id as string },
    ];
    if (k % 4 !== 3) answers.push({ questionId: heard.id, optionId: heard.options[(k * 3) % 5]?.id as string });
    if (k % 3 !== 1) answers.push({ questionId: card.id, optionId: card.options[k % 7 < 3 ? 0 : 1]?.id as string });
    if (k === 5) answers.push({ questionId: comment.id, textValue: '学校で受け取れて助かりました。（架空）' });
    if (k === 22)
      answers.push({ questionId: comment.id, textValue: '封筒に入っていたので受け取りやすかったです。（架空）' });
    return {
      surveyId: survey.id,
      versionId,
      channel: k % 6 === 0 ? 'paper' : 'web',
      submittedAt: new Date(start + Math.floor((span * k) / HANDOUT_ANSWERS) + (k % 7) * 3_600_000),
      distributionPointId: points.length > 0 ? (points[(k * 7) % points.length]?.id ?? null) : null,
      codeHash: null,
      madeUp: true,
      recordedById: null,
      answers,
    };
  });
  await insertResponses(tx, responses);
}
