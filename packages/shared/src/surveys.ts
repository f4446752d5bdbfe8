import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';
import { CardCode } from './distribution-points.ts';
import { ReportCount, ReportFormat, SuppressionInfo } from './reports.ts';
import { line, paragraph, unique } from './text.ts';

/**
 * Surveys (アンケート): ordered questions answered anonymously on a phone (web) or typed in from
 * paper by staff. Options say which answers count as satisfied (満足) or positive (よかった), so
 * the programme's target metrics can be computed honestly: shares are of those who answered the
 * question, never of those who were asked.
 *
 * The question set is versioned. Wording fixes (question text, help, option labels) and order
 * changes are made in place; anything that would change what a stored answer means (adding or
 * removing a question or an option, a kind, required, limits, an option's value or flags) makes a
 * new version once the current one has responses. A response keeps the version it answered.
 */

export const SurveyContextKinds = ['training_event', 'distribution', 'consultation_window', 'none'] as const;
export type SurveyContextKind = (typeof SurveyContextKinds)[number];

export const QuestionKinds = ['single_choice', 'multiple_choice', 'scale5', 'yes_no', 'number', 'free_text'] as const;
export const QuestionKind = z
  .enum(QuestionKinds)
  .describe(
    'single_choice (単一選択) | multiple_choice (複数選択, maxChoices) | scale5 (5段階) | yes_no (はい・いいえ) | ' +
      'number (数値, min/max) | free_text (自由記述, maxLength)',
  );
export type QuestionKind = z.infer<typeof QuestionKind>;

export const QuestionKindLabels: Record<QuestionKind, string> = {
  single_choice: '単一選択',
  multiple_choice: '複数選択',
  scale5: '5段階評価',
  yes_no: 'はい・いいえ',
  number: '数値',
  free_text: '自由記述',
};

export const OneAnswerPerCodes = ['none', 'ticket', 'card_code'] as const;
export const OneAnswerPerCode = z
  .enum(OneAnswerPerCodes)
  .describe(
    'none: anyone may answer any number of times | ticket: each training ticket answers once (training_event ' +
      'context) | card_code: each numbered hand-out card (point code and serial, e.g. OTR-FUK-0042) answers once ' +
      '(distribution context). Only a hash of the code is stored.',
  );
export type OneAnswerPerCode = z.infer<typeof OneAnswerPerCode>;

export const ResponseChannels = ['web', 'paper'] as const;
export const ResponseChannel = z.enum(ResponseChannels).describe('web (公開フォーム) | paper (紙の回答を職員が入力)');
export type ResponseChannel = z.infer<typeof ResponseChannel>;
export const ResponseChannelLabels: Record<ResponseChannel, string> = { web: 'Web', paper: '紙' };

export const SurveyStatuses = ['draft', 'open', 'closed'] as const;
export const SurveyStatus = z
  .enum(SurveyStatuses)
  .describe('draft: no opening date, or before it | open: answers accepted | closed: after the closing date');
export type SurveyStatus = z.infer<typeof SurveyStatus>;

export const SURVEY_TITLE_MAX = 200;
export const SURVEY_DESCRIPTION_MAX = 2000;
export const QUESTION_TEXT_MAX = 300;
export const QUESTION_HELP_MAX = 500;
export const OPTION_LABEL_MAX = 100;
export const SURVEY_MAX_QUESTIONS = 100;
export const SURVEY_MAX_OPTIONS = 30;
export const FREE_TEXT_MAX = 2000;
export const FREE_TEXT_DEFAULT_MAX = 500;
export const SURVEY_CODE_MAX = 64;
/** Default labels of a five-point scale, from 1 to 5. */
export const SCALE5_DEFAULT_LABELS = ['不満', 'やや不満', 'どちらともいえない', 'おおむね満足', '満足'] as const;
export const YES_NO_DEFAULT_LABELS = ['はい', 'いいえ'] as const;

// ---------------------------------------------------------------------------------------------
// Context

