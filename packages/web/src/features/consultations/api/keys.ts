import type { Channel, ReferralSource, Topic } from '@tsunagari/shared';

/** The list filters, as the API takes them (every one optional). */
export interface ConsultationListFilters {
  windowId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  channel?: Channel | undefined;
  topic?: Topic | undefined;
  referralSource?: ReferralSource | undefined;
}

export interface ConsultationReportParams {
  from: string;
  to: string;
  /** One or two dimensions, comma-separated, as the API takes them: "weekday,hour". */
  groupBy: string;
  windowId?: string | undefined;
}

export interface PeriodParams {
  from: string;
  to: string;
}

/**
 * Hierarchical query keys: invalidating `all` refreshes every list and record. The reports count
 * the same records, so a change to a consultation invalidates `reportKeys.all` as well.
 */
export const consultationKeys = {
  all: ['consultations'] as const,
  lists: () => [...consultationKeys.all, 'list'] as const,
  list: (filters: ConsultationListFilters) => [...consultationKeys.lists(), filters] as const,
  details: () => [...consultationKeys.all, 'detail'] as const,
  detail: (id: string) => [...consultationKeys.details(), id] as const,
};

export const reportKeys = {
  all: ['reports'] as const,
  consultations: (params: ConsultationReportParams) => [...reportKeys.all, 'consultations', params] as const,
  windowDemand: (params: PeriodParams) => [...reportKeys.all, 'window-demand', params] as const,
};

/**
 * The window picker reads the windows resource: under its top key, so a window added or renamed
 * on the windows pages shows up here too.
 */
export const windowOptionKeys = {
  all: ['consultation-windows', 'options'] as const,
};
