import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResultsChallenges } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { challengesKeys, reportKeys } from './keys.ts';

/** 今後の課題 with the ETag it was read at ("v0" before the first save). */
export interface VersionedChallenges {
  challenges: ResultsChallenges;
  etag: string;
}

const path = (fiscalYear: number) => `/results-report/${fiscalYear}/challenges`;

export async function getChallenges(fiscalYear: number, signal?: AbortSignal): Promise<VersionedChallenges> {
  const res = await api.request<ResultsChallenges>('GET', path(fiscalYear), { signal });
  return { challenges: res.data, etag: res.headers.get('etag') ?? `"v${res.data.version}"` };
}

export const challengesQueryOptions = (fiscalYear: number) =>
  queryOptions({
    queryKey: challengesKeys.year(fiscalYear),
    queryFn: ({ signal }) => getChallenges(fiscalYear, signal),
  });

export const useChallenges = (fiscalYear: number) => useQuery(challengesQueryOptions(fiscalYear));

export interface SaveChallengesInput {
  fiscalYear: number;
  etag: string;
  text: string;
}

export async function saveChallenges({ fiscalYear, etag, text }: SaveChallengesInput): Promise<VersionedChallenges> {
  const res = await api.request<ResultsChallenges>('PUT', path(fiscalYear), {
    body: { text },
    headers: { 'if-match': etag },
  });
  return { challenges: res.data, etag: res.headers.get('etag') ?? `"v${res.data.version}"` };
}

export function useSaveChallenges() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveChallenges,
    onSuccess: (saved, input) => {
      queryClient.setQueryData(challengesKeys.year(input.fiscalYear), saved);
      return queryClient.invalidateQueries({ queryKey: reportKeys.results(input.fiscalYear) });
    },
  });
}