export const SurveyContext = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({
      kind: z.literal('training_event'),
      trainingEventId: Uuid.describe('The training event (研修会) whose participants answer'),
    }),
    z.strictObject({
      kind: z.literal('distribution'),
      distributionPointIds: z
        .array(Uuid)
        .min(1)
        .max(500)
        .refine(unique, 'each point at most once')
        .describe('The distribution points whose hand-outs carry the survey'),
    }),
    z.strictObject({
      kind: z.literal('consultation_window'),
      consultationWindowId: Uuid.describe('The consultation window whose visitors answer'),
    }),
  ])
  .meta({
    id: 'SurveyContext',
    description: 'What the survey is about: a training event, the hand-outs of some points, a window, or nothing',
  });
export type SurveyContext = z.infer<typeof SurveyContext>;

// ---------------------------------------------------------------------------------------------
// Questions (input)

const optionId = Uuid.optional().describe('Keep an existing option (from the current version); omit for a new one');
const questionId = Uuid.optional().describe('Keep an existing question (from the current version); omit for a new one');
const questionCommon = {
  id: questionId,
  text: line(QUESTION_TEXT_MAX).min(1).describe('The question as shown; never one that asks who she is'),
  help: paragraph(QUESTION_HELP_MAX).min(1).nullable().default(null).describe('A line of help under the question'),
  required: z.boolean().default(false).describe('The form cannot be sent without an answer'),
};

export const ChoiceOptionInput = z
  .strictObject({
    id: optionId,
    label: line(OPTION_LABEL_MAX).min(1),
    countsAsSatisfied: z.boolean().default(false).describe('Choosing it counts as satisfied (満足)'),
    countsAsPositive: z.boolean().default(false).describe('Choosing it counts as positive (よかった)'),
  })
  .meta({ id: 'ChoiceOptionSpec' });

export const ScaleOptionInput = z
  .strictObject({
    id: optionId,
    label: line(OPTION_LABEL_MAX).min(1),
    countsAsSatisfied: z.boolean().optional().describe('Default: true for 4 and 5 (the top two), false otherwise'),
    countsAsPositive: z.boolean().default(false),
  })
  .meta({ id: 'ScaleOptionSpec' });

const choiceOptions = z
  .array(ChoiceOptionInput)
  .min(2)
  .max(SURVEY_MAX_OPTIONS)
  .refine((o) => unique(o.map((x) => x.label)), 'option labels must differ');

export const QuestionInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...questionCommon, kind: z.literal('single_choice'), options: choiceOptions }),
    z
      .strictObject({
        ...questionCommon,
        kind: z.literal('multiple_choice'),
        options: choiceOptions,
        maxChoices: z
          .number()
          .int()
          .min(1)
          .max(SURVEY_MAX_OPTIONS)
          .nullable()
          .default(null)
          .describe('At most this many options may be chosen; null for no limit'),
      })
      .refine((q) => q.maxChoices === null || q.maxChoices <= q.options.length, {
        path: ['maxChoices'],
        message: 'must not exceed the number of options',
      }),
    z.strictObject({
      ...questionCommon,
      kind: z.literal('scale5'),
      options: z
        .array(ScaleOptionInput)
        .length(5)
        .optional()
        .describe(`The five points from 1 to 5; default labels ${SCALE5_DEFAULT_LABELS.join(' / ')}`),
    }),
    z.strictObject({
      ...questionCommon,
      kind: z.literal('yes_no'),
      options: z
        .array(ChoiceOptionInput)
        .length(2)
        .optional()
        .describe('Yes first, then no; default labels はい / いいえ, no flags'),
    }),
    z
      .strictObject({
        ...questionCommon,
        kind: z.literal('number'),
        min: z.number().finite().nullable().default(null),
        max: z.number().finite().nullable().default(null),
        integer: z.boolean().default(true).describe('Only whole numbers'),
      })
      .refine((q) => q.min === null || q.max === null || q.min <= q.max, {
        path: ['max'],
        message: 'max must not be below min',
      }),
    z.strictObject({
      ...questionCommon,
      kind: z.literal('free_text'),
      maxLength: z.number().int().min(1).max(FREE_TEXT_MAX).default(FREE_TEXT_DEFAULT_MAX),
    }),
  ])
  .meta({ id: 'QuestionSpec', description: 'One question; the fields depend on its kind' });
