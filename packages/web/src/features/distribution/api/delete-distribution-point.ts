import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { pointKeys, stockKeys } from './keys.ts';

export interface DeleteDistributionPointInput {
  id: string;
  etag: string | null;
}

export const deleteDistributionPoint = ({ id, etag }: DeleteDistributionPointInput) =>
  api.delete(`/distribution-points/${encodeURIComponent(id)}`, etag ? { headers: { 'if-match': etag } } : {});

export function useDeleteDistributionPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDistributionPoint,
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: pointKeys.detail(id) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: pointKeys.all }),
        queryClient.invalidateQueries({ queryKey: stockKeys.all }),
      ]);
    },
  });
}
