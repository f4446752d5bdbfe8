import type { CreateDistributionPoint, DistributionPoint } from '@tsunagari/shared';
import type { z } from 'zod';

/** What POST /distribution-points receives once the shared schema has parsed it. */
export type PointPayload = z.output<typeof CreateDistributionPoint>;

/**
 * Inputs hold '' when empty; the API wants null for "not given" (validTo, schoolLevel). Every
 * other field has the wire shape, so an error path from the schema or a 400 names its field.
 */
export type PointFormValues = {
  [K in keyof PointPayload]: null extends PointPayload[K] ? string : PointPayload[K];
};

export function emptyPointValues(today: string): PointFormValues {
  return {
    name: '',
    kind: 'city_counter',
    schoolLevel: '',
    organisationId: '',
    place: '',
    cardCode: '',
    validFrom: today,
    validTo: '',
    closureDates: [],
    opensOnHolidays: false,
    schedule: [],
  };
}

export function pointToValues(p: DistributionPoint): PointFormValues {
  return {
    name: p.name,
    kind: p.kind,
    schoolLevel: p.schoolLevel ?? '',
    organisationId: p.organisationId,
    place: p.place,
    cardCode: p.cardCode,
    validFrom: p.validFrom,
    validTo: p.validTo ?? '',
    closureDates: [...p.closureDates].sort(),
    opensOnHolidays: p.opensOnHolidays,
    schedule: [...p.schedule]
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
      .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
  };
}

/** Form values as the request body: blank optional fields become null; a school level only for a school. */
export function valuesToPayload(values: PointFormValues): Record<string, unknown> {
  return {
    ...values,
    schoolLevel: values.kind === 'school_nurse_office' && values.schoolLevel !== '' ? values.schoolLevel : null,
    validTo: values.validTo.trim() === '' ? null : values.validTo,
    closureDates: [...values.closureDates].sort(),
  };
}

/** Only what differs from the point as read, so the audit log names the fields really changed. */
export function changedFields(payload: Record<string, unknown>, original: DistributionPoint): Record<string, unknown> {
  const before = valuesToPayload(pointToValues(original));
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changes[key] = value;
  }
  return changes;
}
