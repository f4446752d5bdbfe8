import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';
import { ReportFormat } from './reports.ts';
import { tokyoParts } from './schedule.ts';
import { line, paragraph } from './text.ts';

/**
 * 研修会: training events for the people who meet women first, their registrations (with a
 * waitlist per mode), the day's check-in and the attendance counts. Attendees are support staff,
 * not the women the programme serves; still, their contact details are kept only until a
 * retention period after the event has passed, and the counts outlive them.
 */

// ——— vocabularies ———

export const TrainingEventStatuses = ['draft', 'open', 'closed', 'held', 'cancelled'] as const;
export const TrainingEventStatus = z
  .enum(TrainingEventStatuses)
  .describe('draft (下書き) | open (受付中) | closed (受付終了) | held (開催済み) | cancelled (中止)');
export type TrainingEventStatus = z.infer<typeof TrainingEventStatus>;
export const TrainingEventStatusLabels: Record<TrainingEventStatus, string> = {
  draft: '下書き',
  open: '受付中',
  closed: '受付終了',
  held: '開催済み',
  cancelled: '中止',
};

/**
 * The status changes staff may make. `held` can go back to `closed` (marked held by mistake);
 * `cancelled` is final: a new event is created instead.
 */
export const TrainingEventTransitions: Record<TrainingEventStatus, readonly TrainingEventStatus[]> = {
  draft: ['open', 'closed', 'cancelled'],
  open: ['draft', 'closed', 'held', 'cancelled'],
  closed: ['open', 'held', 'cancelled'],
  held: ['closed'],
  cancelled: [],
};

export const Affiliations = [
  'minsei_jido_iin',
  'teacher',
  'city_counsellor',
  'city_staff',
  'partner_staff',
  'other',
] as const;
export const Affiliation = z
  .enum(Affiliations)
  .describe(
    'minsei_jido_iin (民生児童委員) | teacher (教職員) | city_counsellor (市相談員) | city_staff (市職員) | ' +
      'partner_staff (連携団体職員) | other (その他)',
  );
export type Affiliation = z.infer<typeof Affiliation>;
export const AffiliationLabels: Record<Affiliation, string> = {
  minsei_jido_iin: '民生児童委員',
  teacher: '教職員',
  city_counsellor: '市相談員',
  city_staff: '市職員',
  partner_staff: '連携団体職員',
  other: 'その他',
};

export const AttendanceModes = ['venue', 'online'] as const;
export const AttendanceMode = z.enum(AttendanceModes).describe('venue (会場) | online (オンライン)');
export type AttendanceMode = z.infer<typeof AttendanceMode>;
export const AttendanceModeLabels: Record<AttendanceMode, string> = { venue: '会場', online: 'オンライン' };

export const RegistrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const RegistrationStatus = z
  .enum(RegistrationStatuses)
  .describe('confirmed (確定) | waitlisted (キャンセル待ち) | cancelled (取消)');
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const RegistrationStatusLabels: Record<RegistrationStatus, string> = {
  confirmed: '確定',
  waitlisted: 'キャンセル待ち',
  cancelled: '取消',
};

export const RegistrationSources = ['staff', 'public', 'import', 'walk_in'] as const;
export const RegistrationSource = z
  .enum(RegistrationSources)
  .describe('staff (職員が登録) | public (申込フォーム) | import (CSV取込) | walk_in (当日参加)');
export type RegistrationSource = z.infer<typeof RegistrationSource>;
export const RegistrationSourceLabels: Record<RegistrationSource, string> = {
  staff: '職員登録',
  public: '申込フォーム',
  import: 'CSV取込',
  walk_in: '当日参加',
};

/** What a purged name reads as; the row stays so that the counts stay. */
export const PURGED_NAME = '（削除済み）';

// ——— helpers shared by the API and the SPA ———

