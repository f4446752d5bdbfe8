import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api-client.ts';
import { windowKeys } from './keys.ts';

export interface DeleteConsultationWindowInput {
  id: string;
  /** The ETag the confirmation was given for: a window changed since then is not deleted (412). */
  etag: string | null;
}

export const deleteConsultationWindow = ({ id, etag }: DeleteConsultationWindowInput) =>
  api.delete(`/consultation-windows/${encodeURIComponent(id)}`, etag ? { headers: { 'if-match': etag } } : {});

export function useDeleteConsultationWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteConsultationWindow,
    onSuccess: (_data, { id }) => {
      queryClient.removeQueries({ queryKey: windowKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: windowKeys.all });
    },
    // Refused because the window changed: show what it is now, so the choice can be made again.
    onError: (error, { id }) => {
      if (isApiError(error, 412)) return queryClient.invalidateQueries({ queryKey: windowKeys.detail(id) });
    },
  });
}
