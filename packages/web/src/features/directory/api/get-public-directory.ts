import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PublicDirectory } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

export type PublicDirectoryData = z.infer<typeof PublicDirectory>;
export type PublicWindow = PublicDirectoryData['items'][number];

export interface DirectoryFilters {
  topic?: string | undefined;
  card?: string | undefined;
}

export const getPublicDirectory = (filters: DirectoryFilters, signal?: AbortSignal) =>
  api.get<PublicDirectoryData>('/public/consultation-windows', { query: { ...filters }, signal });

export const publicDirectoryQueryOptions = (filters: DirectoryFilters) =>
  queryOptions({
    queryKey: ['public-directory', 'consultation-windows', filters] as const,
    queryFn: ({ signal }) => getPublicDirectory(filters, signal),
    // "Open now" changes by the minute; a phone left open should not show yesterday's answer.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });

export const usePublicDirectory = (filters: DirectoryFilters) => useQuery(publicDirectoryQueryOptions(filters));
