import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DistributionPoint, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type PointListFilters, pointKeys } from './keys.ts';

type DistributionPointPage = z.infer<ReturnType<typeof page<typeof DistributionPoint>>>;

// A city has tens of points, not thousands: one page of the maximum size holds all of them.
const LIMIT = 500;

export const getDistributionPoints = (filters: PointListFilters, signal?: AbortSignal) =>
  api.get<DistributionPointPage>('/distribution-points', { query: { ...filters, limit: LIMIT }, signal });

export const distributionPointsQueryOptions = (filters: PointListFilters = {}) =>
  queryOptions({
    queryKey: pointKeys.list(filters),
    queryFn: ({ signal }) => getDistributionPoints(filters, signal),
    select: (data) => data.items,
  });

export const useDistributionPoints = (filters: PointListFilters = {}) =>
  useQuery({ ...distributionPointsQueryOptions(filters), placeholderData: (previous) => previous });
