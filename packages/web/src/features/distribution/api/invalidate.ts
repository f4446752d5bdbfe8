import type { QueryClient } from '@tanstack/react-query';
import { distributionKeys, movementKeys, stockKeys } from './keys.ts';

/** After any ledger write: levels, the overview, the ledger and the hand-outs may all have changed. */
export const invalidateLedger = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: stockKeys.all }),
    queryClient.invalidateQueries({ queryKey: movementKeys.all }),
    queryClient.invalidateQueries({ queryKey: distributionKeys.all }),
  ]);
