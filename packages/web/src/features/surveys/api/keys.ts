/** Hierarchical query keys: invalidating `all` refreshes every list, detail and result. */
export const surveyKeys = {
  all: ['surveys'] as const,
  lists: () => [...surveyKeys.all, 'list'] as const,
  list: (filters: { q?: string | undefined; status?: string | undefined }) => [...surveyKeys.lists(), filters] as const,
  detail: (id: string) => [...surveyKeys.all, 'detail', id] as const,
  results: (id: string, filters: Record<string, string | number | undefined>) =>
    [...surveyKeys.detail(id), 'results', filters] as const,
  responses: (id: string, filters: Record<string, string | number | undefined>) =>
    [...surveyKeys.detail(id), 'responses', filters] as const,
  version: (id: string, number: number) => [...surveyKeys.detail(id), 'version', number] as const,
  public: (token: string, card: string | undefined) => ['public-survey', token, card ?? null] as const,
};
