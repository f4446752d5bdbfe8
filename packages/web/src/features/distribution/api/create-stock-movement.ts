import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStockMovement, RecordedStockMovements } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { retryDelay, retryLostWrite } from './idempotency.ts';
import { invalidateLedger } from './invalidate.ts';

export interface CreateStockMovementInput {
  body: CreateStockMovement;
  /** One per submission (see newIdempotencyKey), the same for its retries. */
  idempotencyKey: string;
}

export const createStockMovement = ({ body, idempotencyKey }: CreateStockMovementInput) =>
  api.post<RecordedStockMovements>('/stock-movements', body, { headers: { 'idempotency-key': idempotencyKey } });

export function useCreateStockMovement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStockMovement,
    retry: retryLostWrite,
    retryDelay,
    onSuccess: () => invalidateLedger(queryClient),
  });
}
