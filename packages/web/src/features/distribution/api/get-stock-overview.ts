import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StockOverview } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { stockKeys } from './keys.ts';

export const getStockOverview = (signal?: AbortSignal) => api.get<StockOverview>('/stock/overview', { signal });

export const stockOverviewQueryOptions = () =>
  queryOptions({
    queryKey: stockKeys.overview(),
    queryFn: ({ signal }) => getStockOverview(signal),
  });

export const useStockOverview = () => useQuery(stockOverviewQueryOptions());
