import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Consultation, UpdateConsultation } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { invalidateConsultations } from './invalidate.ts';

export interface UpdateConsultationInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateConsultation;
}

export const updateConsultation = ({ id, etag, changes }: UpdateConsultationInput) =>
  api.patch<Consultation>(`/consultations/${encodeURIComponent(id)}`, changes, { headers: { 'if-match': etag } });

export function useUpdateConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConsultation,
    onSuccess: () => invalidateConsultations(queryClient),
  });
}