/** The fiscal year (April to March, Asia/Tokyo) an instant falls in: 2021-11-19 → 2021, 2022-02-01 → 2021. */
export function fiscalYearOfInstant(instant: Date | string): number {
  const { date } = tokyoParts(typeof instant === 'string' ? new Date(instant) : instant);
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/**
 * The form names are searched in: NFKC (full-width letters and half-width katakana become their
 * usual forms), katakana as hiragana, lower case, no spaces. "ヤマダ　ハナコ" and "やまだはなこ" meet.
 */
export function kanaSearchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .toLowerCase()
    .replace(/\s+/g, '');
}

// ——— field rules ———

/** Seats per mode; 0 means the mode is not offered. */
export const MAX_TRAINING_CAPACITY = 10_000;
const Capacity = z.number().int().min(0).max(MAX_TRAINING_CAPACITY);
/** A training event lasts at most this long (a multi-day course). */
export const MAX_TRAINING_EVENT_DAYS = 31;

const Kana = z
  .string()
  .trim()
  .max(100)
  .transform((s) => s.normalize('NFKC'))
  .pipe(z.string().regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・ 　]*$/u, 'hiragana or katakana only'))
  .describe('Reading in kana (ふりがな), for search; half-width katakana is accepted');

const Email = z.string().trim().max(254).pipe(z.email('not an e-mail address')).describe('E-mail address; optional');

const eventFields = {
  title: line(200).min(1).describe('e.g. 女性相談担当者養成研修会'),
  description: paragraph(4000).nullable(),
  startsAt: IsoDateTime.describe('Start, ISO 8601 with offset'),
  endsAt: IsoDateTime.describe('End, after the start, at most 31 days later'),
  venueName: line(200).nullable().describe('e.g. 小樽市総合福祉センター研修室'),
  venueAddress: line(300).nullable(),
  venueCapacity: Capacity.describe('Seats at the venue; 0 when the event is online only'),
  onlineCapacity: Capacity.describe('Online places; 0 when there is no online participation'),
  onlineJoinDetails: paragraph(2000)
    .nullable()
    .describe('Meeting URL, ID and passcode; shown to staff and, on their ticket, to confirmed online registrants'),
  lecturer: line(200).nullable().describe('講師'),
  intendedAudiences: z
    .array(Affiliation)
    .max(Affiliations.length)
    .refine((a) => new Set(a).size === a.length, 'each affiliation at most once')
    .describe('Who the event is for (対象)'),
  status: TrainingEventStatus,
};

const EARLIEST_EVENT = Date.parse('2000-01-01T00:00:00+09:00');

function checkTimes(v: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) {
  if (v.startsAt && Date.parse(v.startsAt) < EARLIEST_EVENT) {
    ctx.addIssue({ code: 'custom', message: 'must not be before 2000', path: ['startsAt'] });
  }
  if (v.startsAt && v.endsAt) {
    const ms = Date.parse(v.endsAt) - Date.parse(v.startsAt);
    if (ms <= 0) ctx.addIssue({ code: 'custom', message: 'endsAt must be after startsAt', path: ['endsAt'] });
    else if (ms > MAX_TRAINING_EVENT_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        message: `an event lasts at most ${MAX_TRAINING_EVENT_DAYS} days`,
        path: ['endsAt'],
      });
    }
  }
}

/** The same rule for a PATCH, checked against the stored values by the API. */
export const checkTrainingEventTimes = checkTimes;

const publicRegistration = z
  .boolean()
  .describe(
    'true: give the event a public registration link (a new token when it has none); false: withdraw the link. ' +
      'To change a leaked link, send false and then true.',
  );

export const CreateTrainingEvent = z
  .strictObject({
    ...eventFields,
    description: eventFields.description.default(null),
    venueName: eventFields.venueName.default(null),
    venueAddress: eventFields.venueAddress.default(null),
    onlineJoinDetails: eventFields.onlineJoinDetails.default(null),
    lecturer: eventFields.lecturer.default(null),
    intendedAudiences: eventFields.intendedAudiences.default([]),
    status: TrainingEventStatus.default('draft'),
    publicRegistration: publicRegistration.default(false),
  })
  .superRefine(checkTimes)
  .meta({ id: 'CreateTrainingEvent', description: '研修会を作成' });
