import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTargetMetric, TargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { invalidateTargets } from './invalidate.ts';

export const createTargetMetric = (body: CreateTargetMetric) => api.post<TargetMetric>('/target-metrics', body);

export function useCreateTargetMetric() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createTargetMetric, onSuccess: () => invalidateTargets(queryClient) });
}
