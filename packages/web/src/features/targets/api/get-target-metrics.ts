import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { targetMetricKeys } from './keys.ts';

const MAX_PAGES = 20;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every metric of a fiscal year (or of every year), following the cursor: a year has a handful. */
export async function getTargetMetrics(fiscalYear: number | 'all', signal?: AbortSignal): Promise<TargetMetric[]> {
  const items: TargetMetric[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<TargetMetric> = await api.get<Page<TargetMetric>>('/target-metrics', {
      query: { limit: 500, cursor, fiscalYear: fiscalYear === 'all' ? undefined : fiscalYear },
      signal,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export const targetMetricsQueryOptions = (fiscalYear: number | 'all') =>
  queryOptions({
    queryKey: targetMetricKeys.list(fiscalYear),
    queryFn: ({ signal }) => getTargetMetrics(fiscalYear, signal),
  });

export const useTargetMetrics = (fiscalYear: number | 'all') => useQuery(targetMetricsQueryOptions(fiscalYear));

/** The fiscal years that have targets, newest first. */
export const useFiscalYearsWithTargets = () =>
  useQuery({
    ...targetMetricsQueryOptions('all'),
    select: (items) => [...new Set(items.map((m) => m.fiscalYear))].sort((a, b) => b - a),
  });