export type CreateTrainingEvent = z.input<typeof CreateTrainingEvent>;

export const UpdateTrainingEvent = z
  .strictObject({ ...eventFields, publicRegistration })
  .partial()
  .superRefine(checkTimes)
  .meta({
    id: 'UpdateTrainingEvent',
    description:
      'Fields to change; send the ETag you read in If-Match. A capacity below the confirmed registrations of its ' +
      'mode is refused (409); a higher one promotes the waiting in order.',
  });
export type UpdateTrainingEvent = z.infer<typeof UpdateTrainingEvent>;

export const TrainingModeSeats = z
  .object({
    mode: AttendanceMode,
    capacity: z.number().int(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    remaining: z.number().int().describe('Seats left (capacity − confirmed, never below 0)'),
  })
  .meta({ id: 'TrainingModeSeats' });
export type TrainingModeSeats = z.infer<typeof TrainingModeSeats>;

export const TrainingEvent = z
  .object({
    id: Uuid,
    ...eventFields,
    publicRegistrationToken: z.string().nullable().describe('Token of the public registration link, or null'),
    fiscalYear: z.number().int().describe('Fiscal year of the start (April–March, Asia/Tokyo)'),
    seats: z.array(TrainingModeSeats).describe('Both modes, venue first'),
    checkedIn: z.number().int().describe('Registrations checked in'),
    contactDetailsPurgedAt: IsoDateTime.nullable().describe('When attendees’ contact details were deleted'),
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'TrainingEvent', description: '研修会' });
export type TrainingEvent = z.infer<typeof TrainingEvent>;

export const TrainingEventQuery = ListQuery.extend({
  status: TrainingEventStatus.optional(),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional().describe('Only events of this fiscal year'),
  from: IsoDate.optional().describe('Only events starting on or after this day (Asia/Tokyo)'),
  to: IsoDate.optional().describe('Only events starting on or before this day (Asia/Tokyo)'),
  q: line(100).optional().describe('Title contains'),
  order: z.enum(['asc', 'desc']).default('desc').describe('By start: desc (newest first, default) or asc'),
});
export type TrainingEventQuery = z.infer<typeof TrainingEventQuery>;

// ——— registrations ———

const registrationFields = {
  name: line(100).min(1).describe('氏名'),
  nameKana: Kana.nullable(),
  affiliation: Affiliation,
  organisationName: line(200).nullable().describe('所属 (organisation, school, district)'),
  email: Email.nullable(),
  mode: AttendanceMode,
};

const registrationDefaults = {
  ...registrationFields,
  nameKana: registrationFields.nameKana.default(null),
  organisationName: registrationFields.organisationName.default(null),
  email: registrationFields.email.default(null),
};

/** One attendee as an import row or a public form gives it. */
export const TrainingRegistrationInput = z.strictObject(registrationDefaults);
export type TrainingRegistrationInput = z.output<typeof TrainingRegistrationInput>;

export const CreateTrainingRegistration = z
  .strictObject({
    ...registrationDefaults,
    walkIn: z
      .boolean()
      .default(false)
      .describe('当日参加: confirmed and checked in at once; never waitlisted (409 mode_full when the mode is full)'),
    overrideCapacity: z
      .boolean()
      .default(false)
      .describe('With walkIn only: let a walk-in take a seat beyond the capacity of the mode'),
  })
  .refine((v) => !v.overrideCapacity || v.walkIn, {
    message: 'overrideCapacity is only for walk-ins',
    path: ['overrideCapacity'],
  })
  .meta({
    id: 'CreateTrainingRegistration',
    description:
      'Register an attendee: confirmed while the mode has seats, otherwise waitlisted in order. A walk-in is ' +
      'confirmed and checked in at once.',
  });
export type CreateTrainingRegistration = z.input<typeof CreateTrainingRegistration>;

export const CreatePublicTrainingRegistration = TrainingRegistrationInput.meta({
  id: 'CreatePublicTrainingRegistration',
  description: '研修会への申込 (public link)',
});
export type CreatePublicTrainingRegistration = z.input<typeof CreatePublicTrainingRegistration>;

export const UpdateTrainingRegistration = z
  .strictObject(registrationFields)
  .partial()
  .meta({
    id: 'UpdateTrainingRegistration',
    description:
      'Fields to change (If-Match). A new mode is taken like a new registration there: confirmed if it has a seat, ' +
      'otherwise waitlisted at the end (a confirmed registration is refused with 409 mode_full instead of losing its seat).',
  });
export type UpdateTrainingRegistration = z.infer<typeof UpdateTrainingRegistration>;

export const TrainingRegistration = z
  .object({
    id: Uuid,
    eventId: Uuid,
    number: z.number().int().describe('受付番号: order of registration within the system'),
    name: z.string().describe(`氏名; "${PURGED_NAME}" once contact details are purged`),
    nameKana: z.string().nullable(),
    affiliation: Affiliation,
    organisationName: z.string().nullable(),
    email: z.string().nullable(),
    mode: AttendanceMode,
    status: RegistrationStatus,
    waitlistPosition: z.number().int().min(1).nullable().describe('Place in the waitlist of its mode, 1 = next'),
    checkedInAt: IsoDateTime.nullable(),
    noShow: z.boolean().describe('Marked as not attending (欠席)'),
    walkIn: z.boolean().describe('当日参加'),
    source: RegistrationSource,
    ticketToken: z.string().nullable().describe('For the QR ticket; null once contact details are purged'),
    promotedAt: IsoDateTime.nullable().describe('When it moved from the waitlist to confirmed'),
    cancelledAt: IsoDateTime.nullable(),
    contactDetailsPurged: z.boolean(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'TrainingRegistration', description: '研修会の申込' });
export type TrainingRegistration = z.infer<typeof TrainingRegistration>;

const BoolText = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

export const TrainingRegistrationQuery = ListQuery.extend({
  q: line(100).optional().describe('Name or kana contains; full-width/half-width and katakana/hiragana ignored'),
  status: RegistrationStatus.optional(),
  mode: AttendanceMode.optional(),
  checkedIn: BoolText.optional(),
  format: ReportFormat.optional().describe('csv: the attendee list for Excel (all matching rows, no paging)'),
});
export type TrainingRegistrationQuery = z.infer<typeof TrainingRegistrationQuery>;

export const TrainingRegistrationParams = z.object({
  id: Uuid.describe('Training event id'),
  rid: Uuid.describe('Registration id'),
});

export const TrainingCheckInOptions = z
  .strictObject({
    overrideCapacity: z
      .boolean()
      .default(false)
      .describe('Check in a waitlisted registrant beyond the capacity of the mode (confirms them)'),
  })
  .meta({ id: 'TrainingCheckInOptions' });

export const TrainingCheckInByTicket = z
  .strictObject({
    ticket: z
      .string()
      .trim()
      .min(1)
      .max(512)
      .describe('The ticket token, or the ticket URL the QR code holds (its last path segment is the token)'),
    overrideCapacity: TrainingCheckInOptions.shape.overrideCapacity,
  })
  .meta({ id: 'TrainingCheckInByTicket' });
export type TrainingCheckInByTicket = z.input<typeof TrainingCheckInByTicket>;

export const TrainingCheckIn = TrainingRegistration.extend({
  alreadyCheckedIn: z.boolean().describe('True when the registrant had been checked in before; the first time is kept'),
}).meta({ id: 'TrainingCheckIn' });
export type TrainingCheckIn = z.infer<typeof TrainingCheckIn>;

export const TrainingCancellation = TrainingRegistration.extend({
  promoted: TrainingRegistration.nullable().describe(
    'Who moved up from the waitlist into the freed seat (now confirmed), or null: nobody was waiting in the ' +
      'mode, the cancelled registration was not holding a seat (waitlisted, or cancelled already), or the mode ' +
      'is still full because walk-ins were seated beyond its capacity',
  ),
}).meta({ id: 'TrainingCancellation', description: 'The cancelled registration, and who took its seat' });
export type TrainingCancellation = z.infer<typeof TrainingCancellation>;

// ——— counts ———

const countFields = {
  registered: z.number().int().describe('Not cancelled: confirmed + waitlisted'),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int().describe('Checked in'),
  noShow: z.number().int(),
  walkIns: z.number().int(),
};

export const TrainingModeCounts = z
  .object({ mode: AttendanceMode, label: z.string(), ...countFields })
  .meta({ id: 'TrainingModeCounts' });
export type TrainingModeCounts = z.infer<typeof TrainingModeCounts>;

export const TrainingAffiliationCounts = z
  .object({
    affiliation: Affiliation,
    label: z.string(),
    ...countFields,
    attendedVenue: z.number().int(),
    attendedOnline: z.number().int(),
  })
  .meta({ id: 'TrainingAffiliationCounts' });
export type TrainingAffiliationCounts = z.infer<typeof TrainingAffiliationCounts>;

export const TrainingCounts = z
  .object({
    ...countFields,
    byMode: z.array(TrainingModeCounts).describe('Both modes, zeros included'),
    byAffiliation: z.array(TrainingAffiliationCounts).describe('Every affiliation, zeros included'),
  })
  .meta({ id: 'TrainingCounts' });
export type TrainingCounts = z.infer<typeof TrainingCounts>;

export const TrainingAttendance = z
  .object({
    eventId: Uuid,
    title: z.string(),
    startsAt: IsoDateTime,
    status: TrainingEventStatus,
    seats: z.array(TrainingModeSeats),
    counts: TrainingCounts,
  })
  .meta({ id: 'TrainingAttendance', description: '出席状況: counts by mode and affiliation' });
export type TrainingAttendance = z.infer<typeof TrainingAttendance>;

export const TrainingFormatQuery = z.object({ format: ReportFormat.optional() });

// ——— import ———

/** Rows one import takes at most. */
export const MAX_TRAINING_IMPORT_ROWS = 2000;

export const TrainingImportQuery = z.object({
  dryRun: BoolText.default(false).describe('true: check the file and answer what would happen; import nothing'),
});

export const TrainingImportResult = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int().describe('Data rows read (empty lines skipped)'),
    encoding: z.enum(['utf-8', 'utf-16le', 'cp932']).describe('How the file was read'),
    confirmed: z.number().int().describe('Rows that got (or would get) a seat'),
    waitlisted: z.number().int().describe('Rows that went (or would go) to the waitlist'),
    registrations: z.array(TrainingRegistration).describe('What was imported; empty on a dry run'),
  })
  .meta({ id: 'TrainingImportResult' });
