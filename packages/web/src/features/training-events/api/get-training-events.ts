import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { page, TrainingEvent } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type TrainingEventListFilters, trainingKeys } from './keys.ts';

export type TrainingEventPage = z.infer<ReturnType<typeof page<typeof TrainingEvent>>>;

const PAGE_SIZE = 50;
/** The API's largest page: a month never holds more events than this. */
const MONTH_LIMIT = 500;

export const getTrainingEvents = (
  filters: TrainingEventListFilters,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
) => api.get<TrainingEventPage>('/training-events', { query: { ...filters, cursor, limit }, signal });

export const trainingEventsQueryOptions = (filters: TrainingEventListFilters) =>
  infiniteQueryOptions({
    queryKey: trainingKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getTrainingEvents(filters, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useTrainingEvents = (filters: TrainingEventListFilters) =>
  useInfiniteQuery({ ...trainingEventsQueryOptions(filters), placeholderData: (previous) => previous });

/** Every event starting in one month (from/to are Tokyo dates), for the calendar. */
export const monthEventsQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: trainingKeys.month(from, to),
    queryFn: ({ signal }) =>
      getTrainingEvents({ from, to, order: 'asc' }, undefined, MONTH_LIMIT, signal).then((p) => p.items),
  });

export const useMonthEvents = (from: string, to: string) =>
  useQuery({ ...monthEventsQueryOptions(from, to), placeholderData: (previous) => previous });
