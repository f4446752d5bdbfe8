import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DistributionPoint, UpdateDistributionPoint } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { pointKeys, stockKeys } from './keys.ts';

export interface UpdateDistributionPointInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateDistributionPoint;
}

export const updateDistributionPoint = ({ id, etag, changes }: UpdateDistributionPointInput) =>
  api.patch<DistributionPoint>(`/distribution-points/${encodeURIComponent(id)}`, changes, {
    headers: { 'if-match': etag },
  });

export function useUpdateDistributionPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDistributionPoint,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pointKeys.all }),
        queryClient.invalidateQueries({ queryKey: stockKeys.all }),
      ]),
  });
}