export type TrainingImportResult = z.infer<typeof TrainingImportResult>;

export const TrainingPurgeResult = z
  .object({
    retentionDays: z.number().int(),
    endedBefore: IsoDateTime.describe('Events that ended before this instant had their contact details deleted'),
    events: z.number().int().describe('Events purged in this run'),
    registrations: z.number().int().describe('Registrations whose contact details were deleted in this run'),
  })
  .meta({ id: 'TrainingPurgeResult' });
export type TrainingPurgeResult = z.infer<typeof TrainingPurgeResult>;

// ——— public ———

export const PublicTrainingSeats = z
  .object({
    mode: AttendanceMode,
    offered: z.boolean().describe('False when the event has no seats in this mode'),
    capacity: z.number().int(),
    remaining: z.number().int().describe('0: a registration now goes to the waitlist'),
  })
  .meta({ id: 'PublicTrainingSeats' });

export const PublicTrainingEvent = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venueName: z.string().nullable(),
    venueAddress: z.string().nullable(),
    lecturer: z.string().nullable(),
    intendedAudiences: z.array(Affiliation),
    status: TrainingEventStatus,
    registrationOpen: z.boolean().describe('True while the event takes registrations through this link'),
    seats: z.array(PublicTrainingSeats),
  })
  .meta({ id: 'PublicTrainingEvent', description: 'What an invitee sees; never the online join details' });
