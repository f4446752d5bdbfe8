/** Hierarchical query keys: invalidating `all` refreshes every list, detail and calendar. */
export interface WindowListFilters {
  topic?: string | undefined;
  openAt?: string | undefined;
  q?: string | undefined;
}

export const windowKeys = {
  all: ['consultation-windows'] as const,
  lists: () => [...windowKeys.all, 'list'] as const,
  list: (filters: WindowListFilters) => [...windowKeys.lists(), filters] as const,
  details: () => [...windowKeys.all, 'detail'] as const,
  detail: (id: string) => [...windowKeys.details(), id] as const,
  openingDays: (id: string, from: string, to: string) =>
    [...windowKeys.detail(id), 'opening-days', { from, to }] as const,
};
