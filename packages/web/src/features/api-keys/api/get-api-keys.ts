import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ApiKey, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type ApiKeyListFilters, apiKeyKeys } from './keys.ts';

export type ApiKeyPage = z.infer<ReturnType<typeof page<typeof ApiKey>>>;

const PAGE_SIZE = 100;

export const getApiKeys = (filters: ApiKeyListFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<ApiKeyPage>('/api-keys', { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });

export const apiKeysQueryOptions = (filters: ApiKeyListFilters) =>
  infiniteQueryOptions({
    queryKey: apiKeyKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getApiKeys(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useApiKeys = (filters: ApiKeyListFilters) =>
  useInfiniteQuery({ ...apiKeysQueryOptions(filters), placeholderData: (previous) => previous });
