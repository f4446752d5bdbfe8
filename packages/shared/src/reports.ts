import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';
import type { Channel, Topic } from './vocabulary.ts';

/**
 * Shapes every report shares: periods, counts that may be suppressed, and the Japanese labels
 * used in CSV headers. Reports count people's contacts, so a count read by a partner or an
 * analyst that is small enough to single someone out is not shown (small-cell suppression).
 */

/** Longest period one report request covers: five fiscal years and a little more. */
export const MAX_REPORT_PERIOD_DAYS = 1900;

export const ReportFormat = z
  .enum(['json', 'csv'])
  .describe('json (default) or csv: UTF-8 with a BOM and Japanese headers, for Excel; Accept: text/csv works too');

function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) {
    ctx.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
    return;
  }
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
  if (days > MAX_REPORT_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `the period may span at most ${MAX_REPORT_PERIOD_DAYS} days`,
      path: ['to'],
    });
  }
}

const periodFields = {
  from: IsoDate.describe('First day of the period, inclusive (Asia/Tokyo)'),
  to: IsoDate.describe(`Last day of the period, inclusive (Asia/Tokyo); at most ${MAX_REPORT_PERIOD_DAYS} days`),
  format: ReportFormat.optional(),
};

export const SuppressionReasons = ['small', 'complementary', 'withheld'] as const;

export const Suppressed = z
  .object({
    suppressed: z.literal(true),
    reason: z
      .enum(SuppressionReasons)
      .describe(
        'small: the count is between 1 and threshold − 1 (CSV "<3"); complementary: hidden so that a small count ' +
          'cannot be worked out from the totals (CSV "x"); withheld: the table is too small to show any of it (CSV "x")',
      ),
  })
  .meta({ id: 'Suppressed', description: 'A count not shown, so that no one can be singled out' });
export type Suppressed = z.infer<typeof Suppressed>;

export const ReportCount = z.union([z.number().int().min(0), Suppressed]).meta({
  id: 'ReportCount',
  description:
    'A count, or { suppressed: true, reason } in reports read by a partner or an analyst. Zero is always shown: ' +
    'it singles no one out.',
});
export type ReportCount = z.infer<typeof ReportCount>;

export const SuppressionInfo = z
  .object({
    applied: z.boolean().describe('True for partners and analysts; staff and admins see exact counts'),
    threshold: z.number().int().describe('Counts from 1 to threshold − 1 are suppressed'),
    withheld: z.boolean().describe('True when the whole table had to be hidden'),
  })
  .meta({ id: 'SuppressionInfo' });
export type SuppressionInfo = z.infer<typeof SuppressionInfo>;

export function isSuppressed(count: ReportCount | null | undefined): count is Suppressed {
  return typeof count === 'object' && count !== null && count.suppressed === true;
}

/** How a count reads in CSV and on screen: the number, "<3" for a small count, "x" otherwise hidden. */
export function formatCount(count: ReportCount, threshold: number): string {
  if (!isSuppressed(count)) return String(count);
  return count.reason === 'small' ? `<${threshold}` : 'x';
}

// ——— consultations ———

export const ConsultationDimensions = [
  'window',
  'month',
  'week',
  'weekday',
  'hour',
  'channel',
  'topic',
  'referral_source',
  'age_band',
] as const;
export const ConsultationDimension = z
  .enum(ConsultationDimensions)
  .describe(
    'window | month (YYYY-MM) | week (its Monday, YYYY-MM-DD) | weekday (1 = Monday … 7 = Sunday) | hour (0–23) | ' +
      'channel | topic (a consultation counts once per topic) | referral_source | age_band; all in Asia/Tokyo',
  );
export type ConsultationDimension = z.infer<typeof ConsultationDimension>;

export const ConsultationReportQuery = z
  .object({
    ...periodFields,
    groupBy: z
      .string()
      .max(64)
      .transform((s) => s.split(',').map((d) => d.trim()))
      .pipe(
        z
          .array(ConsultationDimension)
          .min(1)
          .max(2, 'at most two dimensions')
          .refine((d) => new Set(d).size === d.length, 'each dimension at most once'),
      )
      .describe(`One or two of ${ConsultationDimensions.join(', ')}, comma-separated, e.g. weekday,hour`),
    windowId: Uuid.optional().describe('Only consultations at this window'),
  })
  .superRefine(checkPeriod);
export type ConsultationReportQuery = z.infer<typeof ConsultationReportQuery>;

