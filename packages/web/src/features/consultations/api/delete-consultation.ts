import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invalidateConsultations } from './invalidate.ts';
import { consultationKeys } from './keys.ts';

export const deleteConsultation = (id: string) => api.delete(`/consultations/${encodeURIComponent(id)}`);

export function useDeleteConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteConsultation,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: consultationKeys.detail(id) });
      return invalidateConsultations(queryClient);
    },
  });
}
