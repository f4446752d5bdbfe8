import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Consultation, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type ConsultationListFilters, consultationKeys } from './keys.ts';

export type ConsultationPage = z.infer<ReturnType<typeof page<typeof Consultation>>>;

const PAGE_SIZE = 50;

export const getConsultations = (filters: ConsultationListFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<ConsultationPage>('/consultations', { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });

export const consultationsQueryOptions = (filters: ConsultationListFilters) =>
  infiniteQueryOptions({
    queryKey: consultationKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getConsultations(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useConsultations = (filters: ConsultationListFilters, enabled = true) =>
  useInfiniteQuery({ ...consultationsQueryOptions(filters), enabled, placeholderData: (previous) => previous });
