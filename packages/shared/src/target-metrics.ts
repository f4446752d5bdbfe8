import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';
import { ScheduleInterval } from './consultation-windows.ts';
import { ReferralSource } from './consultations.ts';
import { DistributionPointKind, SchoolLevel } from './distribution-points.ts';
import { FiscalYear, MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from './fiscal-year.ts';
import { MAX_REPORT_PERIOD_DAYS, ReportCount, ReportFormat, SuppressionInfo } from './reports.ts';
import { line, paragraph, unique } from './text.ts';
import { Affiliation, TrainingEventStatus } from './training.ts';
import { Channel, Topic } from './vocabulary.ts';

/**
 * Target metrics (目標数値): per fiscal year a label, a target and a definition the system
 * computes from the records, so that the figures the programme answers to are counted live,
 * the same way every time, instead of by hand at the year's end. Also the two reports built on
 * them: the card-to-consultation funnel and the year's results report (事業実績報告).
 */

export const MetricUnits = ['people', 'percent', 'count', 'sets'] as const;
export const MetricUnit = z.enum(MetricUnits).describe('people (名) | percent (%) | count (件) | sets (セット)');
export type MetricUnit = z.infer<typeof MetricUnit>;
export const MetricUnitLabels: Record<MetricUnit, string> = { people: '名', percent: '%', count: '件', sets: 'セット' };

export const MetricDirections = ['at_least', 'at_most'] as const;
export const MetricDirection = z
  .enum(MetricDirections)
  .describe(
    'at_least: met when the actual reaches the target (以上) | at_most: met when it stays at or below it (以下)',
  );
export type MetricDirection = z.infer<typeof MetricDirection>;

export const MetricKinds = [
  'training_participants',
  'survey_satisfied_share',
  'survey_positive_share',
  'consultations',
  'sets_handed_out',
  'funnel_conversion',
  'manual',
] as const;
export type MetricKind = (typeof MetricKinds)[number];
export const MetricKindLabels: Record<MetricKind, string> = {
  training_participants: '研修会参加者数',
  survey_satisfied_share: 'アンケートの満足の割合',
  survey_positive_share: 'アンケートの肯定的な回答の割合',
  consultations: '相談件数',
  sets_handed_out: '配付セット数',
  funnel_conversion: '案内カードからの相談の割合',
  manual: '手入力の値',
};

/** Kinds whose actual is a share (numerator ÷ denominator), shown in percent. */
export const SHARE_KINDS: readonly MetricKind[] = [
  'survey_satisfied_share',
  'survey_positive_share',
  'funnel_conversion',
];
export const isShareKind = (kind: MetricKind) => SHARE_KINDS.includes(kind);

export const TrainingBases = ['attended', 'registered'] as const;
export const TrainingBasis = z
  .enum(TrainingBases)
  .describe('attended: checked in (出席) | registered: registrations not cancelled, waitlist included (申込)');

const MAX_IDS = 200;
const idList = (what: string) =>
  z
    .array(Uuid)
    .min(1)
    .max(MAX_IDS)
    .refine(unique, 'each id at most once')
    .optional()
    .describe(`Only these ${what}; omit for all (an empty list is refused: it would count nothing)`);
const enumList = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1)
    .refine(unique, 'each value at most once')
    .optional()
    .describe(`Only these ${what}; omit for all`);

export const MANUAL_NOTE_MAX = 500;
export const MAX_METRIC_VALUE = 1_000_000_000;

export const ManualValueInput = z
  .strictObject({
    value: z.number().finite().min(0).max(MAX_METRIC_VALUE).describe('The value, in the metric’s unit'),
    asOf: IsoDate.describe('The day the value holds for (Asia/Tokyo); on or after the first day of the fiscal year'),
    note: line(MANUAL_NOTE_MAX).min(1).nullable().default(null).describe('Where the value comes from'),
  })
  .meta({ id: 'CreateManualValue', description: 'A value entered by hand; earlier values stay in the history' });
