import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PublicDirectory } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

export type CardWindow = z.infer<typeof PublicDirectory>['items'][number];

/** Noon in Japan on the day: the directory lists the windows that have not ended by then. */
const noonOf = (date: string) => `${date}T12:00:00+09:00`;

/** The windows a guidance card lists: the public directory as of a day (live data, not a copy). */
export const getCardWindows = (date: string, signal?: AbortSignal) =>
  api.get<z.infer<typeof PublicDirectory>>('/public/consultation-windows', { query: { at: noonOf(date) }, signal });

export const cardWindowsQueryOptions = (date: string) =>
  queryOptions({
    queryKey: ['public-directory', 'consultation-windows', { at: noonOf(date) }] as const,
    queryFn: ({ signal }) => getCardWindows(date, signal),
    select: (data) => data.items,
  });

export const useCardWindows = (date: string) => useQuery(cardWindowsQueryOptions(date));
