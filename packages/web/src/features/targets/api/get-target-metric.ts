import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { targetMetricKeys } from './keys.ts';

/** A metric with the ETag it was read at; an edit sends that ETag back in If-Match. */
export interface VersionedMetric {
  metric: TargetMetric;
  etag: string | null;
}

export async function getTargetMetric(id: string, signal?: AbortSignal): Promise<VersionedMetric> {
  const res = await api.request<TargetMetric>('GET', `/target-metrics/${encodeURIComponent(id)}`, { signal });
  return { metric: res.data, etag: res.headers.get('etag') };
}

export const targetMetricQueryOptions = (id: string) =>
  queryOptions({
    queryKey: targetMetricKeys.detail(id),
    queryFn: ({ signal }) => getTargetMetric(id, signal),
  });

export const useTargetMetric = (id: string) => useQuery(targetMetricQueryOptions(id));
