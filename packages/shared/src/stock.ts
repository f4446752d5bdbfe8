import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Problem, Uuid } from './common.ts';
import { DistributionPointKind, SchoolLevel } from './distribution-points.ts';
import { MAX_STOCK_QUANTITY } from './items.ts';

export const StockMovementKinds = ['receipt', 'transfer', 'handout', 'adjustment', 'reversal'] as const;
export const StockMovementKind = z
  .enum(StockMovementKinds)
  .describe(
    'receipt (入庫) | transfer (移動: one row at each point, sharing a transferId) | handout (配付, ' +
      'written by /distributions) | adjustment (棚卸: counted level minus the level before) | reversal (取消)',
  );
export type StockMovementKind = z.infer<typeof StockMovementKind>;

export const ReceiptSources = ['purchase', 'donation', 'other'] as const;
export const ReceiptSource = z
  .enum(ReceiptSources)
  .describe('purchase (購入) | donation (寄付, e.g. a partner’s) | other (その他: say what in the note)');
export type ReceiptSource = z.infer<typeof ReceiptSource>;

/** Clocks of counter PCs and phones drift; an instant this far ahead of the server still counts as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** The earliest instant a movement or hand-out may be dated (older figures are typing errors). */
export const EARLIEST_RECORD = '2000-01-01T00:00:00+09:00';

/** When a movement or hand-out happened: in the past (or now), never before 2000. */
export const PastInstant = IsoDateTime.refine((v) => Date.parse(v) <= Date.now() + CLOCK_SKEW_MS, {
  message: 'must not be in the future',
})
  .refine((v) => Date.parse(v) >= Date.parse(EARLIEST_RECORD), { message: 'must not be before 2000-01-01' })
  .describe('When it happened (ISO 8601 with offset); not in the future; defaults to now');

export const Quantity = z
  .number()
  .int()
  .min(1)
  .max(MAX_STOCK_QUANTITY)
  .describe(`Number of units, 1–${MAX_STOCK_QUANTITY}`);

const Note = z.string().trim().max(500);
const Reason = z.string().trim().min(1).max(500);

export const CreateReceipt = z
  .strictObject({
    kind: z.literal('receipt'),
    pointId: Uuid.describe('The point that received the stock'),
    itemId: Uuid,
    quantity: Quantity,
    source: ReceiptSource,
    note: Note.nullable().default(null).describe('Supplier, donor or delivery note'),
    occurredAt: PastInstant.optional(),
  })
  .meta({ id: 'CreateReceipt', description: '入庫: stock arrives at a point' });

export const CreateTransfer = z
  .strictObject({
    kind: z.literal('transfer'),
    fromPointId: Uuid.describe('The point the stock leaves; it must hold the quantity'),
    toPointId: Uuid.describe('The point the stock arrives at; not the same point'),
    itemId: Uuid,
    quantity: Quantity,
    note: Note.nullable().default(null),
    occurredAt: PastInstant.optional(),
  })
  .refine((v) => v.fromPointId !== v.toPointId, {
    message: 'a transfer goes to another point',
    path: ['toPointId'],
  })
  .meta({
    id: 'CreateTransfer',
    description: '移動: written as two ledger rows (minus at the source, plus at the target) in one transaction',
  });

export const CreateAdjustment = z
  .strictObject({
    kind: z.literal('adjustment'),
    pointId: Uuid,
    itemId: Uuid,
    countedLevel: z
      .number()
      .int()
      .min(0)
      .max(MAX_STOCK_QUANTITY)
      .describe('The level counted on the shelf; the movement is this minus the level before, computed under lock'),
    reason: Reason.describe('Why the count differs, e.g. 棚卸 or 破損'),
    occurredAt: PastInstant.optional(),
  })
  .meta({ id: 'CreateAdjustment', description: '棚卸: sets the level to what was counted' });

export const CreateReversal = z
  .strictObject({
    kind: z.literal('reversal'),
    reversesId: Uuid.describe(
      'The movement to reverse; reversing either row of a transfer reverses both. A movement is reversed at most once; ' +
        'a reversal itself cannot be reversed.',
    ),
    reason: Reason.describe('Why, e.g. 入力誤り'),
  })
  .meta({
    id: 'CreateReversal',
    description: '取消: a movement with the opposite quantity that references the mistake',
  });

export const CreateStockMovement = z
  .discriminatedUnion('kind', [CreateReceipt, CreateTransfer, CreateAdjustment, CreateReversal])
  .meta({
    id: 'CreateStockMovement',
    description: 'One of receipt, transfer, adjustment or reversal (hand-outs are recorded at /distributions)',
  });
export type CreateStockMovement = z.input<typeof CreateStockMovement>;

