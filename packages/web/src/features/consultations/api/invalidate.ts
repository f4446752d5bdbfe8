import type { QueryClient } from '@tanstack/react-query';
import { consultationKeys, reportKeys } from './keys.ts';

/** After any change to a consultation: every list, record and report that counts it. */
export const invalidateConsultations = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: consultationKeys.all }),
    queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  ]);
