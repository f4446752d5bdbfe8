import type { ConsultationWindow, CreateConsultationWindow } from '@tsunagari/shared';
import type { z } from 'zod';
import { normaliseTime } from '../../../lib/format.ts';

/** What POST /consultation-windows receives once the shared schema has parsed it. */
export type WindowPayload = z.output<typeof CreateConsultationWindow>;

/**
 * The form holds text inputs, which are '' when empty; the API wants null for "not given".
 * Every other field has the wire shape already, so an error path from the schema (or from a
 * 400 answer) names the form field it belongs to.
 */
export type WindowFormValues = {
  [K in keyof WindowPayload]: null extends WindowPayload[K] ? string : WindowPayload[K];
};

const NULLABLE_TEXT = ['description', 'address', 'phone', 'phoneExtension', 'reservationNote', 'validTo'] as const;

export function emptyWindowValues(today: string): WindowFormValues {
  return {
    name: '',
    description: '',
    topics: [],
    organisationId: '',
    place: '',
    address: '',
    phone: '',
    phoneExtension: '',
    reservationRequired: false,
    reservationNote: '',
    channels: [],
    womenOnly: false,
    isNew: false,
    validFrom: today,
    validTo: '',
    closureDates: [],
    opensOnHolidays: false,
    schedule: [],
  };
}

export function windowToValues(w: ConsultationWindow): WindowFormValues {
  return {
    name: w.name,
    description: w.description ?? '',
    topics: [...w.topics],
    organisationId: w.organisationId,
    place: w.place,
    address: w.address ?? '',
    phone: w.phone ?? '',
    phoneExtension: w.phoneExtension ?? '',
    reservationRequired: w.reservationRequired,
    reservationNote: w.reservationNote ?? '',
    channels: [...w.channels],
    womenOnly: w.womenOnly,
    isNew: w.isNew,
    validFrom: w.validFrom,
    validTo: w.validTo ?? '',
    closureDates: [...w.closureDates].sort(),
    opensOnHolidays: w.opensOnHolidays,
    schedule: [...w.schedule]
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
      .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
  };
}

/** Form values as the request body: blank optional text becomes null. */
export function valuesToPayload(values: WindowFormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...values };
  for (const key of NULLABLE_TEXT) {
    const value = values[key];
    payload[key] = value.trim() === '' ? null : value;
  }
  payload.closureDates = [...values.closureDates].sort();
  // Typed times ("9:00") as the API wants them ("09:00"), also when Enter is pressed in the field.
  payload.schedule = values.schedule.map((iv) => ({
    ...iv,
    opens: normaliseTime(iv.opens),
    closes: normaliseTime(iv.closes),
  }));
  return payload;
}

/** Only what differs from the window as it was read, so the audit log names the fields really changed. */
export function changedFields(payload: Record<string, unknown>, original: ConsultationWindow): Record<string, unknown> {
  const before = valuesToPayload(windowToValues(original));
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changes[key] = value;
  }
  return changes;
}
