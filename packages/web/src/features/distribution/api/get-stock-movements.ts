import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { page, StockMovement } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { movementKeys } from './keys.ts';

type StockMovementPage = z.infer<ReturnType<typeof page<typeof StockMovement>>>;

const PAGE_SIZE = 50;

/** The ledger of one point, newest first (the API's order). */
export const getStockMovements = (pointId: string, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<StockMovementPage>('/stock-movements', { query: { pointId, cursor, limit: PAGE_SIZE }, signal });

export const stockMovementsQueryOptions = (pointId: string) =>
  infiniteQueryOptions({
    queryKey: movementKeys.list({ pointId }),
    queryFn: ({ pageParam, signal }) => getStockMovements(pointId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useStockMovements = (pointId: string) => useInfiniteQuery(stockMovementsQueryOptions(pointId));
