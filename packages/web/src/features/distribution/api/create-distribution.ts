import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateDistribution, RecordedDistribution } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { retryDelay, retryLostWrite } from './idempotency.ts';
import { invalidateLedger } from './invalidate.ts';

export interface CreateDistributionInput {
  body: CreateDistribution;
  /** One per press of the button, the same for that press's retries: a hand-out is written once. */
  idempotencyKey: string;
}

export const createDistribution = ({ body, idempotencyKey }: CreateDistributionInput) =>
  api.post<RecordedDistribution>('/distributions', body, { headers: { 'idempotency-key': idempotencyKey } });

export function useCreateDistribution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDistribution,
    retry: retryLostWrite,
    retryDelay,
    onSettled: () => invalidateLedger(queryClient),
  });
}
