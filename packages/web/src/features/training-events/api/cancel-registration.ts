import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingCancellation, TrainingRegistration } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { registrationPath, trainingKeys } from './keys.ts';

/** Cancels; the answer names who moved up from the waitlist into the freed seat (`promoted`, or null). */
export const cancelRegistration = ({ eventId, id }: Pick<TrainingRegistration, 'eventId' | 'id'>) =>
  api.post<TrainingCancellation>(`${registrationPath(eventId, id)}/cancel`);

export function useCancelRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
