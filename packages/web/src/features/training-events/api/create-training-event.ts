import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTrainingEvent, TrainingEvent } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { trainingKeys } from './keys.ts';

export const createTrainingEvent = (body: CreateTrainingEvent) => api.post<TrainingEvent>('/training-events', body);

export function useCreateTrainingEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTrainingEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
