/** Under `reports`, which every change to a programme record invalidates. */
export const reportKeys = {
  all: ['reports'] as const,
  funnel: (fiscalYear: number, to: string | null = null) => [...reportKeys.all, 'funnel', fiscalYear, to] as const,
  results: (fiscalYear: number) => [...reportKeys.all, 'results-report', fiscalYear] as const,
};

/** 今後の課題 is a record of its own (edited with If-Match), not a computed report. */
export const challengesKeys = {
  all: ['results-challenges'] as const,
  year: (fiscalYear: number) => [...challengesKeys.all, fiscalYear] as const,
};
