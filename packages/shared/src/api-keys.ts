import { z } from 'zod';
import { IsoDateTime, ListQuery, Uuid } from './common.ts';

export const ApiKeyRole = z.enum(['partner', 'analyst', 'staff']).describe('partner | analyst | staff');

export const ApiKey = z
  .object({
    id: Uuid,
    name: z.string(),
    prefix: z.string().describe('First characters of the key, to recognise it; the secret is never shown again'),
    role: ApiKeyRole,
    organisationId: Uuid,
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyQuery = ListQuery.extend({
  organisationId: Uuid.optional(),
  role: ApiKeyRole.optional(),
  status: z.enum(['active', 'revoked']).optional().describe('active | revoked; both when absent'),
});
export type ApiKeyQuery = z.infer<typeof ApiKeyQuery>;

export const CreateApiKey = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: ApiKeyRole,
    organisationId: Uuid,
  })
  .meta({ id: 'CreateApiKey' });
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const CreatedApiKey = ApiKey.extend({
  secret: z.string().describe('The whole key, shown once: send as `Authorization: Bearer <secret>`'),
}).meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
