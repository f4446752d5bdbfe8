import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordedDistribution } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { retryDelay, retryLostWrite } from './idempotency.ts';
import { invalidateLedger } from './invalidate.ts';

export interface UndoDistributionInput {
  id: string;
  idempotencyKey: string;
}

export const undoDistribution = ({ id, idempotencyKey }: UndoDistributionInput) =>
  api.post<RecordedDistribution>(`/distributions/${encodeURIComponent(id)}/undo`, undefined, {
    headers: { 'idempotency-key': idempotencyKey },
  });

export function useUndoDistribution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoDistribution,
    retry: retryLostWrite,
    retryDelay,
    onSettled: () => invalidateLedger(queryClient),
  });
}
