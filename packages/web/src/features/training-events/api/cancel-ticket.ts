import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingTicket } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { publicTrainingKeys } from './keys.ts';

/** The registrant withdraws with her own ticket; the seat goes to the first waiting. */
export const cancelTicket = (token: string) =>
  api.post<TrainingTicket>(`/public/training-tickets/${encodeURIComponent(token)}/cancel`);

export function useCancelTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelTicket,
    onSuccess: (ticket, token) => queryClient.setQueryData(publicTrainingKeys.ticket(token), ticket),
  });
}
