import { z } from 'zod';
import { IsoDateTime, ListQuery, Uuid } from './common.ts';

export const OrganisationKinds = ['city_department', 'partner', 'school', 'commissioned', 'other'] as const;
export const OrganisationQuery = ListQuery.extend({ kind: z.enum(OrganisationKinds).optional() });

export const OrganisationKind = z
  .enum(OrganisationKinds)
  .describe('city_department (市の部署) | partner (連携団体) | school (学校) | commissioned (委託先) | other');

export const Organisation = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: OrganisationKind,
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Organisation', description: 'A city department, partner or school that operates windows and points' });
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisation = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: OrganisationKind,
  })
  .meta({ id: 'CreateOrganisation' });
export type CreateOrganisation = z.infer<typeof CreateOrganisation>;

export const UpdateOrganisation = CreateOrganisation.partial().meta({ id: 'UpdateOrganisation' });
export type UpdateOrganisation = z.infer<typeof UpdateOrganisation>;