export type PublicTrainingEvent = z.infer<typeof PublicTrainingEvent>;

export const TrainingTokenParams = z.object({
  token: z
    .string()
    .min(16)
    .max(128)
    .regex(/^[\w-]+$/, 'not a token'),
});

export const TrainingTicketQrQuery = z.object({
  size: z.coerce.number().int().min(64).max(2048).default(512).describe('PNG width in pixels'),
});
export type TrainingTicketQrQuery = z.infer<typeof TrainingTicketQrQuery>;

/** The ticket's address on the SPA's origin: what its QR code holds and what the check-in screen reads. */
export const trainingTicketPath = (token: string) => `/tickets/${encodeURIComponent(token)}`;

export const TrainingTicket = z
  .object({
    event: z.object({
      title: z.string(),
      startsAt: IsoDateTime,
      endsAt: IsoDateTime,
      venueName: z.string().nullable(),
      venueAddress: z.string().nullable(),
      status: TrainingEventStatus,
    }),
    name: z.string(),
    mode: AttendanceMode,
    status: RegistrationStatus,
    waitlistPosition: z.number().int().nullable(),
    checkedInAt: IsoDateTime.nullable(),
    onlineJoinDetails: z
      .string()
      .nullable()
      .describe('Only for a confirmed online registrant of an event that is not cancelled'),
  })
  .meta({ id: 'TrainingTicket', description: 'The registrant’s own ticket, read with its token' });
