import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ConsultationWindow, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type WindowListFilters, windowKeys } from './keys.ts';

export type ConsultationWindowPage = z.infer<ReturnType<typeof page<typeof ConsultationWindow>>>;

const PAGE_SIZE = 50;

export const getConsultationWindows = (filters: WindowListFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<ConsultationWindowPage>('/consultation-windows', {
    query: { ...filters, cursor, limit: PAGE_SIZE },
    signal,
  });

export const consultationWindowsQueryOptions = (filters: WindowListFilters) =>
  infiniteQueryOptions({
    queryKey: windowKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getConsultationWindows(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useConsultationWindows = (filters: WindowListFilters) =>
  useInfiniteQuery({ ...consultationWindowsQueryOptions(filters), placeholderData: (previous) => previous });
