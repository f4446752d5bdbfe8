import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Organisation, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

type OrganisationPage = z.infer<ReturnType<typeof page<typeof Organisation>>>;

// A city has tens of organisations, not thousands: one page of the maximum size is all of them.
const PICKER_LIMIT = 500;

export const getOrganisations = (signal?: AbortSignal) =>
  api.get<OrganisationPage>('/organisations', { query: { limit: PICKER_LIMIT }, signal });

export const organisationsQueryOptions = () =>
  queryOptions({
    queryKey: ['organisations', 'list', { limit: PICKER_LIMIT }] as const,
    queryFn: ({ signal }) => getOrganisations(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useOrganisations = () => useQuery(organisationsQueryOptions());