export const StockMovement = z
  .object({
    id: Uuid,
    kind: StockMovementKind,
    pointId: Uuid,
    pointName: z.string(),
    itemId: Uuid,
    itemName: z.string(),
    quantity: z.number().int().describe('Change of the level at pointId: positive in, negative out'),
    occurredAt: IsoDateTime,
    source: ReceiptSource.nullable().describe('Receipts only'),
    note: z.string().nullable(),
    countedLevel: z.number().int().nullable().describe('Adjustments only: the level counted'),
    reason: z.string().nullable().describe('Adjustments and reversals'),
    transferId: Uuid.nullable().describe('Transfers (and their reversals): shared by the two rows'),
    counterpartPointId: Uuid.nullable().describe('Transfers: the point at the other end'),
    reversesId: Uuid.nullable().describe('Reversals: the movement reversed'),
    reversedById: Uuid.nullable().describe('The reversal of this movement, if any'),
    distributionId: Uuid.nullable().describe('Hand-outs and their reversals: the hand-out record'),
    madeUp: z.boolean().describe('Invented demo data, not a real record'),
    recordedBy: z.string().nullable().describe('Who recorded it (user or API key label)'),
    createdAt: IsoDateTime.describe('When it was recorded'),
  })
  .meta({ id: 'StockMovement', description: '在庫台帳の1行: immutable; corrected by a reversal' });
export type StockMovement = z.infer<typeof StockMovement>;

export const LevelAfter = z
  .object({ pointId: Uuid, itemId: Uuid, level: z.number().int() })
  .meta({ id: 'LevelAfter', description: 'The level of an item at a point right after a write' });
export type LevelAfter = z.infer<typeof LevelAfter>;

export const RecordedStockMovements = z
  .object({
    movements: z.array(StockMovement).describe('The rows written: two for a transfer or its reversal, else one'),
    levels: z.array(LevelAfter),
  })
  .meta({ id: 'RecordedStockMovements' });
export type RecordedStockMovements = z.infer<typeof RecordedStockMovements>;

export const StockMovementQuery = ListQuery.extend({
  pointId: Uuid.optional(),
  itemId: Uuid.optional(),
  kind: StockMovementKind.optional(),
  transferId: Uuid.optional(),
  from: IsoDate.optional().describe('Occurred on or after this date (Asia/Tokyo)'),
  to: IsoDate.optional().describe('Occurred on or before this date (Asia/Tokyo)'),
});
export type StockMovementQuery = z.infer<typeof StockMovementQuery>;

export const StockLevel = z
  .object({
    itemId: Uuid,
    itemName: z.string(),
    unit: z.string(),
    level: z.number().int().describe('Sum of the ledger'),
    minimumLevel: z.number().int().describe('The point’s override, else the item’s default'),
    belowMinimum: z.boolean(),
  })
  .meta({ id: 'StockLevel' });
export type StockLevel = z.infer<typeof StockLevel>;

export const PointStock = z
  .object({
    pointId: Uuid,
    pointName: z.string(),
    items: z.array(StockLevel).describe('Every item, including those the point never held (level 0)'),
  })
  .meta({ id: 'PointStock', description: 'Levels of one point, derived from the ledger' });
export type PointStock = z.infer<typeof PointStock>;

export const StockOverviewPoint = z
  .object({
    pointId: Uuid,
    pointName: z.string(),
    kind: DistributionPointKind,
    schoolLevel: SchoolLevel.nullable(),
    organisationId: Uuid,
    organisationName: z.string(),
    active: z.boolean().describe('Today lies within the point’s period'),
    items: z.array(StockLevel),
  })
  .meta({ id: 'StockOverviewPoint' });

export const BelowMinimum = z
  .object({
    pointId: Uuid,
    pointName: z.string(),
    itemId: Uuid,
    itemName: z.string(),
    level: z.number().int(),
    minimumLevel: z.number().int(),
    shortfall: z.number().int().describe('minimumLevel − level'),
  })
  .meta({ id: 'BelowMinimum' });

export const SuggestedTransfer = z
  .object({
    itemId: Uuid,
    itemName: z.string(),
    fromPointId: Uuid,
    fromPointName: z.string(),
    toPointId: Uuid,
    toPointName: z.string(),
    quantity: z.number().int(),
  })
  .meta({
    id: 'SuggestedTransfer',
    description: 'Move this much from a point with surplus (above its minimum, or inactive) to one below its minimum',
  });
export type SuggestedTransfer = z.infer<typeof SuggestedTransfer>;

export const StockOverviewQuery = z.object({
  itemId: Uuid.optional().describe('Only this item'),
});

export const StockOverview = z
  .object({
    at: IsoDateTime,
    points: z.array(StockOverviewPoint),
    belowMinimum: z.array(BelowMinimum).describe('Active points below their minimum, largest shortfall first'),
    suggestedTransfers: z.array(SuggestedTransfer),
  })
  .meta({ id: 'StockOverview', description: 'Programme-wide levels (partners: their own points)' });
export type StockOverview = z.infer<typeof StockOverview>;

export const OutOfStockProblem = Problem.extend({
  available: z.number().int().optional().describe('out_of_stock: what the point holds of the item right now'),
  pointId: Uuid.optional().describe('out_of_stock: the point that holds too little'),
  itemId: Uuid.optional(),
}).meta({
  id: 'OutOfStockProblem',
  description: 'A 409 problem; with code out_of_stock it says how much is left (other codes: see the route)',
});
