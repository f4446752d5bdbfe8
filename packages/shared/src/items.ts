import { z } from 'zod';
import { IsoDateTime, ListQuery, Uuid } from './common.ts';

/** Largest stock figure the system takes in one field: far beyond any real point, small enough for int4 sums. */
export const MAX_STOCK_QUANTITY = 1_000_000;

const MinimumLevel = z
  .number()
  .int()
  .min(0)
  .max(MAX_STOCK_QUANTITY)
  .describe('Level below which a point is shown as running low (0 = never)');

const itemFields = {
  name: z.string().trim().min(1).max(200).describe('What is handed out, e.g. 生理用品セット（夜用1パック）'),
  unit: z.string().trim().min(1).max(20).describe('Counting unit, e.g. セット or パック'),
  defaultMinimumLevel: MinimumLevel.describe(
    'Minimum level at every point that has no override of its own (see /items/{id}/minimums)',
  ),
};

export const CreateItem = z
  .strictObject({ ...itemFields, defaultMinimumLevel: itemFields.defaultMinimumLevel.default(0) })
  .meta({ id: 'CreateItem' });
export type CreateItem = z.input<typeof CreateItem>;

export const UpdateItem = z
  .strictObject(itemFields)
  .partial()
  .meta({ id: 'UpdateItem', description: 'Fields to change; send the ETag you read in If-Match' });
export type UpdateItem = z.infer<typeof UpdateItem>;

export const Item = z
  .object({
    id: Uuid,
    ...itemFields,
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Item', description: '配付品: what the points hand out and keep in stock' });
export type Item = z.infer<typeof Item>;

export const ItemQuery = ListQuery.extend({
  q: z.string().trim().max(100).optional().describe('Name contains'),
});
export type ItemQuery = z.infer<typeof ItemQuery>;

export const ItemMinimumParams = z.object({
  id: Uuid.describe('Item id'),
  pointId: Uuid.describe('Distribution point id'),
});

export const SetItemMinimum = z
  .strictObject({ minimumLevel: MinimumLevel })
  .meta({ id: 'SetItemMinimum', description: 'The minimum level of this item at this point, replacing the default' });
export type SetItemMinimum = z.infer<typeof SetItemMinimum>;

export const ItemMinimum = z
  .object({
    itemId: Uuid,
    pointId: Uuid,
    pointName: z.string(),
    minimumLevel: z.number().int(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ItemMinimum', description: 'A per-point override of an item’s default minimum level' });
export type ItemMinimum = z.infer<typeof ItemMinimum>;

export const ItemMinimumList = z
  .object({ items: z.array(ItemMinimum) })
  .meta({ id: 'ItemMinimumList', description: 'Every per-point override of one item, by point name' });
