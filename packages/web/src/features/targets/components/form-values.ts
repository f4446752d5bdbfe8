import {
  type Channel,
  type CreateTargetMetric,
  type DistributionPointKind,
  isShareKind,
  type MetricDirection,
  type MetricKind,
  type MetricUnit,
  type TargetMetric,
  type Topic,
  type UpdateTargetMetric,
} from '@tsunagari/shared';

/** The form's own shape: what the inputs hold (text for numbers), the definition's fields side by side. */
export interface MetricFormValues {
  fiscalYear: string;
  label: string;
  description: string;
  unit: MetricUnit;
  target: string;
  direction: MetricDirection;
  position: string;
  definition: {
    kind: MetricKind;
    eventIds: string[];
    basis: 'attended' | 'registered';
    surveyId: string;
    questionId: string;
    windowIds: string[];
    weekdays: string[];
    channels: Channel[];
    topics: Topic[];
    pointIds: string[];
    pointKinds: DistributionPointKind[];
    /** A manual metric's first value, on create only (later ones: the history panel). */
    firstValue: string;
    firstAsOf: string;
    firstNote: string;
  };
}

/** The unit a kind is counted in, for the form to pick when the kind changes. */
export function defaultUnit(kind: MetricKind, current: MetricUnit): MetricUnit {
  if (isShareKind(kind)) return 'percent';
  if (kind === 'manual') return current;
  if (kind === 'training_participants') return 'people';
  if (kind === 'sets_handed_out') return 'sets';
  return current === 'percent' || current === 'people' ? 'count' : current;
}

export function emptyValues(fiscalYear: number): MetricFormValues {
  return {
    fiscalYear: String(fiscalYear),
    label: '',
    description: '',
    unit: 'people',
    target: '',
    direction: 'at_least',
    position: '',
    definition: {
      kind: 'training_participants',
      eventIds: [],
      basis: 'attended',
      surveyId: '',
      questionId: '',
      windowIds: [],
      weekdays: [],
      channels: [],
      topics: [],
      pointIds: [],
      pointKinds: [],
      firstValue: '',
      firstAsOf: '',
      firstNote: '',
    },
  };
}

export function metricToValues(m: TargetMetric): MetricFormValues {
  const v = emptyValues(m.fiscalYear);
  const d = m.definition;
  v.label = m.label;
  v.description = m.description ?? '';
  v.unit = m.unit;
  v.target = String(m.target);
  v.direction = m.direction;
  v.position = String(m.position);
  v.definition.kind = d.kind;
  if (d.kind === 'training_participants') {
    v.definition.eventIds = d.eventIds ?? [];
    v.definition.basis = d.basis;
  } else if (d.kind === 'survey_satisfied_share' || d.kind === 'survey_positive_share') {
    v.definition.surveyId = d.surveyId;
    v.definition.questionId = d.questionId;
  } else if (d.kind === 'consultations') {
    v.definition.windowIds = d.windowIds ?? [];
    v.definition.weekdays = (d.weekdays ?? []).map(String);
    v.definition.channels = d.channels ?? [];
    v.definition.topics = d.topics ?? [];
  } else if (d.kind === 'sets_handed_out') {
    v.definition.pointIds = d.pointIds ?? [];
    v.definition.pointKinds = d.pointKinds ?? [];
  } else if (d.kind === 'funnel_conversion') {
    v.definition.pointIds = d.pointIds ?? [];
  }
  return v;
}

/** A typed number: full-width digits and commas allowed; blank is "missing", not 0. */
export function parseNumber(text: string): number | undefined {
  const s = text
    .normalize('NFKC')
    .replace(/[,，\s]/g, '')
    .replace(/[%％]$/, '');
  if (s === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** An empty choice means "all": the API wants the field left out, not an empty list. */
const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

export function definitionOf(v: MetricFormValues['definition'], withFirstValue: boolean) {
  switch (v.kind) {
    case 'training_participants':
      return { kind: v.kind, eventIds: some(v.eventIds), basis: v.basis };
    case 'survey_satisfied_share':
    case 'survey_positive_share':
      return { kind: v.kind, surveyId: v.surveyId, questionId: v.questionId };
    case 'consultations':
      return {
        kind: v.kind,
        windowIds: some(v.windowIds),
        weekdays: some(v.weekdays.map(Number).sort((a, b) => a - b)),
        channels: some(v.channels),
        topics: some(v.topics),
      };
    case 'sets_handed_out':
      return { kind: v.kind, pointIds: some(v.pointIds), pointKinds: some(v.pointKinds) };
    case 'funnel_conversion':
      return { kind: v.kind, pointIds: some(v.pointIds) };
    case 'manual': {
      const value = parseNumber(v.firstValue);
      const entries =
        withFirstValue && (v.firstValue.trim() !== '' || v.firstAsOf !== '')
          ? [{ value, asOf: v.firstAsOf, note: v.firstNote.trim() === '' ? null : v.firstNote }]
          : [];
      return { kind: v.kind, entries };
    }
  }
}

/** The request body of a create (validated by the shared schema before it is sent). */
export function valuesToCreate(v: MetricFormValues): CreateTargetMetric {
  const position = parseNumber(v.position);
  return {
    fiscalYear: parseNumber(v.fiscalYear) as number,
    label: v.label,
    description: v.description.trim() === '' ? null : v.description,
    unit: v.unit,
    target: parseNumber(v.target) as number,
    direction: v.direction,
    ...(position === undefined ? {} : { position }),
    definition: definitionOf(v.definition, true) as CreateTargetMetric['definition'],
  };
}

/** JSON with sorted keys and no undefined fields: two definitions compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Only what changed, for a PATCH; the definition goes whole when any part of it changed. */
export function changedFields(next: CreateTargetMetric, m: TargetMetric): UpdateTargetMetric {
  const out: Record<string, unknown> = {};
  if (next.fiscalYear !== m.fiscalYear) out.fiscalYear = next.fiscalYear;
  if (next.label.trim() !== m.label) out.label = next.label;
  if ((next.description ?? null) !== m.description) out.description = next.description ?? null;
  if (next.unit !== m.unit) out.unit = next.unit;
  if (next.target !== m.target) out.target = next.target;
  if ((next.direction ?? 'at_least') !== m.direction) out.direction = next.direction;
  if (next.position !== undefined && next.position !== m.position) out.position = next.position;
  const stored = m.definition.kind === 'manual' ? { kind: 'manual' } : m.definition;
  const wanted = next.definition.kind === 'manual' ? { kind: 'manual' } : next.definition;
  if (canonical(stored) !== canonical(wanted)) {
    out.definition = next.definition.kind === 'manual' ? { kind: 'manual' } : next.definition;
  }
  return out as UpdateTargetMetric;
}
