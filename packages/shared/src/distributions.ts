import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';
import {
  DistributionPointKind,
  type DistributionPointKinds,
  SchoolLevel,
  type SchoolLevels,
} from './distribution-points.ts';
import { MAX_REPORT_PERIOD_DAYS } from './reports.ts';
import { PastInstant } from './stock.ts';

export const RequestMethods = ['flyer', 'flyer_stub', 'phone_screen', 'none'] as const;
export const RequestMethod = z
  .enum(RequestMethods)
  .describe('How she asked: flyer (チラシ持参) | flyer_stub (チラシ半券) | phone_screen (スマートフォン画面) | none');
export type RequestMethod = z.infer<typeof RequestMethod>;

/** One hand-out is one person (one set) or a school nurse office's batch; more than this is a typing error. */
export const MAX_SETS_PER_DISTRIBUTION = 1000;
/** A school nurse office's batch covers at most this many days. */
export const MAX_BATCH_DAYS = 366;

export const CreateDistribution = z
  .strictObject({
    pointId: Uuid.describe('Where it was handed out'),
    itemId: Uuid,
    occurredAt: PastInstant.optional(),
    sets: z
      .number()
      .int()
      .min(1)
      .max(MAX_SETS_PER_DISTRIBUTION)
      .default(1)
      .describe(
        `Sets handed over: 1 per person (default); a nurse office's batch count; at most ${MAX_SETS_PER_DISTRIBUTION}`,
      ),
    requestMethod: RequestMethod,
    cardEnclosed: z.boolean().default(true).describe('Whether the guidance card was in the envelope'),
    periodFrom: IsoDate.optional().describe('School nurse offices only: first day the batch covers'),
    periodTo: IsoDate.optional().describe('School nurse offices only: last day the batch covers'),
  })
  .superRefine((v, ctx) => {
    if ((v.periodFrom === undefined) !== (v.periodTo === undefined)) {
      const path = v.periodFrom === undefined ? 'periodFrom' : 'periodTo';
      ctx.addIssue({ code: 'custom', message: 'a batch needs both periodFrom and periodTo', path: [path] });
      return;
    }
    if (v.periodFrom && v.periodTo) {
      if (v.periodTo < v.periodFrom) {
        ctx.addIssue({ code: 'custom', message: 'periodTo must not be before periodFrom', path: ['periodTo'] });
      } else if ((Date.parse(v.periodTo) - Date.parse(v.periodFrom)) / 86_400_000 + 1 > MAX_BATCH_DAYS) {
        ctx.addIssue({ code: 'custom', message: `a batch covers at most ${MAX_BATCH_DAYS} days`, path: ['periodTo'] });
      }
      if (v.periodFrom < '2000-01-01') {
        ctx.addIssue({ code: 'custom', message: 'must not be before 2000-01-01', path: ['periodFrom'] });
      }
    }
  })
  .meta({
    id: 'CreateDistribution',
    description:
      '配付: one hand-out (default one set), or for a school nurse office a batch over periodFrom–periodTo. ' +
      'Refused with 409 out_of_stock (and `available`) when the point holds less than `sets`.',
  });
export type CreateDistribution = z.input<typeof CreateDistribution>;

export const Distribution = z
  .object({
    id: Uuid,
    pointId: Uuid,
    pointName: z.string(),
    pointKind: DistributionPointKind,
    itemId: Uuid,
    itemName: z.string(),
    occurredAt: IsoDateTime,
    sets: z.number().int(),
    requestMethod: RequestMethod,
    cardEnclosed: z.boolean(),
    periodFrom: IsoDate.nullable(),
    periodTo: IsoDate.nullable(),
    movementId: Uuid.describe('The ledger row of kind handout'),
    madeUp: z.boolean().describe('Invented demo data, not a real record'),
    recordedBy: z.string().nullable(),
    createdAt: IsoDateTime.describe('When it was recorded'),
    undoneAt: IsoDateTime.nullable().describe('When it was undone (a reversal restored the stock); null if it stands'),
    undoableUntil: IsoDateTime.nullable().describe('Until when POST /distributions/{id}/undo works; null once undone'),
  })
  .meta({ id: 'Distribution', description: '配付記録' });
export type Distribution = z.infer<typeof Distribution>;

export const RecordedDistribution = Distribution.extend({
  level: z.number().int().describe('What the point holds of the item right after this write'),
}).meta({ id: 'RecordedDistribution', description: 'A hand-out just recorded or undone, with the level left' });
export type RecordedDistribution = z.infer<typeof RecordedDistribution>;

