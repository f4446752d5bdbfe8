import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateDistributionPoint, DistributionPoint } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { pointKeys, stockKeys } from './keys.ts';

export const createDistributionPoint = (body: CreateDistributionPoint) =>
  api.post<DistributionPoint>('/distribution-points', body);

export function useCreateDistributionPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDistributionPoint,
    // The overview lists every point, so a new one belongs there too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pointKeys.all }),
        queryClient.invalidateQueries({ queryKey: stockKeys.all }),
      ]),
  });
}
