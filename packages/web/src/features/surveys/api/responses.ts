import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQueryClient,
} from '@tanstack/react-query';
import type { page, SurveyResponse, SurveyVersion } from '@tsunagari/shared';
import type { z } from 'zod';
import { api, isApiError } from '../../../lib/api-client.ts';
import { surveyKeys } from './keys.ts';

export type SurveyResponsePage = z.infer<ReturnType<typeof page<typeof SurveyResponse>>>;

export interface ResponseFilters {
  channel?: 'web' | 'paper' | undefined;
  version?: number | undefined;
}

const PAGE_SIZE = 20;
const path = (id: string) => `/surveys/${encodeURIComponent(id)}`;

export const getSurveyResponses = (
  id: string,
  filters: ResponseFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
) => api.get<SurveyResponsePage>(`${path(id)}/responses`, { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });

/** Single responses, newest first, a page at a time (the API's cursor). */
export const surveyResponsesQueryOptions = (id: string, filters: ResponseFilters) =>
  infiniteQueryOptions({
    queryKey: surveyKeys.responses(id, { ...filters }),
    queryFn: ({ pageParam, signal }) => getSurveyResponses(id, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useSurveyResponses = (id: string, filters: ResponseFilters) =>
  useInfiniteQuery({ ...surveyResponsesQueryOptions(id, filters), placeholderData: (previous) => previous });

/** The questions of one version: what an older response's answers mean. */
export const surveyVersionQueryOptions = (id: string, number: number) =>
  queryOptions({
    queryKey: surveyKeys.version(id, number),
    queryFn: ({ signal }) => api.get<SurveyVersion>(`${path(id)}/versions/${number}`, { signal }),
    // A version's questions change only in wording: read once per visit.
    staleTime: 5 * 60_000,
  });

/** The questions of every version among `numbers`, by number (a version still loading is absent). */
export function useSurveyVersions(id: string, numbers: number[]) {
  return useQueries({
    queries: numbers.map((n) => surveyVersionQueryOptions(id, n)),
    combine: (results) => new Map(results.flatMap((r) => (r.data ? [[r.data.number, r.data.questions] as const] : []))),
  });
}

/**
 * Deletes a response with the reason the audit log keeps. A response already gone counts as
 * deleted (someone else was quicker); either way the survey, its results and its list refresh.
 */
export function useDeleteResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, responseId, reason }: { id: string; responseId: string; reason: string }) => {
      try {
        await api.delete(`${path(id)}/responses/${encodeURIComponent(responseId)}`, { body: { reason } });
        return { alreadyGone: false };
      } catch (error) {
        if (isApiError(error, 404)) return { alreadyGone: true };
        throw error;
      }
    },
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: surveyKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: surveyKeys.lists() }),
      ]),
  });
}