export const DistributionQuery = ListQuery.extend({
  pointId: Uuid.optional(),
  itemId: Uuid.optional(),
  requestMethod: RequestMethod.optional(),
  from: IsoDate.optional().describe('Occurred on or after this date (Asia/Tokyo)'),
  to: IsoDate.optional().describe('Occurred on or before this date (Asia/Tokyo)'),
});
export type DistributionQuery = z.infer<typeof DistributionQuery>;

// --- report ---------------------------------------------------------------------------------

export const DistributionGroupings = ['point', 'pointKind', 'schoolLevel', 'week', 'month', 'requestMethod'] as const;
export const DistributionGrouping = z
  .enum(DistributionGroupings)
  .describe(
    'point | pointKind | schoolLevel (school nurse offices only) | week (ISO week from Monday, Asia/Tokyo) | month | requestMethod',
  );
export type DistributionGrouping = z.infer<typeof DistributionGrouping>;

/** Hand-outs per day over this many days before the report's end give the rate for "days of stock left". */
export const STOCK_RATE_DAYS = 28;
/** The longest range one report covers (five fiscal years and a little more). */

export const DistributionReportQuery = z
  .object({
    from: IsoDate.describe('First day (Asia/Tokyo)'),
    to: IsoDate.describe('Last day, inclusive; stock and the recent rate are taken at its end'),
    groupBy: DistributionGrouping.default('point'),
    itemId: Uuid.optional().describe('Only this item'),
    format: z
      .enum(['json', 'csv'])
      .optional()
      .describe('csv: UTF-8 with BOM and Japanese headers (also Accept: text/csv)'),
    table: z
      .enum(['groups', 'stock'])
      .default('groups')
      .describe('CSV only: the grouped hand-outs (default) or the stock table'),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) {
      ctx.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
    } else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_REPORT_PERIOD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        message: `the range may span at most ${MAX_REPORT_PERIOD_DAYS} days`,
        path: ['to'],
      });
    }
  });
export type DistributionReportQuery = z.infer<typeof DistributionReportQuery>;

export const DistributionReportGroup = z
  .object({
    key: z.string().describe('Point id, kind, school level, Monday of the week, YYYY-MM or request method'),
    label: z.string().describe('Japanese label of the key'),
    sets: z.number().int(),
    handouts: z.number().int().describe('Number of hand-out records (a batch counts once)'),
  })
  .meta({ id: 'DistributionReportGroup' });

export const DistributionStockRow = z
  .object({
    pointId: Uuid,
    pointName: z.string(),
    pointKind: DistributionPointKind,
    schoolLevel: SchoolLevel.nullable(),
    itemId: Uuid,
    itemName: z.string(),
    unit: z.string(),
    level: z.number().int().describe('Stock on hand at the end of `to` (or now, if earlier)'),
    recentSets: z.number().int().describe(`Sets handed out in the ${STOCK_RATE_DAYS} days ending with \`to\``),
    dailyRate: z.number().describe('recentSets per day'),
    daysLeft: z.number().nullable().describe('level ÷ dailyRate, one decimal; null when nothing was handed out'),
  })
  .meta({ id: 'DistributionStockRow' });

export const DistributionReport = z
  .object({
    from: IsoDate,
    to: IsoDate,
    groupBy: DistributionGrouping,
    rateDays: z.number().int(),
    groups: z.array(DistributionReportGroup),
    total: z.object({ sets: z.number().int(), handouts: z.number().int() }),
    stock: z.array(DistributionStockRow),
  })
  .meta({
    id: 'DistributionReport',
    description: 'Sets handed out (undone hand-outs excluded), grouped; and stock on hand with days left',
  });
export type DistributionReport = z.infer<typeof DistributionReport>;

// --- Japanese labels (CSV headers and the SPA) ------------------------------------------------

export const DistributionPointKindLabels: Record<(typeof DistributionPointKinds)[number], string> = {
  city_counter: '市の窓口',
  service_center: 'サービスセンター',
  partner_site: '連携団体',
  school_nurse_office: '学校保健室',
  store: '店舗',
};

export const SchoolLevelLabels: Record<(typeof SchoolLevels)[number], string> = {
  elementary: '小学校',
  junior_high: '中学校',
  high: '高等学校',
};

export const RequestMethodLabels: Record<RequestMethod, string> = {
  flyer: 'チラシ持参',
  flyer_stub: 'チラシ半券',
  phone_screen: 'スマートフォン画面提示',
  none: 'なし',
};
