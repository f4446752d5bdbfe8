import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey } from '../../../lib/query-client.ts';

export async function signOut(): Promise<void> {
  try {
    await api.post<null>('/auth/sign-out');
  } catch (error) {
    // Already signed out (session expired): the goal is reached.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}
