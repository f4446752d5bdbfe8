import { z } from 'zod';
import { Role, Uuid } from './common.ts';

export const SignIn = z
  .strictObject({
    email: z.string().trim().toLowerCase().min(1).max(254),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'SignIn' });
export type SignIn = z.infer<typeof SignIn>;

export const Me = z
  .object({
    kind: z.enum(['user', 'api_key']),
    id: Uuid,
    displayName: z.string(),
    email: z.string().nullable(),
    role: Role,
    organisationId: Uuid,
    organisationName: z.string(),
    csrfToken: z
      .string()
      .nullable()
      .describe('Send as X-CSRF-Token on every cookie-authenticated write; null for API keys'),
  })
  .meta({ id: 'Me', description: 'The signed-in user or the calling API key' });
export type Me = z.infer<typeof Me>;
