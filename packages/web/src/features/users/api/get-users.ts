import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { page, User } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type UserListFilters, userKeys } from './keys.ts';

export type UserPage = z.infer<ReturnType<typeof page<typeof User>>>;

const PAGE_SIZE = 100;

export const getUsers = (filters: UserListFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<UserPage>('/users', { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });

export const usersQueryOptions = (filters: UserListFilters) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getUsers(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useUsers = (filters: UserListFilters) =>
  useInfiniteQuery({ ...usersQueryOptions(filters), placeholderData: (previous) => previous });
