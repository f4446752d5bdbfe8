import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Channel, ConsultationWindow, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { windowOptionKeys } from './keys.ts';

type WindowPage = z.infer<ReturnType<typeof page<typeof ConsultationWindow>>>;

/** What a picker needs of a window. */
export interface WindowOption {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  channels: Channel[];
}

/** The API's largest page: a city has a few dozen windows, not hundreds. */
const ALL = 500;

export async function getWindowOptions(signal?: AbortSignal): Promise<WindowOption[]> {
  const res = await api.get<WindowPage>('/consultation-windows', { query: { limit: ALL }, signal });
  return res.items
    .map(({ id, name, organisationId, organisationName, channels }) => ({
      id,
      name,
      organisationId,
      organisationName,
      channels,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export const windowOptionsQueryOptions = () =>
  queryOptions({
    queryKey: windowOptionKeys.all,
    queryFn: ({ signal }) => getWindowOptions(signal),
    staleTime: 5 * 60_000,
  });

export const useWindowOptions = () => useQuery(windowOptionsQueryOptions());