export type QuestionInput = z.input<typeof QuestionInput>;
export type QuestionInputParsed = z.output<typeof QuestionInput>;

const questionList = z
  .array(QuestionInput)
  .max(SURVEY_MAX_QUESTIONS)
  .refine((qs) => unique(qs.map((q) => q.id).filter(Boolean)), 'each question id at most once')
  .describe('The questions in the order they are asked');

export const ReplaceQuestions = z.strictObject({ questions: questionList }).meta({
  id: 'ReplaceQuestions',
  description:
    'The whole ordered question list. Wording and order change in place; once the current version has ' +
    'responses, any other change makes a new version.',
});
export type ReplaceQuestions = z.input<typeof ReplaceQuestions>;

/**
 * Question texts that ask who she is. A free-text or number question asking for a name,
 * address, phone, e-mail, birth date or individual number would make an anonymous form collect
 * identities; such questions are refused when the survey is built.
 */
const IDENTITY_PATTERN =
  /氏名|名前|なまえ|フルネーム|住所|所在地|電話|でんわ|携帯|ＴＥＬ|TEL|メール|e-?mail|連絡先|生年月日|誕生日|マイナンバー|個人番号|LINE\s?ID|学籍番号|社員番号/i;

export function asksForIdentity(text: string): boolean {
  return IDENTITY_PATTERN.test(text.normalize('NFKC'));
}

// ---------------------------------------------------------------------------------------------
// Questions (output)

export const QuestionOption = z
  .object({
    id: Uuid,
    label: z.string(),
    value: z.number().int().nullable().describe('1–5 on a scale, 1 (yes) / 0 (no) on yes/no, null otherwise'),
    countsAsSatisfied: z.boolean(),
    countsAsPositive: z.boolean(),
  })
  .meta({ id: 'QuestionOption' });
export type QuestionOption = z.infer<typeof QuestionOption>;

export const Question = z
  .object({
    id: Uuid.describe('Id of the question in this version; answers are keyed by it'),
    key: Uuid.describe('The same in every version of the survey for a question that was kept'),
    position: z.number().int().describe('1-based order'),
    kind: QuestionKind,
    text: z.string(),
    help: z.string().nullable(),
    required: z.boolean(),
    options: z.array(QuestionOption).describe('Empty for number and free text'),
    maxChoices: z.number().int().nullable().describe('multiple_choice only'),
    min: z.number().nullable().describe('number only'),
    max: z.number().nullable().describe('number only'),
    integer: z.boolean().nullable().describe('number only'),
    maxLength: z.number().int().nullable().describe('free_text only'),
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof Question>;

export const SurveyVersionSummary = z
  .object({
    number: z.number().int(),
    createdAt: IsoDateTime,
    responseCount: z.number().int(),
  })
  .meta({ id: 'SurveyVersionSummary' });

export const SurveyVersion = z
  .object({ number: z.number().int(), createdAt: IsoDateTime, questions: z.array(Question) })
  .meta({ id: 'SurveyVersion', description: 'One version of the question set' });
export type SurveyVersion = z.infer<typeof SurveyVersion>;

// ---------------------------------------------------------------------------------------------
// Surveys

const surveyFields = {
  title: line(SURVEY_TITLE_MAX).min(1),
  description: paragraph(SURVEY_DESCRIPTION_MAX).min(1).nullable().describe('Shown above the questions on the form'),
  context: SurveyContext,
  opensOn: IsoDate.nullable().describe('First day answers are accepted (Asia/Tokyo); null keeps the survey a draft'),
  closesOn: IsoDate.nullable().describe('Last day answers are accepted (Asia/Tokyo), inclusive; null: open-ended'),
  oneAnswerPerCode: OneAnswerPerCode,
};

function checkSurvey(
  s: {
    opensOn?: string | null;
    closesOn?: string | null;
    oneAnswerPerCode?: OneAnswerPerCode;
    context?: SurveyContext;
  },
  ctx: z.RefinementCtx,
) {
  if (s.opensOn && s.closesOn && s.closesOn < s.opensOn) {
    ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'must not be before opensOn' });
  }
  if (s.oneAnswerPerCode === 'ticket' && s.context && s.context.kind !== 'training_event') {
    ctx.addIssue({ code: 'custom', path: ['oneAnswerPerCode'], message: 'ticket needs a training_event context' });
  }
  if (s.oneAnswerPerCode === 'card_code' && s.context && s.context.kind !== 'distribution') {
    ctx.addIssue({ code: 'custom', path: ['oneAnswerPerCode'], message: 'card_code needs a distribution context' });
  }
}

