import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ManualValueInput, TargetMetric } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { invalidateTargets } from './invalidate.ts';

export interface AddManualValueInput {
  id: string;
  value: ManualValueInput;
}

/** Values are added, never edited: a correction is a newer value. */
export const addManualValue = ({ id, value }: AddManualValueInput) =>
  api.post<TargetMetric>(`/target-metrics/${encodeURIComponent(id)}/manual-values`, value);

export function useAddManualValue() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addManualValue, onSuccess: () => invalidateTargets(queryClient) });
}
