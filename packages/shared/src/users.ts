import { z } from 'zod';
import { IsoDateTime, ListQuery, Role, Uuid } from './common.ts';
import type { Organisation } from './organisations.ts';

export const Email = z.email().max(254).toLowerCase().describe('E-mail address (sign-in name)');
export const Password = z.string().min(12, '12文字以上 / at least 12 characters').max(256);

export const User = z
  .object({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    organisationId: Uuid,
    disabled: z.boolean().describe('A disabled user cannot sign in; their sessions end'),
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    lastSignInAt: IsoDateTime.nullable().describe('The last successful sign-in (from the audit log); null if never'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'User', description: 'A staff, partner, analyst or admin account' });
export type User = z.infer<typeof User>;

export const CreateUser = z
  .strictObject({
    email: Email,
    displayName: z.string().trim().min(1).max(100),
    role: Role,
    organisationId: Uuid,
    password: Password,
  })
  .meta({ id: 'CreateUser' });
export type CreateUser = z.infer<typeof CreateUser>;

export const UserQuery = ListQuery.extend({
  role: Role.optional(),
  organisationId: Uuid.optional(),
});
export type UserQuery = z.infer<typeof UserQuery>;

/** Changing the password or disabling the user also ends all of that user's sessions. */
export const UpdateUser = z
  .strictObject({
    email: Email,
    displayName: z.string().trim().min(1).max(100),
    role: Role,
    organisationId: Uuid,
    password: Password,
    disabled: z.boolean(),
  })
  .partial()
  .meta({ id: 'UpdateUser' });
export type UpdateUser = z.infer<typeof UpdateUser>;

/**
 * A partner account (user or API key) is scoped to the places its organisation runs, so it belongs
 * to an organisation outside the city's own departments: a partner, a school, a commissioned centre.
 */
export const mayHoldPartnerRole = (kind: Organisation['kind']) => kind !== 'city_department';
