import { useQuery } from '@tanstack/react-query';
import type { ConsultationWindow, DistributionPoint, Survey, SurveySummary, TrainingEvent } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { targetMetricKeys } from './keys.ts';

/*
 * What a metric's definition may name: the records to choose from in the form. Each list is read
 * whole (a city has tens of windows and points, a year a few events); staff and admins only, as
 * only they define metrics.
 */

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

async function all<T>(path: string, query: Record<string, string | number>, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { query: { ...query, limit: 500, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export interface Option {
  id: string;
  label: string;
  hint?: string | undefined;
}

export const useEventOptions = (fiscalYear: number, enabled: boolean) =>
  useQuery({
    queryKey: targetMetricKeys.options('events', fiscalYear),
    queryFn: ({ signal }) => all<TrainingEvent>('/training-events', { fiscalYear, order: 'asc' }, signal),
    enabled,
  });

export const useSurveyOptions = (enabled: boolean) =>
  useQuery({
    queryKey: targetMetricKeys.options('surveys'),
    queryFn: ({ signal }) => all<SurveySummary>('/surveys', {}, signal),
    enabled,
  });

export const useSurvey = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: targetMetricKeys.options('survey', id),
    queryFn: ({ signal }) => api.get<Survey>(`/surveys/${encodeURIComponent(id)}`, { signal }),
    enabled: enabled && /^[0-9a-f-]{36}$/i.test(id),
  });

export const useWindowOptions = (enabled: boolean) =>
  useQuery({
    queryKey: targetMetricKeys.options('windows'),
    queryFn: ({ signal }) => all<ConsultationWindow>('/consultation-windows', {}, signal),
    enabled,
  });

export const usePointOptions = (enabled: boolean) =>
  useQuery({
    queryKey: targetMetricKeys.options('points'),
    queryFn: ({ signal }) => all<DistributionPoint>('/distribution-points', {}, signal),
    enabled,
  });
