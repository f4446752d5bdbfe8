import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingEvent, UpdateTrainingEvent } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export interface UpdateTrainingEventInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateTrainingEvent;
}

export const updateTrainingEvent = ({ id, etag, changes }: UpdateTrainingEventInput) =>
  api.patch<TrainingEvent>(eventPath(id), changes, { headers: { 'if-match': etag } });

export function useUpdateTrainingEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTrainingEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
