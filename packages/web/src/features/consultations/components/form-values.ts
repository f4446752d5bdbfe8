import type {
  AgeBand,
  Channel,
  Consultation,
  CreateConsultation,
  ReferralSource,
  Topic,
  UpdateConsultation,
} from '@tsunagari/shared';
import type { z } from 'zod';

/** What POST /consultations receives once the shared schema has parsed it. */
export type ConsultationPayload = z.output<typeof CreateConsultation>;

/**
 * The form holds the time as a date and a time of day in Japan, and blank text as ''; the API
 * wants one ISO instant and null for "not given". Every other field has the wire name, so an
 * error path from the schema or from the API names the field it belongs to.
 */
export interface ConsultationFormValues {
  windowId: string;
  date: string;
  time: string;
  channel: Channel;
  topics: Topic[];
  referralSource: ReferralSource;
  cardCode: string;
  ageBand: AgeBand | '';
  isRepeat: boolean;
  referredToWindowId: string;
  referredToExternal: string;
  followUpNeeded: boolean;
  note: string;
}

const TIME_ZONE = 'Asia/Tokyo';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and time of day (HH:MM) of an instant in Japan, as the date and time inputs take them. */
export function tokyoDateTime(instant: Date | string): { date: string; time: string } {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return { date: dateFormat.format(at), time: timeFormat.format(at) };
}

/** Japan has no daylight saving time: +09:00 all year. */
export const occurredAtOf = (date: string, time: string) => `${date}T${time}:00+09:00`;

export interface QuickEntryDefaults {
  windowId: string;
  channel: Channel;
  now: Date;
}

export function emptyConsultationValues({ windowId, channel, now }: QuickEntryDefaults): ConsultationFormValues {
  return {
    windowId,
    ...tokyoDateTime(now),
    channel,
    topics: [],
    referralSource: 'unknown',
    cardCode: '',
    ageBand: '',
    isRepeat: false,
    referredToWindowId: '',
    referredToExternal: '',
    followUpNeeded: false,
    note: '',
  };
}

export function consultationToValues(c: Consultation): ConsultationFormValues {
  return {
    windowId: c.windowId,
    ...tokyoDateTime(c.occurredAt),
    channel: c.channel,
    topics: [...c.topics],
    referralSource: c.referralSource,
    cardCode: c.cardCode ?? '',
    ageBand: c.ageBand ?? '',
    isRepeat: c.isRepeat,
    referredToWindowId: c.referredToWindowId ?? '',
    referredToExternal: c.referredToExternal ?? '',
    followUpNeeded: c.followUpNeeded,
    note: c.note ?? '',
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

/** Form values as the request body. A card code counts only while "guidance card" is the source. */
export function valuesToPayload(values: ConsultationFormValues): Record<string, unknown> {
  return {
    windowId: values.windowId,
    occurredAt: values.date && values.time ? occurredAtOf(values.date, values.time) : '',
    channel: values.channel,
    topics: values.topics,
    referralSource: values.referralSource,
    cardCode: values.referralSource === 'guidance_card' ? blankToNull(values.cardCode) : null,
    ageBand: values.ageBand === '' ? null : values.ageBand,
    isRepeat: values.isRepeat,
    referredToWindowId: blankToNull(values.referredToWindowId),
    referredToExternal: blankToNull(values.referredToExternal),
    followUpNeeded: values.followUpNeeded,
    note: blankToNull(values.note),
  };
}

/** The form field where an error about a payload field is shown. */
export function formFieldOf(payloadPath: string): keyof ConsultationFormValues | null {
  const top = payloadPath.split('.')[0] ?? '';
  if (top === 'occurredAt') return 'time';
  const fields: (keyof ConsultationFormValues)[] = [
    'windowId',
    'channel',
    'topics',
    'referralSource',
    'cardCode',
    'ageBand',
    'isRepeat',
    'referredToWindowId',
    'referredToExternal',
    'followUpNeeded',
    'note',
  ];
  return fields.includes(top as keyof ConsultationFormValues) ? (top as keyof ConsultationFormValues) : null;
}

const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

/** Only what differs from the consultation as it was read, so the audit log names the fields really changed. */
export function changedFields(payload: ConsultationPayload, original: Consultation): UpdateConsultation {
  const before = valuesToPayload(consultationToValues(original));
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    const was = before[key];
    let same: boolean;
    // The form keeps minutes: a time read with seconds and left alone is not a change.
    if (key === 'occurredAt') same = minuteOf(String(value)) === minuteOf(original.occurredAt);
    // Topics are a set: ticked in another order they are the same topics.
    else if (key === 'topics') same = [...(value as string[])].sort().join() === [...original.topics].sort().join();
    else same = JSON.stringify(value) === JSON.stringify(was);
    if (!same) changes[key] = value;
  }
  return changes as UpdateConsultation;
}
