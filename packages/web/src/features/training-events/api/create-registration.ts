import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTrainingRegistration, TrainingRegistration } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export interface CreateRegistrationInput {
  eventId: string;
  body: CreateTrainingRegistration;
}

/** Registers someone (confirmed or waitlisted); with `walkIn` they are checked in at once. */
export const createRegistration = ({ eventId, body }: CreateRegistrationInput) =>
  api.post<TrainingRegistration>(`${eventPath(eventId)}/registrations`, body);

export function useCreateRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
