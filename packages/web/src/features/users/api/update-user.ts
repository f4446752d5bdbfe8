import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateUser, User } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import type { VersionedUser } from './get-user.ts';
import { userKeys } from './keys.ts';

export interface UpdateUserInput {
  id: string;
  /** The ETag the edit started from: a 412 answer means someone else saved in between. */
  etag: string;
  changes: UpdateUser;
}

export async function updateUser({ id, etag, changes }: UpdateUserInput): Promise<VersionedUser> {
  const res = await api.request<User>('PATCH', `/users/${encodeURIComponent(id)}`, {
    body: changes,
    headers: { 'if-match': etag },
  });
  return { user: res.data, etag: res.headers.get('etag') };
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: (result) => {
      // The answer is the new version: the next change starts from its ETag without a reload.
      queryClient.setQueryData(userKeys.detail(result.user.id), result);
      return queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}
