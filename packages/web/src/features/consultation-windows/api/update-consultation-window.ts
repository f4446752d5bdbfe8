import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsultationWindow, UpdateConsultationWindow } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { windowKeys } from './keys.ts';

export interface UpdateConsultationWindowInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateConsultationWindow;
}

export const updateConsultationWindow = ({ id, etag, changes }: UpdateConsultationWindowInput) =>
  api.patch<ConsultationWindow>(`/consultation-windows/${encodeURIComponent(id)}`, changes, {
    headers: { 'if-match': etag },
  });

export function useUpdateConsultationWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConsultationWindow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: windowKeys.all }),
  });
}
