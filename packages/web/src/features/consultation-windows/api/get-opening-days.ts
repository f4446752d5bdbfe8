import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OpeningDays } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { windowKeys } from './keys.ts';

export const getOpeningDays = (id: string, from: string, to: string, signal?: AbortSignal) =>
  api.get<OpeningDays>(`/consultation-windows/${encodeURIComponent(id)}/opening-days`, {
    query: { from, to },
    signal,
  });

export const openingDaysQueryOptions = (id: string, from: string, to: string) =>
  queryOptions({
    queryKey: windowKeys.openingDays(id, from, to),
    queryFn: ({ signal }) => getOpeningDays(id, from, to, signal),
  });

export const useOpeningDays = (id: string, from: string, to: string) => useQuery(openingDaysQueryOptions(id, from, to));
