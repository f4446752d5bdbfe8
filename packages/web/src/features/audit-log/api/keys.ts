export interface AuditLogFilters {
  actorId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** First and last day, inclusive, Asia/Tokyo (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}

export const auditLogKeys = {
  all: ['audit-log'] as const,
  lists: () => [...auditLogKeys.all, 'list'] as const,
  list: (filters: AuditLogFilters) => [...auditLogKeys.lists(), filters] as const,
};
