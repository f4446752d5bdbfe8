import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { invalidateTargets } from './invalidate.ts';
import { targetMetricKeys } from './keys.ts';

export const deleteTargetMetric = (id: string) => api.delete(`/target-metrics/${encodeURIComponent(id)}`);

export function useDeleteTargetMetric() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTargetMetric,
    onSuccess: (_data, id) => {
      // The deleted record must not be refetched (it would 404) while the page leaves.
      queryClient.removeQueries({ queryKey: targetMetricKeys.detail(id) });
      // Nor shown for a moment in the list the page goes back to, before that list is read again.
      queryClient.setQueriesData<TargetMetric[]>({ queryKey: targetMetricKeys.lists() }, (metrics) =>
        metrics?.filter((metric) => metric.id !== id),
      );
      return invalidateTargets(queryClient);
    },
  });
}
