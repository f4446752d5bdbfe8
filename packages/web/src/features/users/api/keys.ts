import type { Role } from '@tsunagari/shared';

export interface UserListFilters {
  role?: Role | undefined;
  organisationId?: string | undefined;
}

/** Hierarchical query keys: invalidating `all` refreshes every list and detail. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: UserListFilters) => [...userKeys.lists(), filters] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
};
