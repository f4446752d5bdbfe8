import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DistributionPoint } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { pointKeys } from './keys.ts';

/** A point with the ETag it was read at; an edit sends that ETag back in If-Match. */
export interface VersionedPoint {
  point: DistributionPoint;
  etag: string | null;
}

export async function getDistributionPoint(id: string, signal?: AbortSignal): Promise<VersionedPoint> {
  const res = await api.request<DistributionPoint>('GET', `/distribution-points/${encodeURIComponent(id)}`, {
    signal,
  });
  return { point: res.data, etag: res.headers.get('etag') };
}

export const distributionPointQueryOptions = (id: string) =>
  queryOptions({
    queryKey: pointKeys.detail(id),
    queryFn: ({ signal }) => getDistributionPoint(id, signal),
  });

export const useDistributionPoint = (id: string) => useQuery(distributionPointQueryOptions(id));
