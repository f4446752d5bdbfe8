import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetMetricsReport } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { targetReportKeys } from './keys.ts';

const PATH = '/reports/target-metrics';

/** The figures up to the end of `asOf` (a day in Japan), or up to now when it is null. */
export const getTargetReport = (fiscalYear: number, asOf: string | null, signal?: AbortSignal) =>
  api.get<TargetMetricsReport>(PATH, { query: { fiscalYear, asOf }, signal });

/** The same figures for Excel: a plain link, so the browser downloads it with the session cookie. */
export function targetReportCsvUrl(fiscalYear: number, asOf: string | null, table: 'metrics' | 'series' = 'metrics') {
  const query = new URLSearchParams({ fiscalYear: String(fiscalYear), format: 'csv', table });
  if (asOf) query.set('asOf', asOf);
  return `/api/v1${PATH}?${query}`;
}

export const targetReportQueryOptions = (fiscalYear: number, asOf: string | null) =>
  queryOptions({
    queryKey: targetReportKeys.targets(fiscalYear, asOf),
    queryFn: ({ signal }) => getTargetReport(fiscalYear, asOf, signal),
  });

export const useTargetReport = (fiscalYear: number, asOf: string | null) =>
  useQuery({ ...targetReportQueryOptions(fiscalYear, asOf), placeholderData: (previous) => previous });
