import type { Affiliation, CreateTrainingEvent, TrainingEvent, TrainingEventStatus } from '@tsunagari/shared';
import type { z } from 'zod';
import { fromLocalInput, toLocalInput } from './format.ts';

/** What POST /training-events receives once the shared schema has parsed it. */
export type EventPayload = z.output<typeof CreateTrainingEvent>;

/** Text inputs are '' when empty; times are datetime-local values in Japan time; numbers may be NaN. */
export interface EventFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueAddress: string;
  venueCapacity: number;
  onlineCapacity: number;
  onlineJoinDetails: string;
  lecturer: string;
  intendedAudiences: Affiliation[];
  status: TrainingEventStatus;
  publicRegistration: boolean;
}

const NULLABLE_TEXT = ['description', 'venueName', 'venueAddress', 'onlineJoinDetails', 'lecturer'] as const;

export function emptyEventValues(date: string): EventFormValues {
  return {
    title: '',
    description: '',
    startsAt: `${date}T14:00`,
    endsAt: `${date}T16:00`,
    venueName: '',
    venueAddress: '',
    venueCapacity: 30,
    onlineCapacity: 0,
    onlineJoinDetails: '',
    lecturer: '',
    intendedAudiences: [],
    status: 'draft',
    publicRegistration: false,
  };
}

export function eventToValues(e: TrainingEvent): EventFormValues {
  return {
    title: e.title,
    description: e.description ?? '',
    startsAt: toLocalInput(e.startsAt),
    endsAt: toLocalInput(e.endsAt),
    venueName: e.venueName ?? '',
    venueAddress: e.venueAddress ?? '',
    venueCapacity: e.venueCapacity,
    onlineCapacity: e.onlineCapacity,
    onlineJoinDetails: e.onlineJoinDetails ?? '',
    lecturer: e.lecturer ?? '',
    intendedAudiences: [...e.intendedAudiences],
    status: e.status,
    publicRegistration: e.publicRegistrationToken !== null,
  };
}

/** Form values as the request body: blank optional text becomes null, an empty number is missing. */
export function valuesToPayload(values: EventFormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...values };
  for (const key of NULLABLE_TEXT) payload[key] = values[key].trim() === '' ? null : values[key];
  payload.startsAt = fromLocalInput(values.startsAt);
  payload.endsAt = fromLocalInput(values.endsAt);
  for (const key of ['venueCapacity', 'onlineCapacity'] as const) {
    payload[key] = Number.isNaN(values[key]) ? undefined : values[key];
  }
  return payload;
}

/** Only what differs from the event as it was read, so the audit log names the fields really changed. */
export function changedFields(payload: Record<string, unknown>, original: TrainingEvent): Record<string, unknown> {
  const before = valuesToPayload(eventToValues(original));
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'startsAt' || key === 'endsAt') {
      if (Date.parse(String(value)) !== Date.parse(String(before[key]))) changes[key] = value;
    } else if (JSON.stringify(value) !== JSON.stringify(before[key])) changes[key] = value;
  }
  return changes;
}
