import { queryOptions, useQuery } from '@tanstack/react-query';
import { type FunnelReport, fiscalYearBounds } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { reportKeys } from './keys.ts';

const PATH = '/reports/funnel';

/** The fiscal year, or its first part up to `to` (a day in Japan). */
export const getFunnel = (fiscalYear: number, to: string | null, signal?: AbortSignal) =>
  api.get<FunnelReport>(PATH, {
    query: to ? { from: fiscalYearBounds(fiscalYear).from, to } : { fiscalYear },
    signal,
  });

/** CSV for Excel: per point and month (default) or per referral source. */
export const funnelCsvUrl = (fiscalYear: number, table: 'points' | 'referral_sources' = 'points') =>
  `/api/v1${PATH}?${new URLSearchParams({ fiscalYear: String(fiscalYear), format: 'csv', table })}`;

export const funnelQueryOptions = (fiscalYear: number, to: string | null = null) =>
  queryOptions({
    queryKey: reportKeys.funnel(fiscalYear, to),
    queryFn: ({ signal }) => getFunnel(fiscalYear, to, signal),
  });

export const useFunnel = (fiscalYear: number, to: string | null = null) =>
  useQuery({ ...funnelQueryOptions(fiscalYear, to), placeholderData: (previous) => previous });
