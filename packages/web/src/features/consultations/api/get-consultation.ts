import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Consultation } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { consultationKeys } from './keys.ts';

/** A consultation with the ETag it was read at; an edit or a delete sends it back in If-Match. */
export interface VersionedConsultation {
  consultation: Consultation;
  etag: string | null;
}

export async function getConsultation(id: string, signal?: AbortSignal): Promise<VersionedConsultation> {
  const res = await api.request<Consultation>('GET', `/consultations/${encodeURIComponent(id)}`, { signal });
  return { consultation: res.data, etag: res.headers.get('etag') };
}

export const consultationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: ({ signal }) => getConsultation(id, signal),
  });

export const useConsultation = (id: string) => useQuery(consultationQueryOptions(id));
