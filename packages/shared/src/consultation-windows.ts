import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, TimeOfDay, Uuid } from './common.ts';
import { line, paragraph } from './text.ts';
import { Channel, Topic } from './vocabulary.ts';

export const Weekday = z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday');

export const ScheduleInterval = z
  .strictObject({
    weekday: Weekday,
    opens: TimeOfDay,
    closes: TimeOfDay,
  })
  .refine((i) => i.opens < i.closes, { message: 'closes must be after opens', path: ['closes'] })
  .meta({ id: 'ScheduleInterval', description: 'One opening interval on one weekday, Asia/Tokyo' });
export type ScheduleInterval = z.infer<typeof ScheduleInterval>;

export const WeeklySchedule = z
  .array(ScheduleInterval)
  .max(50)
  .superRefine((intervals, ctx) => {
    const sorted = intervals
      .map((iv, index) => ({ ...iv, index }))
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
    // Compare with the latest closing so far, not only the previous interval: 09–17 also overlaps a later 12–13.
    let weekday = 0;
    let latestClose = '';
    for (const cur of sorted) {
      if (cur.weekday !== weekday) {
        weekday = cur.weekday;
        latestClose = '';
      } else if (cur.opens < latestClose) {
        ctx.addIssue({ code: 'custom', message: 'intervals on one weekday must not overlap', path: [cur.index] });
      }
      if (cur.closes > latestClose) latestClose = cur.closes;
    }
  })
  .describe('Opening intervals per weekday; a weekday without intervals is closed');
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

const windowFields = {
  name: line(200).min(1).describe('Name of the window (相談窓口名)'),
  description: paragraph(2000).nullable().describe('What the window helps with, for the public'),
  topics: z.array(Topic).min(1).max(20).describe('Topics the window takes'),
  organisationId: Uuid.describe('The organisation that operates the window'),
  place: line(200).min(1).describe('Where it is, e.g. 市役所別館4階'),
  address: line(300).nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+][0-9-]{5,19}$/, 'digits and hyphens, e.g. 0134-32-4111')
    .nullable(),
  phoneExtension: z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, 'digits only')
    .nullable()
    .describe('内線'),
  reservationRequired: z.boolean().describe('Whether a reservation is needed'),
  reservationNote: paragraph(500).nullable().describe('Reservation rules in words'),
  channels: z.array(Channel).min(1).max(5).describe('How the window can be reached'),
  womenOnly: z.boolean().describe('女性専用'),
  isNew: z.boolean().describe('Shown as 新設 in the directory and on the card'),
  validFrom: IsoDate.describe('First day the window runs'),
  validTo: IsoDate.nullable().describe('Last day the window runs; null when open-ended'),
  closureDates: z.array(IsoDate).max(366).describe('Extra days the window is closed'),
  opensOnHolidays: z.boolean().describe('Whether it opens on Japanese national holidays'),
  schedule: WeeklySchedule,
};

function checkPeriod(v: { validFrom?: string; validTo?: string | null }, ctx: z.RefinementCtx) {
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) {
    ctx.addIssue({ code: 'custom', message: 'validTo must not be before validFrom', path: ['validTo'] });
  }
}

export const CreateConsultationWindow = z
  .strictObject({
    ...windowFields,
    description: windowFields.description.default(null),
    address: windowFields.address.default(null),
    phone: windowFields.phone.default(null),
    phoneExtension: windowFields.phoneExtension.default(null),
    reservationRequired: windowFields.reservationRequired.default(false),
    reservationNote: windowFields.reservationNote.default(null),
    womenOnly: windowFields.womenOnly.default(false),
    isNew: windowFields.isNew.default(false),
    validTo: windowFields.validTo.default(null),
    closureDates: windowFields.closureDates.default([]),
    opensOnHolidays: windowFields.opensOnHolidays.default(false),
  })
  .superRefine(checkPeriod)
  .meta({ id: 'CreateConsultationWindow' });
