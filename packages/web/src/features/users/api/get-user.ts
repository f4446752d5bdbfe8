import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { userKeys } from './keys.ts';

/** A user with the ETag it was read at; every change sends that ETag back in If-Match. */
export interface VersionedUser {
  user: User;
  etag: string | null;
}

export async function getUser(id: string, signal?: AbortSignal): Promise<VersionedUser> {
  const res = await api.request<User>('GET', `/users/${encodeURIComponent(id)}`, { signal });
  return { user: res.data, etag: res.headers.get('etag') };
}

export const userQueryOptions = (id: string) =>
  queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => getUser(id, signal),
  });

export const useUser = (id: string) => useQuery(userQueryOptions(id));
