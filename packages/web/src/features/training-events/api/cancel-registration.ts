import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingRegistration } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { getRegistrations } from './get-registrations.ts';
import { registrationPath, trainingKeys } from './keys.ts';

export interface CancelRegistrationResult {
  cancelled: TrainingRegistration;
  /** Who moved up from the waitlist into the freed seat. */
  promoted: TrainingRegistration[];
}

/**
 * Cancels, then reads who took the seat: the API promotes inside the same transaction, after
 * the cancellation, so the promoted are the confirmed of that mode promoted at or after it.
 */
export async function cancelRegistration(registration: TrainingRegistration): Promise<CancelRegistrationResult> {
  const { eventId, id, mode, status } = registration;
  const cancelled = await api.post<TrainingRegistration>(`${registrationPath(eventId, id)}/cancel`);
  if (status !== 'confirmed' || !cancelled.cancelledAt) return { cancelled, promoted: [] };
  const since = Date.parse(cancelled.cancelledAt);
  const confirmed = await getRegistrations(eventId, { status: 'confirmed', mode }, undefined, 500);
  const promoted = confirmed.items.filter((r) => r.promotedAt !== null && Date.parse(r.promotedAt) >= since);
  return { cancelled, promoted };
}

export function useCancelRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