export type CreateConsultationWindow = z.input<typeof CreateConsultationWindow>;

export const UpdateConsultationWindow = z
  .strictObject(windowFields)
  .partial()
  .superRefine(checkPeriod)
  .meta({ id: 'UpdateConsultationWindow', description: 'Fields to change; send the ETag you read in If-Match' });
export type UpdateConsultationWindow = z.infer<typeof UpdateConsultationWindow>;

export const ConsultationWindow = z
  .object({
    id: Uuid,
    ...windowFields,
    organisationName: z.string(),
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'ConsultationWindow', description: '相談窓口' });
export type ConsultationWindow = z.infer<typeof ConsultationWindow>;

export const ConsultationWindowQuery = ListQuery.extend({
  topic: Topic.optional().describe('Only windows taking this topic'),
  organisationId: Uuid.optional(),
  openAt: IsoDateTime.optional().describe('Only windows open at this instant'),
  q: line(100).optional().describe('Name contains'),
});
export type ConsultationWindowQuery = z.infer<typeof ConsultationWindowQuery>;

/** Longest range `opening-days` computes in one request (a fiscal year and a little more). */
export const MAX_OPENING_DAYS_RANGE = 400;

export const OpeningDaysQuery = z
  .object({
    from: IsoDate.describe('First date of the range (Asia/Tokyo)'),
    to: IsoDate.describe(`Last date of the range, inclusive; the range spans at most ${MAX_OPENING_DAYS_RANGE} days`),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) {
      ctx.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
      return;
    }
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
    if (days > MAX_OPENING_DAYS_RANGE) {
      ctx.addIssue({
        code: 'custom',
        message: `the range may span at most ${MAX_OPENING_DAYS_RANGE} days`,
        path: ['to'],
      });
    }
  });

export const OpeningDay = z
  .object({
    date: IsoDate,
    weekday: Weekday,
    intervals: z.array(z.object({ opens: TimeOfDay, closes: TimeOfDay })),
    openMinutes: z.number().int(),
  })
  .meta({ id: 'OpeningDay' });
export type OpeningDay = z.infer<typeof OpeningDay>;

export const OpeningDays = z
  .object({
    windowId: Uuid,
    from: IsoDate,
    to: IsoDate,
    days: z.array(OpeningDay),
    totalDays: z.number().int(),
    totalHours: z.number(),
  })
  .meta({ id: 'OpeningDays' });
export type OpeningDays = z.infer<typeof OpeningDays>;

export const PublicConsultationWindow = z
  .object({
    id: Uuid,
    name: z.string(),
    description: z.string().nullable(),
    topics: z.array(Topic),
    organisationName: z.string(),
    place: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    phoneExtension: z.string().nullable(),
    reservationRequired: z.boolean(),
    reservationNote: z.string().nullable(),
    channels: z.array(Channel),
    womenOnly: z.boolean(),
    isNew: z.boolean(),
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
    opensOnHolidays: z.boolean(),
    schedule: WeeklySchedule,
    openNow: z.boolean(),
    nextOpening: z
      .object({ opens: IsoDateTime, closes: IsoDateTime })
      .nullable()
      .describe('The next (or current) opening interval within a year; null when none'),
  })
  .meta({ id: 'PublicConsultationWindow', description: 'What the public directory shows of a window' });
export type PublicConsultationWindow = z.infer<typeof PublicConsultationWindow>;

export const PublicDirectoryQuery = z.object({
  topic: Topic.optional(),
  at: IsoDateTime.optional().describe('Compute "open now" for this instant instead of the current time'),
  card: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/)
    .optional()
    .describe('Guidance card code the visitor arrived with (recorded nowhere here)'),
});

export const PublicWindowQuery = PublicDirectoryQuery.pick({ at: true, card: true });

export const PublicDirectory = z
  .object({ items: z.array(PublicConsultationWindow), at: IsoDateTime })
  .meta({ id: 'PublicDirectory' });
