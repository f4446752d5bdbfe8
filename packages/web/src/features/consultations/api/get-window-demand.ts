import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WindowDemand } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { type PeriodParams, reportKeys } from './keys.ts';

const PATH = '/reports/window-demand';

export const getWindowDemand = (params: PeriodParams, signal?: AbortSignal) =>
  api.get<WindowDemand>(PATH, { query: { ...params }, signal });

export const windowDemandCsvUrl = (params: PeriodParams) =>
  `/api/v1${PATH}?${new URLSearchParams({ from: params.from, to: params.to, format: 'csv' })}`;

export const windowDemandQueryOptions = (params: PeriodParams) =>
  queryOptions({
    queryKey: reportKeys.windowDemand(params),
    queryFn: ({ signal }) => getWindowDemand(params, signal),
  });

export const useWindowDemand = (params: PeriodParams, enabled = true) =>
  useQuery({ ...windowDemandQueryOptions(params), enabled, placeholderData: (previous) => previous });
