import { useMutation, useQueryClient } from '@tanstack/react-query';
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
      return invalidateTargets(queryClient);
    },
  });
}
