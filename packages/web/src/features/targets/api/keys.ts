/**
 * Query keys. The metric definitions live under `target-metrics`; their actuals are a report and
 * live under `reports`, the key every change to a programme record (a consultation, a hand-out)
 * already invalidates, so the dashboard follows the records it counts.
 */
export const targetMetricKeys = {
  all: ['target-metrics'] as const,
  lists: () => [...targetMetricKeys.all, 'list'] as const,
  list: (fiscalYear: number | 'all') => [...targetMetricKeys.lists(), fiscalYear] as const,
  details: () => [...targetMetricKeys.all, 'detail'] as const,
  detail: (id: string) => [...targetMetricKeys.details(), id] as const,
  options: (what: string, arg?: string | number) => [...targetMetricKeys.all, 'options', what, arg ?? null] as const,
};

export const targetReportKeys = {
  all: ['reports'] as const,
  targets: (fiscalYear: number, asOf: string | null) =>
    [...targetReportKeys.all, 'target-metrics', fiscalYear, asOf] as const,
};
