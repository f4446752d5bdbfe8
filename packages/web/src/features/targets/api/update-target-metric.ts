import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TargetMetric, UpdateTargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { invalidateTargets } from './invalidate.ts';

export interface UpdateTargetMetricInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateTargetMetric;
}

export const updateTargetMetric = ({ id, etag, changes }: UpdateTargetMetricInput) =>
  api.patch<TargetMetric>(`/target-metrics/${encodeURIComponent(id)}`, changes, { headers: { 'if-match': etag } });

export function useUpdateTargetMetric() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateTargetMetric, onSuccess: () => invalidateTargets(queryClient) });
}