export const CreateSurvey = z
  .strictObject({
    ...surveyFields,
    description: surveyFields.description.default(null),
    context: SurveyContext.default({ kind: 'none' }),
    opensOn: surveyFields.opensOn.default(null),
    closesOn: surveyFields.closesOn.default(null),
    oneAnswerPerCode: OneAnswerPerCode.default('none'),
    questions: questionList.default([]),
  })
  .superRefine(checkSurvey)
  .meta({ id: 'CreateSurvey', description: 'A survey with its first version of questions' });
export type CreateSurvey = z.input<typeof CreateSurvey>;

export const UpdateSurvey = z
  .strictObject(surveyFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change')
  .superRefine(checkSurvey)
  .meta({
    id: 'UpdateSurvey',
    description: 'Fields to change (questions: PUT …/questions); send the ETag you read in If-Match',
  });
export type UpdateSurvey = z.infer<typeof UpdateSurvey>;

const surveyOut = {
  id: Uuid,
  title: z.string(),
  description: z.string().nullable(),
  context: SurveyContext,
  contextName: z
    .string()
    .nullable()
    .describe(
      'What the context names, in words: the training event’s title or the consultation window’s name; null for ' +
        'none and distribution (count distributionPointIds), and when the event no longer exists',
    ),
  opensOn: IsoDate.nullable(),
  closesOn: IsoDate.nullable(),
  status: SurveyStatus,
  oneAnswerPerCode: OneAnswerPerCode,
  publicToken: z.string().describe('The token of the public link /s/{token}'),
  publicUrl: z.string().describe('The public link (PUBLIC_BASE_URL, or the host the request came to)'),
  currentVersion: z.number().int().describe('The version new answers are given to'),
  responseCount: z.number().int().describe('Responses to every version'),
  version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

export const SurveySummary = z.object({ ...surveyOut, questionCount: z.number().int() }).meta({ id: 'SurveySummary' });
export type SurveySummary = z.infer<typeof SurveySummary>;

export const Survey = z
  .object({
    ...surveyOut,
    questions: z.array(Question).describe('The questions of the current version, in order'),
    versions: z.array(SurveyVersionSummary).describe('Every version, oldest first'),
  })
  .meta({ id: 'Survey', description: 'アンケート: a survey with the questions of its current version' });
export type Survey = z.infer<typeof Survey>;

export const SurveyQuery = ListQuery.extend({
  status: SurveyStatus.optional(),
  contextKind: z.enum(SurveyContextKinds).optional(),
  q: z.string().trim().max(100).optional().describe('Title contains'),
});
export type SurveyQuery = z.infer<typeof SurveyQuery>;

export const SurveyVersionParams = z.object({
  id: Uuid,
  number: z.coerce.number().int().min(1).max(100_000).describe('Version number'),
});

export const SurveyQrQuery = z.object({
  card: CardCode.optional().describe('Adds ?card= to the link, so answers are counted at that point'),
  size: z.coerce.number().int().min(64).max(2048).default(512).describe('PNG width in pixels'),
});

// ---------------------------------------------------------------------------------------------
// Answers

export const SurveyAnswerValue = z
  .union([
    z.string().max(FREE_TEXT_MAX * 2),
    z.number(),
    z.boolean(),
    z.array(z.string().max(64)).max(SURVEY_MAX_OPTIONS),
    z.null(),
  ])
  .describe(
    'single_choice: an option id | multiple_choice: option ids | scale5: 1–5 | yes_no: true/false | ' +
      'number: a number | free_text: a string | null or absent: not answered',
  );
export type SurveyAnswerValue = z.infer<typeof SurveyAnswerValue>;

export const SurveyAnswers = z
  .record(z.string().max(64), SurveyAnswerValue)
  .refine((a) => Object.keys(a).length <= SURVEY_MAX_QUESTIONS, `at most ${SURVEY_MAX_QUESTIONS} answers`)
  .describe('Answers keyed by question id (of the version answered)');

const submission = {
  version: z.number().int().min(1).optional().describe('The version the form showed; default the current one'),
  answers: SurveyAnswers,
};

export const SubmitSurveyResponse = z
  .strictObject({
    ...submission,
    code: z
      .string()
      .trim()
      .min(1)
      .max(SURVEY_CODE_MAX)
      .optional()
      .describe('Training ticket or numbered card code, when the survey allows one answer per code'),
    card: CardCode.optional().describe('The card code of the point the link was printed for (?card=)'),
    website: z
      .string()
      .max(500)
      .optional()
      .describe('Leave empty: a field people do not see; a form that fills it is treated as a bot'),
  })
  .meta({ id: 'SubmitSurveyResponse', description: 'An anonymous answer from the public form' });
export type SubmitSurveyResponse = z.input<typeof SubmitSurveyResponse>;

export const SurveyResponseReceived = z
  .object({ received: z.literal(true) })
  .meta({ id: 'SurveyResponseReceived', description: 'Thank you: the answer was received' });

export const CreatePaperResponse = z
  .strictObject({
    ...submission,
    channel: z.literal('paper').default('paper').describe('Staff enter paper forms; web answers come from the form'),
    submittedAt: z
      .union([IsoDate, IsoDateTime])
      .optional()
      .describe('When the paper form was filled in (a date is taken at noon, Asia/Tokyo); default now'),
    distributionPointId: Uuid.nullable().default(null).describe('Where it was collected (distribution surveys)'),
    code: z
      .string()
      .trim()
      .min(1)
      .max(SURVEY_CODE_MAX)
      .optional()
      .describe('The ticket or card code written on the form'),
  })
  .meta({ id: 'CreatePaperResponse', description: 'A paper form typed in by staff' });
export type CreatePaperResponse = z.input<typeof CreatePaperResponse>;

export const ResponseAnswer = z
  .object({ questionId: Uuid, value: SurveyAnswerValue })
  .meta({ id: 'ResponseAnswer', description: 'One answered question; free text as stored (contact details masked)' });

export const SurveyResponse = z
  .object({
    id: Uuid,
    surveyId: Uuid,
    version: z.number().int(),
    channel: ResponseChannel,
    submittedAt: IsoDateTime,
    distributionPointId: Uuid.nullable(),
    madeUp: z.boolean().describe('Invented demo data'),
    answers: z.array(ResponseAnswer),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'SurveyResponse', description: 'One anonymous response' });
export type SurveyResponse = z.infer<typeof SurveyResponse>;

export const SurveyResponseQuery = ListQuery.extend({
  channel: ResponseChannel.optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export const SurveyResponseParams = z.object({ id: Uuid, responseId: Uuid });

export const DeleteResponseReason = z
  .strictObject({ reason: line(500).min(1).describe('Why the response is deleted; kept in the audit log') })
  .meta({ id: 'DeleteResponseReason' });
export const DeleteResponseQuery = z.object({ reason: line(500).min(1).optional() });

// ---------------------------------------------------------------------------------------------
// Validation shared by the API and the form

export interface AnswerableQuestion {
  id: string;
  kind: QuestionKind;
  required: boolean;
  options: { id: string; value: number | null }[];
  maxChoices: number | null;
  min: number | null;
  max: number | null;
  integer: boolean | null;
  maxLength: number | null;
}

export type NormalisedAnswer =
  | { questionId: string; kind: 'option'; optionId: string }
  | { questionId: string; kind: 'options'; optionIds: string[] }
  | { questionId: string; kind: 'number'; value: number }
  | { questionId: string; kind: 'text'; text: string };

const TEXT_WITH_BREAKS = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

/**
 * Checks answers against the questions of one version: one `{ path, message }` per question
 * that is wrong, and the answers in the shape they are stored in. Absent, null, '' and [] are
 * "not answered".
 */
export function validateAnswers(
  questions: readonly AnswerableQuestion[],
  answers: Record<string, SurveyAnswerValue | undefined>,
  prefix = 'body.answers',
): { errors: { path: string; message: string }[]; answers: NormalisedAnswer[] } {
  const errors: { path: string; message: string }[] = [];
  const out: NormalisedAnswer[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) errors.push({ path: `${prefix}.${key}`, message: 'not a question of this survey version' });
  }
  for (const q of questions) {
    const path = `${prefix}.${q.id}`;
    const fail = (message: string) => errors.push({ path, message });
    let v = answers[q.id];
    if (typeof v === 'string' && q.kind === 'free_text' && v.trim() === '') v = null;
    if (Array.isArray(v) && v.length === 0) v = null;
    if (v === undefined || v === null) {
      if (q.required) fail('required');
      continue;
    }
    switch (q.kind) {
      case 'single_choice': {
        if (typeof v !== 'string') fail('expected an option id');
        else if (!q.options.some((o) => o.id === v)) fail('unknown option');
        else out.push({ questionId: q.id, kind: 'option', optionId: v });
        break;
      }
      case 'multiple_choice': {
        if (!Array.isArray(v)) fail('expected a list of option ids');
        else if (!unique(v)) fail('each option at most once');
        else if (v.some((id) => !q.options.some((o) => o.id === id))) fail('unknown option');
        else if (q.maxChoices !== null && v.length > q.maxChoices) fail(`at most ${q.maxChoices} choices`);
        else out.push({ questionId: q.id, kind: 'options', optionIds: [...v] });
        break;
      }
      case 'scale5': {
        const option = typeof v === 'number' ? q.options.find((o) => o.value === v) : undefined;
        if (!option) fail('expected a whole number from 1 to 5');
        else out.push({ questionId: q.id, kind: 'option', optionId: option.id });
        break;
      }
      case 'yes_no': {
        const option = typeof v === 'boolean' ? q.options.find((o) => o.value === (v ? 1 : 0)) : undefined;
        if (!option) fail('expected true or false');
        else out.push({ questionId: q.id, kind: 'option', optionId: option.id });
        break;
      }
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v)) fail('expected a number');
        else if (q.integer && !Number.isInteger(v)) fail('expected a whole number');
        else if (q.min !== null && v < q.min) fail(`must be at least ${q.min}`);
        else if (q.max !== null && v > q.max) fail(`must be at most ${q.max}`);
        else out.push({ questionId: q.id, kind: 'number', value: v });
        break;
      }
      case 'free_text': {
        if (typeof v !== 'string') fail('expected text');
        else {
          const text = v.trim();
          if (!TEXT_WITH_BREAKS.test(text)) {
            fail('no control characters except line breaks');
          } else if (q.maxLength !== null && text.length > q.maxLength) fail(`at most ${q.maxLength} characters`);
          else out.push({ questionId: q.id, kind: 'text', text });
        }
        break;
      }
    }
  }
  return { errors, answers: out };
}

