import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TrainingEvent } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

/** An event with the ETag it was read at; an edit sends that ETag back in If-Match. */
export interface VersionedTrainingEvent {
  event: TrainingEvent;
  etag: string | null;
}

export async function getTrainingEvent(id: string, signal?: AbortSignal): Promise<VersionedTrainingEvent> {
  const res = await api.request<TrainingEvent>('GET', eventPath(id), { signal });
  return { event: res.data, etag: res.headers.get('etag') };
}

export const trainingEventQueryOptions = (id: string) =>
  queryOptions({
    queryKey: trainingKeys.detail(id),
    queryFn: ({ signal }) => getTrainingEvent(id, signal),
  });

/** `live`: poll, so that several tablets at the door show the same counts. */
export const useTrainingEvent = (id: string, live = false) =>
  useQuery({ ...trainingEventQueryOptions(id), ...(live ? { refetchInterval: 10_000 } : {}) });