export type ManualValueInput = z.input<typeof ManualValueInput>;

export const ManualValue = z
  .object({
    id: Uuid,
    value: z.number(),
    asOf: IsoDate,
    note: z.string().nullable(),
    recordedBy: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ManualValue' });
export type ManualValue = z.infer<typeof ManualValue>;

const surveyFields = {
  surveyId: Uuid.describe('The survey'),
  questionId: Uuid.describe(
    'A question of the survey (of any version): answers to it and to the same question in the survey’s other ' +
      'versions count. Single choice, multiple choice (any flagged option chosen), scale or yes/no',
  ),
};

/** The definition variants whose fields are the same going in and coming out. */
const computed = {
  training_participants: {
    kind: z.literal('training_participants'),
    eventIds: idList('training events (of the metric’s fiscal year)'),
    basis: TrainingBasis.default('attended'),
  },
  survey_satisfied_share: { kind: z.literal('survey_satisfied_share'), ...surveyFields },
  survey_positive_share: { kind: z.literal('survey_positive_share'), ...surveyFields },
  consultations: {
    kind: z.literal('consultations'),
    windowIds: idList('consultation windows'),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine(unique, 'each weekday at most once')
      .optional()
      .describe('Only these ISO weekdays in Asia/Tokyo (1 = Monday … 6 = Saturday, 7 = Sunday); omit for all'),
    channels: enumList(Channel, 'channels'),
    topics: enumList(Topic, 'topics (a consultation about any of them counts once)'),
  },
  sets_handed_out: {
    kind: z.literal('sets_handed_out'),
    pointIds: idList('distribution points'),
    pointKinds: enumList(DistributionPointKind, 'kinds of point'),
  },
  funnel_conversion: {
    kind: z.literal('funnel_conversion'),
    pointIds: idList('distribution points: consultations that recorded their card codes ÷ sets they handed out'),
  },
};

export const MetricDefinitionInput = z
  .discriminatedUnion('kind', [
    z.strictObject(computed.training_participants),
    z.strictObject(computed.survey_satisfied_share),
    z.strictObject(computed.survey_positive_share),
    z.strictObject(computed.consultations),
    z.strictObject(computed.sets_handed_out),
    z.strictObject(computed.funnel_conversion),
    z.strictObject({
      kind: z.literal('manual'),
      entries: z
        .array(ManualValueInput)
        .max(100)
        .default([])
        .describe('On create, the first values of the history; later values: POST /target-metrics/{id}/manual-values'),
    }),
  ])
  .meta({
    id: 'MetricDefinitionSpec',
    description:
      'How the actual is computed from the records, by `kind`. Every id named must exist; a survey question must ' +
      'have options flagged as satisfied (resp. positive).',
  });
export type MetricDefinitionInput = z.input<typeof MetricDefinitionInput>;
export type MetricDefinitionParsed = z.output<typeof MetricDefinitionInput>;

export const MetricDefinition = z
  .discriminatedUnion('kind', [
    z.object(computed.training_participants),
    z.object(computed.survey_satisfied_share),
    z.object(computed.survey_positive_share),
    z.object(computed.consultations),
    z.object(computed.sets_handed_out),
    z.object(computed.funnel_conversion),
    z.object({
      kind: z.literal('manual'),
      entries: z.array(ManualValue).describe('Every value entered, oldest first'),
    }),
  ])
  .meta({ id: 'MetricDefinition', description: 'How the actual is computed from the records' });
export type MetricDefinition = z.infer<typeof MetricDefinition>;

/** What is stored: the definition without a manual metric's history (which has its own table). */
export type StoredMetricDefinition =
  | Exclude<MetricDefinitionParsed, { kind: 'manual' }>
  | { kind: 'manual'; entries?: never };

/**
 * Unit, target and definition that do not fit together: a share is a percent, a count is not,
 * and no percent target is above 100. `prefix` is where the fields sit (body, for the API).
 */
export function metricIssues(
  m: { unit: MetricUnit; target: number; definition: { kind: MetricKind } },
  prefix = '',
): { path: string; message: string }[] {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const issues: { path: string; message: string }[] = [];
  const kind = m.definition.kind;
  if (isShareKind(kind) && m.unit !== 'percent') {
    issues.push({ path: at('unit'), message: `a ${kind} metric is a share: its unit is percent` });
  }
  if (kind !== 'manual' && !isShareKind(kind) && m.unit === 'percent') {
    issues.push({ path: at('unit'), message: `a ${kind} metric counts: its unit is people, count or sets` });
  }
  if (m.unit === 'percent' && m.target > 100) {
    issues.push({ path: at('target'), message: 'a percent target is at most 100' });
  }
  return issues;
}

const metricFields = {
  fiscalYear: z
    .number()
    .int()
    .min(MIN_FISCAL_YEAR)
    .max(MAX_FISCAL_YEAR)
    .describe('The fiscal year (April–March, Asia/Tokyo) by the year it starts in: 2021 = 令和3年度'),
  label: line(200).min(1).describe('e.g. 研修会参加者; unique within the fiscal year'),
  unit: MetricUnit,
  target: z
    .number()
    .finite()
    .min(0)
    .max(MAX_METRIC_VALUE)
    .describe('In the unit: 80 (people), 80 (percent, not 0.8), 16 (count)'),
  direction: MetricDirection,
  description: paragraph(1000).nullable().describe('What the metric means, for the dashboard and the printed report'),
  position: z.number().int().min(0).max(999).describe('Order on the dashboard and in the report (ascending)'),
  definition: MetricDefinitionInput,
};

export const CreateTargetMetric = z
  .strictObject({
    ...metricFields,
    direction: MetricDirection.default('at_least'),
    description: metricFields.description.default(null),
    position: metricFields.position.optional().describe('Default: after the metrics of the year'),
  })
  .superRefine((m, ctx) => {
    for (const issue of metricIssues(m)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .meta({
    id: 'CreateTargetMetric',
    description: '目標数値: a target for a fiscal year and how its actual is computed',
  });
export type CreateTargetMetric = z.input<typeof CreateTargetMetric>;

export const UpdateTargetMetric = z
  .strictObject(metricFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change')
  .meta({
    id: 'UpdateTargetMetric',
    description:
      'Fields to change; send the ETag you read in If-Match. A manual metric’s history is not sent here: add values ' +
      'with POST /target-metrics/{id}/manual-values.',
  });
export type UpdateTargetMetric = z.input<typeof UpdateTargetMetric>;

export const TargetMetric = z
  .object({
    id: Uuid,
    fiscalYear: z.number().int(),
    label: z.string(),
    unit: MetricUnit,
    target: z.number(),
    direction: MetricDirection,
    description: z.string().nullable(),
    position: z.number().int(),
    definition: MetricDefinition,
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'TargetMetric', description: '目標数値: a target of a fiscal year and its definition' });
export type TargetMetric = z.infer<typeof TargetMetric>;

export const TargetMetricQuery = ListQuery.extend({
  fiscalYear: FiscalYear.optional().describe('Only the metrics of this fiscal year'),
});
export type TargetMetricQuery = z.infer<typeof TargetMetricQuery>;

// ---------------------------------------------------------------------------------------------
// Actuals: GET /reports/target-metrics

export const ReportAsOf = z
  .union([IsoDate, IsoDateTime])
  .describe(
    'Count the records up to this moment: a date means the end of that day (Asia/Tokyo). Default: now. ' +
      'Projections and the weekly series stop here',
  );

export const TargetMetricsReportQuery = z.object({
  fiscalYear: FiscalYear,
  asOf: ReportAsOf.optional(),
  format: ReportFormat.optional(),
  table: z
    .enum(['metrics', 'series'])
    .default('metrics')
    .describe('CSV only: one row per metric (default), or one row per metric and week'),
});
export type TargetMetricsReportQuery = z.infer<typeof TargetMetricsReportQuery>;

export const MetricSeriesPoint = z
  .object({
    weekStart: IsoDate.describe('Monday of the week (Asia/Tokyo); the first may fall before April 1'),
    value: z
      .number()
      .nullable()
      .describe('Cumulative value at the end of the week (or at asOf): the count, or the share in percent'),
    numerator: ReportCount.nullable(),
    denominator: ReportCount.nullable().describe('Shares only'),
  })
  .meta({ id: 'MetricSeriesPoint' });
export type MetricSeriesPoint = z.infer<typeof MetricSeriesPoint>;

export const TargetMetricResult = z
  .object({
    metricId: Uuid,
    label: z.string(),
    description: z.string().nullable(),
    kind: z.enum(MetricKinds),
    unit: MetricUnit,
    target: z.number(),
    direction: MetricDirection,
    actual: z
      .number()
      .nullable()
      .describe(
        'The count, or for a share numerator ÷ denominator in percent (2 decimals); null when there is nothing to ' +
          'divide by, no value has been entered, or the count is suppressed',
      ),
    numerator: ReportCount.nullable().describe('The count (shares: those satisfied, positive, card-traced)'),
    denominator: ReportCount.nullable().describe(
      'Shares only: those who answered the question, or the sets handed out',
    ),
    achievementRate: z
      .number()
      .nullable()
      .describe(
        'at_least: actual ÷ target; at_most: target ÷ actual (1 or more when met, null when the actual is 0). ' +
          '4 decimals, 0.45 = 45%; null without an actual or with a target of 0',
      ),
    met: z.boolean().nullable().describe('Whether the actual meets the target now; null without an actual'),
    projection: z
      .number()
      .nullable()
      .describe(
        'Expected value at the year’s end: counts grow linearly, actual × days in the year ÷ days elapsed; a share ' +
          'stays what it is; a finished year’s projection is its actual. null before the year starts',
      ),
    atRisk: z.boolean().describe('The projection misses the target: the metric needs attention'),
    valueAsOf: IsoDate.nullable().describe('Manual metrics: the day the value used holds for'),
    series: z.array(MetricSeriesPoint).describe('Week by week from the start of the year to asOf'),
  })
  .meta({ id: 'TargetMetricResult', description: 'One target against its actual' });
export type TargetMetricResult = z.infer<typeof TargetMetricResult>;

export const TargetMetricsReport = z
  .object({
    fiscalYear: z.number().int(),
    fiscalYearLabel: z.string().describe('令和3年度（FY2021）'),
    from: IsoDate,
    to: IsoDate,
    asOf: IsoDateTime.describe('The moment the figures are counted up to'),
    daysInYear: z.number().int(),
    daysElapsed: z.number().int().describe('Days of the year begun by asOf (0 before it starts, all once it ended)'),
    finished: z.boolean().describe('asOf is after the year’s end: projections equal the actuals'),
    suppression: SuppressionInfo,
    items: z.array(TargetMetricResult).describe('By position, then label'),
  })
  .meta({
    id: 'TargetMetricsReport',
    description:
      '目標数値の達成状況: every target of the fiscal year against its actual, with a projection and a weekly series',
    examples: [
      {
        fiscalYear: 2021,
        fiscalYearLabel: '令和3年度（FY2021）',
        from: '2021-04-01',
        to: '2022-03-31',
        asOf: '2022-04-01T00:00:00.000Z',
        daysInYear: 365,
        daysElapsed: 365,
        finished: true,
        suppression: { applied: false, threshold: 3, withheld: false },
        items: [
          {
            metricId: '6f1c2a8e-2d1b-4c0e-9a51-0d6c1a2b3c4d',
            label: '研修参加者の満足度',
            description: null,
            kind: 'survey_satisfied_share',
            unit: 'percent',
            target: 80,
            direction: 'at_least',
            actual: 86.11,
            numerator: 31,
            denominator: 36,
            achievementRate: 1.0764,
            met: true,
            projection: 86.11,
            atRisk: false,
            valueAsOf: null,
            series: [{ weekStart: '2021-11-15', value: 86.11, numerator: 31, denominator: 36 }],
          },
        ],
      },
    ],
  });
export type TargetMetricsReport = z.infer<typeof TargetMetricsReport>;

// ---------------------------------------------------------------------------------------------
// The funnel: GET /reports/funnel

export const FunnelTables = ['points', 'referral_sources'] as const;

export const FunnelQuery = z
  .object({
    fiscalYear: FiscalYear.optional().describe('The fiscal year; or give from and to'),
    from: IsoDate.optional().describe('First day (Asia/Tokyo), with to; instead of fiscalYear'),
    to: IsoDate.optional().describe('Last day, inclusive'),
    format: ReportFormat.optional(),
    table: z
      .enum(FunnelTables)
      .default('points')
      .describe('CSV only: per point and month (default), or the referral sources'),
  })
  .superRefine((q, ctx) => {
    const range = q.from !== undefined || q.to !== undefined;
    if (q.fiscalYear !== undefined && range) {
      ctx.addIssue({ code: 'custom', path: ['fiscalYear'], message: 'give fiscalYear or from and to, not both' });
      return;
    }
    if (q.fiscalYear === undefined && !range) {
      ctx.addIssue({ code: 'custom', path: ['fiscalYear'], message: 'give fiscalYear, or from and to' });
      return;
    }
    if (range) {
      if (q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required with to' });
      if (q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'required with from' });
      if (q.from && q.to) {
        if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
        else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_REPORT_PERIOD_DAYS) {
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: `the period may span at most ${MAX_REPORT_PERIOD_DAYS} days`,
          });
        }
      }
    }
  });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export const FunnelCell = z
  .object({
    setsHandedOut: z.number().int().describe('Sets handed out (undone hand-outs do not count)'),
    consultations: ReportCount.describe('Consultations that recorded the point’s card code'),
    conversionRate: z
      .number()
      .nullable()
      .describe('consultations ÷ sets handed out, 4 decimals; null with no sets or a hidden count'),
  })
  .meta({ id: 'FunnelCell' });
export type FunnelCell = z.infer<typeof FunnelCell>;

export const FunnelPoint = z
  .object({
    pointId: Uuid,
    pointName: z.string(),
    pointKind: DistributionPointKind,
    schoolLevel: SchoolLevel.nullable(),
    organisationName: z.string(),
    cardCode: z.string(),
    months: z.array(FunnelCell.extend({ month: z.string().describe('YYYY-MM') })).describe('Every month of the period'),
    total: FunnelCell,
  })
  .meta({ id: 'FunnelPoint' });
export type FunnelPoint = z.infer<typeof FunnelPoint>;

export const FunnelReferralSource = z
  .object({
    referralSource: ReferralSource,
    label: z.string(),
    consultations: ReportCount,
    share: z.number().nullable().describe('Of all consultations in the period (4 decimals); null when hidden'),
  })
  .meta({ id: 'FunnelReferralSource' });

export const FunnelReport = z
  .object({
    from: IsoDate,
    to: IsoDate,
    fiscalYear: z.number().int().nullable(),
    suppression: SuppressionInfo,
    months: z.array(z.string()).describe('YYYY-MM, every month of the period'),
    points: z.array(FunnelPoint).describe('Every point in the reader’s scope, by name'),
    monthTotals: z.array(FunnelCell.extend({ month: z.string() })).describe('Per month, over the points listed'),
    total: FunnelCell,
    unmatchedCardCodes: ReportCount.nullable().describe(
      'Consultations with a card code that names no point (a typing slip, a card of another programme); ' +
        'null for partners, who see their own points only',
    ),
    referralSources: z.array(FunnelReferralSource).describe('Every referral source, zeros included'),
    consultations: ReportCount.describe('All consultations in the period (the denominator of the shares)'),
  })
  .meta({
    id: 'FunnelReport',
    examples: [
      {
        from: '2021-11-01',
        to: '2021-11-30',
        fiscalYear: null,
        suppression: { applied: true, threshold: 3, withheld: false },
        months: ['2021-11'],
        points: [
          {
            pointId: '2b0d7c2e-6a7f-4d3e-9c1a-5e2f8b9a0c1d',
            pointName: '福祉総合相談室「たるとび」',
            pointKind: 'city_counter',
            schoolLevel: null,
            organisationName: '小樽市 福祉総合相談室',
            cardCode: 'OTR-FUK',
            months: [{ month: '2021-11', setsHandedOut: 40, consultations: 0, conversionRate: 0 }],
            total: { setsHandedOut: 40, consultations: 0, conversionRate: 0 },
          },
        ],
        monthTotals: [{ month: '2021-11', setsHandedOut: 40, consultations: 0, conversionRate: 0 }],
        total: { setsHandedOut: 40, consultations: 0, conversionRate: 0 },
        unmatchedCardCodes: 0,
        referralSources: [
          { referralSource: 'guidance_card', label: '案内カード', consultations: 0, share: 0 },
          {
            referralSource: 'flyer',
            label: 'チラシ',
            consultations: { suppressed: true, reason: 'small' },
            share: null,
          },
        ],
        consultations: { suppressed: true, reason: 'complementary' },
      },
    ],
    description:
      '案内カードから相談へ: per distribution point and month the sets handed out and the consultations that recorded ' +
      'its card code; and how consultations heard of the window',
  });
export type FunnelReport = z.infer<typeof FunnelReport>;

// ---------------------------------------------------------------------------------------------
// The results report (事業実績報告): GET /results-report

export const ResultsReportQuery = z.object({ fiscalYear: FiscalYear, format: ReportFormat.optional() });
export type ResultsReportQuery = z.infer<typeof ResultsReportQuery>;
export const FiscalYearParams = z.object({ fiscalYear: FiscalYear });

export const CHALLENGES_MAX = 4000;

export const ResultsChallenges = z
  .object({
    fiscalYear: z.number().int(),
    text: z.string().describe('今後の課題, as typed (line breaks kept); empty until written'),
    version: z.number().int().describe('0 until first saved; the ETag is derived from it'),
    updatedAt: IsoDateTime.nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'ResultsChallenges', description: '今後の課題: text kept per fiscal year' });
export type ResultsChallenges = z.infer<typeof ResultsChallenges>;

export const UpdateResultsChallenges = z
  .strictObject({ text: paragraph(CHALLENGES_MAX).describe(`At most ${CHALLENGES_MAX} characters; '' clears it`) })
  .meta({
    id: 'UpdateResultsChallenges',
    description: 'The whole text; send the ETag you read in If-Match ("v0" before the first save)',
  });
export type UpdateResultsChallenges = z.infer<typeof UpdateResultsChallenges>;

export const ShareFigure = z
  .object({
    metricId: Uuid.describe('The target metric it is taken from'),
    label: z.string(),
    numerator: ReportCount,
    denominator: ReportCount,
    share: z.number().nullable().describe('Percent, 2 decimals'),
  })
  .meta({ id: 'ShareFigure' });
export type ShareFigure = z.infer<typeof ShareFigure>;

export const ResultsTrainingEvent = z
  .object({
    eventId: Uuid,
    title: z.string(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venueName: z.string().nullable(),
    status: TrainingEventStatus,
    registered: z.number().int(),
    attended: z.number().int(),
    attendedVenue: z.number().int(),
    attendedOnline: z.number().int(),
  })
  .meta({ id: 'ResultsTrainingEvent' });

export const ResultsWindow = z
  .object({
    windowId: Uuid,
    name: z.string(),
    organisationName: z.string(),
    place: z.string(),
    channels: z.array(Channel),
    womenOnly: z.boolean(),
    isNew: z.boolean(),
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
    schedule: z.array(ScheduleInterval).describe('Weekly opening hours'),
    openingDays: z.number().int().describe('Days it opened in the fiscal year'),
    openHours: z.number(),
    firstDay: IsoDate.nullable(),
    lastDay: IsoDate.nullable(),
    openingDates: z.array(IsoDate),
    closedDates: z.array(IsoDate).describe('Scheduled days it stayed closed (closures, holidays)'),
    consultations: ReportCount,
  })
  .meta({ id: 'ResultsWindow' });

export const ResultsPoint = z
  .object({
    pointId: Uuid,
    name: z.string(),
    kind: DistributionPointKind,
    schoolLevel: SchoolLevel.nullable(),
    place: z.string(),
    organisationName: z.string(),
    cardCode: z.string(),
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
    setsHandedOut: z.number().int(),
  })
  .meta({ id: 'ResultsPoint' });

export const ResultsReport = z
  .object({
    fiscalYear: z.number().int(),
    fiscalYearLabel: z.string().describe('令和3年度（FY2021）'),
    from: IsoDate,
    to: IsoDate,
    generatedAt: IsoDateTime,
    suppression: SuppressionInfo,
    overview: z
      .object({
        training: z.object({ events: z.array(ResultsTrainingEvent).describe('Events of the year, by start') }),
        windows: z
          .array(ResultsWindow)
          .describe('Windows opened in the year: marked new, or begun after its first day; by first day'),
        distribution: z.object({
          points: z.array(ResultsPoint).describe('Points running in the year, by name'),
          periodFrom: IsoDate.nullable().describe('The points’ first day in the year'),
          periodTo: IsoDate.nullable().describe('The points’ last day in the year'),
          firstHandOut: IsoDate.nullable(),
          lastHandOut: IsoDate.nullable(),
          setsHandedOut: z.number().int(),
          handOuts: z.number().int(),
        }),
      })
      .describe('事業の概要'),
    effects: z
      .object({
        training: z.object({
          events: z.number().int(),
          participants: z.number().int().describe('Checked in'),
          venue: z.number().int(),
          online: z.number().int(),
          byAffiliation: z.array(z.object({ affiliation: Affiliation, label: z.string(), attended: z.number().int() })),
          satisfaction: ShareFigure.nullable().describe('From the year’s first survey_satisfied_share metric'),
          summary: z.string(),
        }),
        windows: z.object({
          items: z.array(
            z.object({ windowId: Uuid, name: z.string(), openingDays: z.number().int(), consultations: ReportCount }),
          ),
          consultations: ReportCount,
          summary: z.string(),
        }),
        distribution: z.object({
          setsHandedOut: z.number().int(),
          handOuts: z.number().int(),
          cardTracedConsultations: ReportCount.describe('Consultations in the year that recorded a point’s card code'),
          conversionRate: z.number().nullable().describe('cardTracedConsultations ÷ setsHandedOut, 4 decimals'),
          positive: ShareFigure.nullable().describe('From the year’s first survey_positive_share metric'),
          summary: z.string(),
        }),
      })
      .describe('事業の効果: computed figures per part of the programme'),
    targets: z.array(TargetMetricResult).describe('目標数値: the year’s targets at the end of the year (or now)'),
    challenges: ResultsChallenges.describe('今後の課題'),
  })
  .meta({
    id: 'ResultsReport',
    description: '事業実績報告: the year’s results in the sections of the programme’s report',
  });
export type ResultsReport = z.infer<typeof ResultsReport>;
