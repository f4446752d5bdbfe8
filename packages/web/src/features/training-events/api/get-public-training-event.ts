import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PublicTrainingEvent } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { publicTrainingKeys } from './keys.ts';

export const getPublicTrainingEvent = (token: string, signal?: AbortSignal) =>
  api.get<PublicTrainingEvent>(`/public/training-events/${encodeURIComponent(token)}`, { signal });

export const publicTrainingEventQueryOptions = (token: string) =>
  queryOptions({
    queryKey: publicTrainingKeys.event(token),
    queryFn: ({ signal }) => getPublicTrainingEvent(token, signal),
    // Seats run out while an invitee reads; the count shown should not be far behind.
    refetchInterval: 60_000,
  });

export const usePublicTrainingEvent = (token: string) => useQuery(publicTrainingEventQueryOptions(token));
