import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Item, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { itemKeys } from './keys.ts';

type ItemPage = z.infer<ReturnType<typeof page<typeof Item>>>;

export const getItems = (signal?: AbortSignal) => api.get<ItemPage>('/items', { query: { limit: 500 }, signal });

export const itemsQueryOptions = () =>
  queryOptions({
    queryKey: itemKeys.list(),
    queryFn: ({ signal }) => getItems(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useItems = () => useQuery(itemsQueryOptions());
