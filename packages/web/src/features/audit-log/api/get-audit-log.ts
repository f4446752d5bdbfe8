import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry, page } from '@tsunagari/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { type AuditLogFilters, auditLogKeys } from './keys.ts';

export type AuditPage = z.infer<ReturnType<typeof page<typeof AuditEntry>>>;

const PAGE_SIZE = 50;

export const getAuditLog = (filters: AuditLogFilters, cursor: string | undefined, signal?: AbortSignal) =>
  api.get<AuditPage>('/audit-log', { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });

export const auditLogQueryOptions = (filters: AuditLogFilters) =>
  infiniteQueryOptions({
    queryKey: auditLogKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getAuditLog(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Every change anywhere writes here: opening the log always reads it afresh.
    staleTime: 0,
  });

/** `enabled: false` while the filters cannot be sent (a date range the wrong way round). */
export const useAuditLog = (filters: AuditLogFilters, enabled = true) =>
  useInfiniteQuery({ ...auditLogQueryOptions(filters), enabled, placeholderData: (previous) => previous });
