import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { apiKeyKeys } from './keys.ts';

// No body, hence no JSON content type: the API would refuse an empty JSON body.
export const revokeApiKey = (id: string) => api.post<ApiKey>(`/api-keys/${encodeURIComponent(id)}/revoke`);

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