export const ReportKey = z
  .object({
    value: z
      .union([z.string(), z.number().int(), z.null()])
      .describe('Window id, YYYY-MM, the Monday of a week, weekday 1–7, hour 0–23, a code, or null (not recorded)'),
    label: z.string().describe('Japanese label, e.g. 金, 23時, 窓口, 20代'),
  })
  .meta({ id: 'ReportKey' });
export type ReportKey = z.infer<typeof ReportKey>;

export const ConsultationReportCell = z
  .object({
    keys: z.array(ReportKey).describe('One key per groupBy dimension, in that order'),
    count: ReportCount,
  })
  .meta({ id: 'ConsultationReportCell' });
export type ConsultationReportCell = z.infer<typeof ConsultationReportCell>;

export const ReportMargin = z
  .object({ key: ReportKey, count: ReportCount })
  .meta({ id: 'ReportMargin', description: 'A row or column total' });
export type ReportMargin = z.infer<typeof ReportMargin>;

export const ConsultationReport = z
  .object({
    from: IsoDate,
    to: IsoDate,
    groupBy: z.array(ConsultationDimension),
    windowId: Uuid.nullable(),
    suppression: SuppressionInfo,
    cells: z
      .array(ConsultationReportCell)
      .describe('Every combination of the dimensions’ values in the period, zeros included, in table order'),
    rowTotals: z
      .array(ReportMargin)
      .describe('With two dimensions: per value of the first, the sum over the second; empty with one'),
    columnTotals: z
      .array(ReportMargin)
      .describe('With two dimensions: per value of the second, the sum over the first; empty with one'),
    total: ReportCount.describe(
      'Sum of the cells. Grouped by topic, a consultation about two topics counts twice, in the total as well',
    ),
  })
  .meta({
    id: 'ConsultationReport',
    description: 'Consultation counts for a period, grouped by one or two dimensions',
  });
export type ConsultationReport = z.infer<typeof ConsultationReport>;

// ——— window demand ———

export const WindowDemandQuery = z.object(periodFields).superRefine(checkPeriod);
export type WindowDemandQuery = z.infer<typeof WindowDemandQuery>;

export const WindowDemandItem = z
  .object({
    windowId: Uuid,
    windowName: z.string(),
    organisationName: z.string(),
    openingDays: z.number().int().describe('Days the window opened in the period (schedule, closures, holidays)'),
    openHours: z.number().describe('Hours the window was open in the period'),
    consultations: ReportCount.describe('All consultations recorded at the window in the period'),
    consultationsInOpeningHours: ReportCount,
    consultationsOutsideOpeningHours: ReportCount.describe(
      'Call-backs and the like, taken while the window was closed',
    ),
    consultationsPerOpenHour: z
      .union([z.number(), Suppressed, z.null()])
      .describe('consultationsInOpeningHours / openHours, 3 decimals; null when the window never opened'),
    noConsultations: z.boolean().describe('True when no one came in the period: the window to look at'),
  })
  .meta({ id: 'WindowDemandItem' });
export type WindowDemandItem = z.infer<typeof WindowDemandItem>;

export const WindowDemand = z
  .object({
    from: IsoDate,
    to: IsoDate,
    suppression: SuppressionInfo,
    items: z.array(WindowDemandItem).describe('Windows running in the period (or with consultations in it), by name'),
  })
  .meta({ id: 'WindowDemand', description: 'Each window’s opening hours in a period against the consultations' });
export type WindowDemand = z.infer<typeof WindowDemand>;

// ——— labels (CSV headers and chart axes) ———

export const WeekdayLabels = ['月', '火', '水', '木', '金', '土', '日'] as const;

export const ChannelLabels: Record<Channel, string> = {
  in_person: '窓口',
  phone: '電話',
  sns: 'SNS',
  online: 'オンライン',
  outreach: 'アウトリーチ',
};

export const TopicLabels: Record<Topic, string> = {
  women_general: '女性相談全般',
  living_hardship: '生活困窮',
  single_parent: 'ひとり親',
  pregnancy_childcare: '妊娠・出産・育児',
  family: '育児・家庭内問題',
  mental_health: '精神保健',
  legal_living: '法律・くらし',
  domestic_violence: 'DV',
  employment: '仕事',
  health: '健康',
  other: 'その他',
};

export const ConsultationDimensionLabels: Record<ConsultationDimension, string> = {
  window: '相談窓口',
  month: '月',
  week: '週',
  weekday: '曜日',
  hour: '時間帯',
  channel: '相談方法',
  topic: '相談内容',
  referral_source: 'きっかけ',
  age_band: '年代',
};
