import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export const deleteTrainingEvent = (id: string) => api.delete(eventPath(id));

export function useDeleteTrainingEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTrainingEvent,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: trainingKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}