export type TrainingTicket = z.infer<typeof TrainingTicket>;

export const PublicTrainingRegistrationResult = TrainingTicket.extend({
  ticketToken: z.string().describe('Keep it: the ticket URL and its QR code carry it'),
}).meta({ id: 'PublicTrainingRegistrationResult' });
export type PublicTrainingRegistrationResult = z.infer<typeof PublicTrainingRegistrationResult>;

// ——— report ———

export const TrainingReportQuery = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional().describe('Only events of this fiscal year'),
  eventId: Uuid.optional().describe('Only this event'),
  format: ReportFormat.optional(),
});
export type TrainingReportQuery = z.infer<typeof TrainingReportQuery>;

export const TrainingReportEvent = z
  .object({
    eventId: Uuid,
    title: z.string(),
    startsAt: IsoDateTime,
    fiscalYear: z.number().int(),
    status: TrainingEventStatus,
    venueCapacity: z.number().int(),
    onlineCapacity: z.number().int(),
    counts: TrainingCounts,
  })
  .meta({ id: 'TrainingReportEvent' });

export const TrainingReportYear = z
  .object({
    fiscalYear: z.number().int(),
    events: z.number().int().describe('Events in the year, cancelled ones included'),
    counts: TrainingCounts,
  })
  .meta({ id: 'TrainingReportYear' });

export const TrainingReport = z
  .object({
    fiscalYear: z.number().int().nullable(),
    eventId: Uuid.nullable(),
    events: z.array(TrainingReportEvent).describe('By start'),
    years: z.array(TrainingReportYear).describe('Per fiscal year, totals of the events listed'),
  })
  .meta({
    id: 'TrainingReport',
    description: '研修会実績: registered, waitlisted and attended by mode and affiliation',
  });
export type TrainingReport = z.infer<typeof TrainingReport>;
