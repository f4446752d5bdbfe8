import { z } from 'zod';
import { IsoDate, IsoDateTime, ListQuery, Uuid } from './common.ts';
import { CardCode } from './distribution-points.ts';
import { line, paragraph } from './text.ts';
import { Channel, Topic } from './vocabulary.ts';

/** How she heard of the window. */
export const ReferralSources = [
  'guidance_card',
  'flyer',
  'pr_magazine',
  'website',
  'school',
  'partner',
  'other_window',
  'other',
  'unknown',
] as const;
export const ReferralSource = z
  .enum(ReferralSources)
  .describe(
    'guidance_card (案内カード) | flyer (チラシ) | pr_magazine (広報誌) | website (ホームページ) | school (学校) | ' +
      'partner (連携団体) | other_window (他の窓口) | other (その他) | unknown (不明)',
  );
export type ReferralSource = z.infer<typeof ReferralSource>;

export const AgeBands = ['under_20', '20s', '30s', '40s', '50s', '60s', '70_plus'] as const;
export const AgeBand = z.enum(AgeBands).describe('under_20 (20歳未満) | 20s … 60s (20代 … 60代) | 70_plus (70歳以上)');
export type AgeBand = z.infer<typeof AgeBand>;

export const ReferralSourceLabels: Record<ReferralSource, string> = {
  guidance_card: '案内カード',
  flyer: 'チラシ',
  pr_magazine: '広報誌',
  website: 'ホームページ',
  school: '学校',
  partner: '連携団体',
  other_window: '他の窓口',
  other: 'その他',
  unknown: '不明',
};

export const AgeBandLabels: Record<AgeBand, string> = {
  under_20: '20歳未満',
  '20s': '20代',
  '30s': '30代',
  '40s': '40代',
  '50s': '50代',
  '60s': '60代',
  '70_plus': '70歳以上',
};

/** Longest note: a few sentences, so that notes stay notes and never become case files. */
export const NOTE_MAX = 500;
export const REFERRED_TO_EXTERNAL_MAX = 100;

const uniqueTopics = z
  .array(Topic)
  .min(1)
  .max(11)
  .refine((t) => new Set(t).size === t.length, 'each topic at most once')
  .describe('What the consultation was about; one or more');

/**
 * The fields of a consultation. There is deliberately no field for a name, address, phone
 * number or e-mail: a consultation is counted, never tied to a person. Free text (note,
 * referredToExternal) that looks like contact details is refused with 422 personal_data_detected.
 */
const consultationFields = {
  windowId: Uuid.describe('The window where (or through which) the consultation took place'),
  occurredAt: IsoDateTime.describe('When it took place; not in the future'),
  channel: Channel,
  topics: uniqueTopics,
  referralSource: ReferralSource,
  cardCode: CardCode.nullable().describe(
    'Code of the guidance card she brought, e.g. OTR-FUK: names the hand-out point, never her',
  ),
  ageBand: AgeBand.nullable().describe('Optional; null when not asked or not said'),
  isRepeat: z.boolean().describe('She has consulted before (再相談)'),
  referredToWindowId: Uuid.nullable().describe('Another window she was referred on to (つなぎ)'),
  referredToExternal: line(REFERRED_TO_EXTERNAL_MAX)
    .min(1)
    .nullable()
    .describe('An outside body she was referred on to, by its name (e.g. 法テラス); never a person'),
  followUpNeeded: z.boolean().describe('Staff should follow up'),
  note: paragraph(NOTE_MAX).min(1).nullable().describe(`Short note, at most ${NOTE_MAX} characters; no personal data`),
};

export const CreateConsultation = z
  .strictObject({
    ...consultationFields,
    referralSource: consultationFields.referralSource.default('unknown'),
    cardCode: consultationFields.cardCode.default(null),
    ageBand: consultationFields.ageBand.default(null),
    isRepeat: consultationFields.isRepeat.default(false),
    referredToWindowId: consultationFields.referredToWindowId.default(null),
    referredToExternal: consultationFields.referredToExternal.default(null),
    followUpNeeded: consultationFields.followUpNeeded.default(false),
    note: consultationFields.note.default(null),
  })
  .meta({ id: 'CreateConsultation', description: 'One anonymous consultation (相談記録)' });
export type CreateConsultation = z.input<typeof CreateConsultation>;

export const UpdateConsultation = z
  .strictObject(consultationFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change')
  .meta({ id: 'UpdateConsultation', description: 'Fields to change; send the ETag you read in If-Match' });
export type UpdateConsultation = z.infer<typeof UpdateConsultation>;

export const Consultation = z
  .object({
    id: Uuid,
    ...consultationFields,
    windowName: z.string(),
    referredToWindowName: z.string().nullable(),
    outsideOpeningHours: z
      .boolean()
      .describe("Taken outside the window's opening hours (a call-back, say); computed when recorded"),
    madeUp: z.boolean().describe('Invented demo data, not a real consultation'),
    recordedBy: z
      .object({
        type: z.enum(['user', 'api_key', 'system']),
        id: Uuid.nullable(),
        label: z.string().nullable(),
      })
      .describe('Who recorded it (a staff account or a partner API key)'),
    version: z.number().int().describe('Increases on every change; the ETag is derived from it'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Consultation', description: '相談記録: one anonymous consultation' });
export type Consultation = z.infer<typeof Consultation>;

export const ConsultationQuery = ListQuery.extend({
  windowId: Uuid.optional().describe('Only consultations at this window'),
  from: IsoDate.optional().describe('First day, inclusive (Asia/Tokyo)'),
  to: IsoDate.optional().describe('Last day, inclusive (Asia/Tokyo)'),
  channel: Channel.optional(),
  topic: Topic.optional().describe('Only consultations about this topic (among others)'),
  referralSource: ReferralSource.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type ConsultationQuery = z.infer<typeof ConsultationQuery>;
