import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePaperResponse,
  CreateSurvey,
  ReplaceQuestions,
  Survey,
  SurveyResults,
  SurveySummary,
  UpdateSurvey,
} from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { surveyKeys } from './keys.ts';

const path = (id: string) => `/surveys/${encodeURIComponent(id)}`;

export const useSurveys = (filters: { q?: string | undefined; status?: string | undefined }) =>
  useQuery({
    queryKey: surveyKeys.list(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: SurveySummary[]; nextCursor: string | null }>('/surveys', {
        query: { ...filters, limit: 100 },
        signal,
      }),
    placeholderData: (previous) => previous,
  });

/** A survey with the ETag it was read at; an edit sends that ETag back in If-Match. */
export interface VersionedSurvey {
  survey: Survey;
  etag: string | null;
}

export async function getSurvey(id: string, signal?: AbortSignal): Promise<VersionedSurvey> {
  const res = await api.request<Survey>('GET', path(id), { signal });
  return { survey: res.data, etag: res.headers.get('etag') };
}

export const surveyQueryOptions = (id: string) =>
  queryOptions({ queryKey: surveyKeys.detail(id), queryFn: ({ signal }) => getSurvey(id, signal) });

export const useSurvey = (id: string) => useQuery({ ...surveyQueryOptions(id), enabled: id !== '' });

export function useCreateSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSurvey) => api.post<Survey>('/surveys', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

/**
 * Saves the survey's fields, then its question list, each with the ETag of the step before:
 * the second request must not overwrite a change someone else made in between.
 */
export function useSaveSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      etag,
      changes,
      questions,
    }: {
      id: string;
      etag: string;
      changes: UpdateSurvey;
      questions: ReplaceQuestions['questions'];
    }) => {
      const updated = await api.request<Survey>('PATCH', path(id), { body: changes, headers: { 'if-match': etag } });
      const nextEtag = updated.headers.get('etag') ?? etag;
      return (
        await api.request<Survey>('PUT', `${path(id)}/questions`, {
          body: { questions },
          headers: { 'if-match': nextEtag },
        })
      ).data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useDeleteSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string | null }) =>
      api.delete(path(id), { headers: etag ? { 'if-match': etag } : {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export interface ResultFilters {
  from?: string | undefined;
  to?: string | undefined;
  channel?: 'web' | 'paper' | undefined;
  version?: number | undefined;
}

export const useSurveyResults = (id: string, filters: ResultFilters) =>
  useQuery({
    queryKey: surveyKeys.results(id, { ...filters }),
    queryFn: ({ signal }) => api.get<SurveyResults>(`${path(id)}/results`, { query: { ...filters }, signal }),
    placeholderData: (previous) => previous,
  });

/** The CSV of the same filter (one row per response); the browser downloads it with the session cookie. */
export function resultsCsvUrl(id: string, filters: ResultFilters): string {
  const search = new URLSearchParams({ format: 'csv' });
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') search.set(key, String(value));
  return `/api/v1${path(id)}/results?${search}`;
}

export function useCreatePaperResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CreatePaperResponse }) =>
      api.post<unknown>(`${path(id)}/responses`, body),
    onSuccess: (_data, { id }) => queryClient.invalidateQueries({ queryKey: surveyKeys.detail(id) }),
  });
}
