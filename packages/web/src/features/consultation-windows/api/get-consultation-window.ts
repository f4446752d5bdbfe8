import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsultationWindow } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { windowKeys } from './keys.ts';

/** A window with the ETag it was read at; an edit sends that ETag back in If-Match. */
export interface VersionedWindow {
  window: ConsultationWindow;
  etag: string | null;
}

export async function getConsultationWindow(id: string, signal?: AbortSignal): Promise<VersionedWindow> {
  const res = await api.request<ConsultationWindow>('GET', `/consultation-windows/${encodeURIComponent(id)}`, {
    signal,
  });
  return { window: res.data, etag: res.headers.get('etag') };
}

export const consultationWindowQueryOptions = (id: string) =>
  queryOptions({
    queryKey: windowKeys.detail(id),
    queryFn: ({ signal }) => getConsultationWindow(id, signal),
  });

export const useConsultationWindow = (id: string) => useQuery(consultationWindowQueryOptions(id));
