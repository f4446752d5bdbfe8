import type { QueryClient } from '@tanstack/react-query';
import { targetMetricKeys, targetReportKeys } from './keys.ts';

/** A changed metric changes its list, its record and every report built on the targets. */
export const invalidateTargets = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: targetMetricKeys.all }),
    queryClient.invalidateQueries({ queryKey: targetReportKeys.all }),
  ]);
