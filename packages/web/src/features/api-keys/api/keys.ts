export interface ApiKeyListFilters {
  status?: 'active' | 'revoked' | undefined;
  organisationId?: string | undefined;
}

/** Hierarchical query keys: invalidating `all` refreshes every list. */
export const apiKeyKeys = {
  all: ['api-keys'] as const,
  lists: () => [...apiKeyKeys.all, 'list'] as const,
  list: (filters: ApiKeyListFilters) => [...apiKeyKeys.lists(), filters] as const,
};
