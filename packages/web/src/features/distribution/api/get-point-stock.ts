import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PointStock } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { stockKeys } from './keys.ts';

export const getPointStock = (pointId: string, signal?: AbortSignal) =>
  api.get<PointStock>(`/distribution-points/${encodeURIComponent(pointId)}/stock`, { signal });

export const pointStockQueryOptions = (pointId: string) =>
  queryOptions({
    queryKey: stockKeys.point(pointId),
    queryFn: ({ signal }) => getPointStock(pointId, signal),
  });

/** `enabled: false` until a point is chosen (the counter's picker). */
export const usePointStock = (pointId: string | null) =>
  useQuery({ ...pointStockQueryOptions(pointId ?? ''), enabled: pointId !== null });
