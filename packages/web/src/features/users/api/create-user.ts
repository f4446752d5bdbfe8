import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUser, User } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { userKeys } from './keys.ts';

export const createUser = (input: CreateUser) => api.post<User>('/users', input);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
