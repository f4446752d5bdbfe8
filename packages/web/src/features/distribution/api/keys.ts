import type { DistributionPointKind } from '@tsunagari/shared';

export interface PointListFilters {
  kind?: DistributionPointKind | undefined;
}

/**
 * Hierarchical query keys. Every figure derived from the ledger (levels, overview, the ledger
 * itself, hand-outs) lives under its own top key, so that a write invalidates all of them with
 * `invalidateLedger` and nothing else.
 */
export const pointKeys = {
  all: ['distribution-points'] as const,
  lists: () => [...pointKeys.all, 'list'] as const,
  list: (filters: PointListFilters) => [...pointKeys.lists(), filters] as const,
  details: () => [...pointKeys.all, 'detail'] as const,
  detail: (id: string) => [...pointKeys.details(), id] as const,
};

export const itemKeys = {
  all: ['items'] as const,
  list: () => [...itemKeys.all, 'list'] as const,
};

export const stockKeys = {
  all: ['stock'] as const,
  overview: () => [...stockKeys.all, 'overview'] as const,
  point: (pointId: string) => [...stockKeys.all, 'point', pointId] as const,
};

export const movementKeys = {
  all: ['stock-movements'] as const,
  list: (filters: { pointId?: string | undefined }) => [...movementKeys.all, 'list', filters] as const,
};

export const distributionKeys = {
  all: ['distributions'] as const,
  list: (filters: { pointId?: string | undefined; from?: string | undefined; to?: string | undefined }) =>
    [...distributionKeys.all, 'list', filters] as const,
};
