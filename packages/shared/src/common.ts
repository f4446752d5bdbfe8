import { z } from 'zod';

/** Every calendar date, weekday, hour and fiscal year is read in this zone. */
export const TIME_ZONE = 'Asia/Tokyo';

export const Uuid = z.uuid().describe('UUID');
export const IdParams = z.object({ id: z.uuid().describe('Resource id (UUID)') });

export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 date-time with offset, e.g. 2021-11-13T10:00:00+09:00');
export const IsoDate = z.iso.date().describe('Calendar date YYYY-MM-DD (Asia/Tokyo)');
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM (00:00–24:00)')
  .refine((v) => v <= '24:00', 'HH:MM (00:00–24:00)')
  .describe('Local time of day HH:MM (Asia/Tokyo)');

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size (1–500, default 50)'),
  cursor: z.string().max(512).optional().describe('Opaque cursor from the previous page'),
});

export function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    })
    .meta({ id });
}

/** RFC 9457 problem details; `code` is stable and meant for machines. */
export const Problem = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code, e.g. validation_failed'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Validation failures, one per field'),
  })
  .meta({ id: 'Problem', description: 'application/problem+json (RFC 9457)' });
export type Problem = z.infer<typeof Problem>;

export const ErrorCodes = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'precondition_required',
  'precondition_failed',
  'rate_limited',
  'invalid_credentials',
  'database_unavailable',
  'unknown_organisation',
  'internal_error',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const Roles = ['admin', 'staff', 'partner', 'analyst'] as const;
export const Role = z.enum(Roles).describe('admin | staff | partner | analyst');
export type Role = z.infer<typeof Role>;