// ---------------------------------------------------------------------------------------------
// Public form

export const PublicQuestion = Question.omit({ key: true })
  .extend({
    options: z.array(QuestionOption.omit({ countsAsSatisfied: true, countsAsPositive: true })),
  })
  .meta({ id: 'PublicQuestion' });

export const PublicSurvey = z
  .object({
    token: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    version: z.number().int().describe('Send it back with the answers'),
    closesOn: IsoDate.nullable(),
    oneAnswerPerCode: OneAnswerPerCode.describe('Whether the form asks for a ticket or card code'),
    point: z
      .object({ name: z.string() })
      .nullable()
      .describe('The point named by ?card=, when it is one of the survey’s points'),
    questions: z.array(PublicQuestion),
  })
  .meta({ id: 'PublicSurvey', description: 'The public form of an open survey: questions only, no flags' });
export type PublicSurvey = z.infer<typeof PublicSurvey>;

export const PublicSurveyParams = z.object({
  token: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a survey link')
    .describe('The token of the public link'),
});
export const PublicSurveyQuery = z.object({ card: CardCode.optional() });

// ---------------------------------------------------------------------------------------------
// Results

export const SurveyResultsQuery = z
  .object({
    from: IsoDate.optional().describe('First day, inclusive (Asia/Tokyo)'),
    to: IsoDate.optional().describe('Last day, inclusive (Asia/Tokyo)'),
    channel: ResponseChannel.optional(),
    version: z.coerce.number().int().min(1).optional().describe('Default: the current version'),
    distributionPointId: Uuid.optional().describe('Only responses collected at this point'),
    format: ReportFormat.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type SurveyResultsQuery = z.infer<typeof SurveyResultsQuery>;

export const ShareOf = z
  .object({
    count: ReportCount,
    denominator: ReportCount.describe('Those who answered the question (not those asked)'),
    share: z.number().nullable().describe('count / denominator (0–1, 4 decimals); null when hidden or nobody answered'),
  })
  .meta({ id: 'ShareOf' });
export type ShareOf = z.infer<typeof ShareOf>;

export const OptionResult = z
  .object({
    optionId: Uuid,
    label: z.string(),
    value: z.number().int().nullable(),
    countsAsSatisfied: z.boolean(),
    countsAsPositive: z.boolean(),
    count: ReportCount,
    share: z.number().nullable().describe('count / answered; for multiple choice shares add up to more than 1'),
  })
  .meta({ id: 'OptionResult' });

export const FreeTextAnswer = z
  .object({ responseId: Uuid, text: z.string(), submittedAt: IsoDateTime, channel: ResponseChannel })
  .meta({ id: 'FreeTextAnswer' });

export const FREE_TEXT_LISTED = 500;

export const QuestionResult = z
  .object({
    questionId: Uuid,
    key: Uuid,
    position: z.number().int(),
    kind: QuestionKind,
    text: z.string(),
    required: z.boolean(),
    answered: ReportCount.describe('Responses that answered the question: the denominator of every share'),
    unanswered: ReportCount,
    options: z.array(OptionResult),
    mean: z.number().nullable().describe('scale5 and number: the mean of the answers (4 decimals)'),
    distribution: z
      .array(z.object({ value: z.number(), count: ReportCount }))
      .describe('number: how many gave each value; scale5: per point 1–5 (as options)'),
    satisfied: ShareOf.nullable().describe('null when no option counts as satisfied'),
    positive: ShareOf.nullable().describe('null when no option counts as positive'),
    freeText: z
      .array(FreeTextAnswer)
      .nullable()
      .describe(`free_text, staff and admins only (newest ${FREE_TEXT_LISTED}); null for other readers`),
  })
  .meta({ id: 'QuestionResult' });
export type QuestionResult = z.infer<typeof QuestionResult>;

export const SurveyResults = z
  .object({
    surveyId: Uuid,
    title: z.string(),
    context: SurveyContext,
    version: z.number().int().describe('The version these results cover'),
    versions: z.array(z.object({ number: z.number().int(), responses: ReportCount })),
    filter: z.object({
      from: IsoDate.nullable(),
      to: IsoDate.nullable(),
      channel: ResponseChannel.nullable(),
      distributionPointId: Uuid.nullable(),
    }),
    responses: ReportCount.describe('Responses to this version matching the filter'),
    channels: z.object({ web: ReportCount, paper: ReportCount }),
    madeUp: z.number().int().describe('How many of the responses are invented demo data'),
    suppression: SuppressionInfo,
    questions: z.array(QuestionResult),
  })
  .meta({ id: 'SurveyResults', description: 'アンケート集計: per question counts, shares with denominators, means' });
export type SurveyResults = z.infer<typeof SurveyResults>;
