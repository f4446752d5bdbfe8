import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { page, TrainingRegistration } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { eventPath, type RegistrationFilters, trainingKeys } from './keys.ts';

export type TrainingRegistrationPage = z.infer<ReturnType<typeof page<typeof TrainingRegistration>>>;

const PAGE_SIZE = 100;

export const getRegistrations = (
  id: string,
  filters: RegistrationFilters,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
) =>
  api.get<TrainingRegistrationPage>(`${eventPath(id)}/registrations`, {
    query: { ...filters, cursor, limit },
    signal,
  });

/** The registration table: every registration in order, a page at a time. */
export const registrationsQueryOptions = (id: string, filters: RegistrationFilters) =>
  infiniteQueryOptions({
    queryKey: trainingKeys.registrations(id, filters),
    queryFn: ({ pageParam, signal }) => getRegistrations(id, filters, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useRegistrations = (id: string, filters: RegistrationFilters) =>
  useInfiniteQuery({ ...registrationsQueryOptions(id, filters), placeholderData: (previous) => previous });

/** The check-in search: the first matches only, refreshed while the screen is open. */
export const registrationSearchQueryOptions = (id: string, q: string, limit: number) =>
  queryOptions({
    queryKey: trainingKeys.registrations(id, { q, limit }),
    queryFn: ({ signal }) => getRegistrations(id, { q }, undefined, limit, signal),
  });

export const useRegistrationSearch = (id: string, q: string, limit = 20) =>
  useQuery({
    ...registrationSearchQueryOptions(id, q, limit),
    enabled: q !== '',
    refetchInterval: 15_000,
    placeholderData: (previous) => previous,
  });

/** The CSV of the attendee list, for a download link (the session cookie goes with it). */
export const registrationsCsvUrl = (id: string) => `/api/v1${eventPath(id)}/registrations?format=csv`;
