import { z } from 'zod';
import { IsoDateTime, ListQuery, Uuid } from './common.ts';
import { ConsultationWindow, WeeklySchedule } from './consultation-windows.ts';

export const DistributionPointKinds = [
  'city_counter',
  'service_center',
  'partner_site',
  'school_nurse_office',
  'store',
] as const;
export const DistributionPointKind = z
  .enum(DistributionPointKinds)
  .describe(
    'city_counter (市の窓口) | service_center (サービスセンター) | partner_site (連携団体) | ' +
      'school_nurse_office (学校の保健室) | store (店舗)',
  );
export type DistributionPointKind = z.infer<typeof DistributionPointKind>;

export const SchoolLevels = ['elementary', 'junior_high', 'high'] as const;
export const SchoolLevel = z
  .enum(SchoolLevels)
  .describe('elementary (小学校) | junior_high (中学校) | high (高等学校); only for school_nurse_office');
export type SchoolLevel = z.infer<typeof SchoolLevel>;

/**
 * Printed on the point's guidance cards and typed back in when a consultation records where the
 * card came from, so it is case-insensitive: stored and compared in upper case.
 */
export const CardCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9](?:[A-Z0-9-]{0,22}[A-Z0-9])?$/, 'letters, digits and inner hyphens, at most 24, e.g. OTR-FUK')
  .describe('Short code printed on this point’s guidance cards, e.g. OTR-FUK (upper-cased; unique)');

// The period, closure and holiday fields mean the same for a point as for a window.
const windowShape = ConsultationWindow.shape;

const pointFields = {
  name: z.string().trim().min(1).max(200).describe('Name of the point (配付場所名)'),
  kind: DistributionPointKind,
  schoolLevel: SchoolLevel.nullable().describe('Required for school_nurse_office, null for every other kind'),
  organisationId: Uuid.describe('The organisation that operates the point'),
  place: z.string().trim().min(1).max(200).describe('Where it is, e.g. 市役所本館1階'),
  cardCode: CardCode,
  validFrom: windowShape.validFrom.describe('First day the point hands out'),
  validTo: windowShape.validTo.describe('Last day the point hands out; null when open-ended'),
  closureDates: windowShape.closureDates,
  opensOnHolidays: windowShape.opensOnHolidays,
  schedule: WeeklySchedule,
};

type PointShape = {
  kind?: DistributionPointKind | undefined;
  schoolLevel?: SchoolLevel | null | undefined;
  validFrom?: string | undefined;
  validTo?: string | null | undefined;
};

/**
 * What is wrong with a point's kind, school level and period: a school level exactly when the
 * point is a school nurse office, and a period that does not end before it starts. With `partial`
 * (a PATCH body) only what the body alone decides is checked; the route checks the merged row.
 */
export function distributionPointIssues(v: PointShape, partial = false): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) {
    issues.push({ path: 'validTo', message: 'validTo must not be before validFrom' });
  }
  if (partial && v.kind === undefined) return issues;
  if (v.kind === 'school_nurse_office' && !v.schoolLevel && !(partial && v.schoolLevel === undefined)) {
    issues.push({ path: 'schoolLevel', message: 'a school nurse office needs a schoolLevel' });
  }
  if (v.kind !== 'school_nurse_office' && v.schoolLevel) {
    issues.push({ path: 'schoolLevel', message: 'only a school nurse office has a schoolLevel' });
  }
  return issues;
}

function checkPoint(v: PointShape, ctx: z.RefinementCtx, partial = false) {
  for (const issue of distributionPointIssues(v, partial)) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.path] });
  }
}

export const CreateDistributionPoint = z
  .strictObject({
    ...pointFields,
    schoolLevel: pointFields.schoolLevel.default(null),
    validTo: pointFields.validTo.default(null),
    closureDates: pointFields.closureDates.default([]),
    opensOnHolidays: pointFields.opensOnHolidays.default(false),
  })
  .superRefine((v, ctx) => checkPoint(v, ctx))
  .meta({ id: 'CreateDistributionPoint' });
export type CreateDistributionPoint = z.input<typeof CreateDistributionPoint>;

export const UpdateDistributionPoint = z
  .strictObject(pointFields)
  .partial()
  .superRefine((v, ctx) => checkPoint(v, ctx, true))
  .meta({
    id: 'UpdateDistributionPoint',
    description:
      'Fields to change; send the ETag you read in If-Match. Deactivate a point by setting validTo. ' +
      'Kind and school level are checked together with the stored values.',
  });
export type UpdateDistributionPoint = z.infer<typeof UpdateDistributionPoint>;

export const DistributionPoint = z
  .object({
    id: Uuid,
    ...pointFields,
    organisationName: z.string(),
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'DistributionPoint', description: '配付場所: where sanitary products are handed out' });
export type DistributionPoint = z.infer<typeof DistributionPoint>;

export const DistributionPointQuery = ListQuery.extend({
  kind: DistributionPointKind.optional(),
  schoolLevel: SchoolLevel.optional(),
  organisationId: Uuid.optional(),
  cardCode: CardCode.optional().describe('Only the point with this card code'),
  q: z.string().trim().max(100).optional().describe('Name contains'),
});
export type DistributionPointQuery = z.infer<typeof DistributionPointQuery>;
