import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, SignIn } from '@tsunagari/shared';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey } from '../../../lib/query-client.ts';

export const signIn = (body: SignIn) => api.post<Me>('/auth/sign-in', body);

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Whatever another account had cached must not be shown to this one.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, me);
    },
  });
}
