import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingCheckIn } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export interface TicketCheckInInput {
  eventId: string;
  /** The token or the whole ticket URL, as a QR scanner types it. */
  ticket: string;
  overrideCapacity?: boolean;
}

export const checkInByTicket = ({ eventId, ticket, overrideCapacity }: TicketCheckInInput) =>
  api.post<TrainingCheckIn>(`${eventPath(eventId)}/check-in`, {
    ticket,
    ...(overrideCapacity ? { overrideCapacity } : {}),
  });

export function useCheckInByTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkInByTicket,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
