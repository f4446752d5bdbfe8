import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiKey, CreatedApiKey } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { apiKeyKeys } from './keys.ts';

/** The answer is the only place the secret ever appears: it lives in the dialog's state, nowhere else. */
export const createApiKey = (input: CreateApiKey) => api.post<CreatedApiKey>('/api-keys', input);

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    // The answer holds the secret: the mutation cache drops it as soon as the form unmounts.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
