import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsultationReport } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { type ConsultationReportParams, reportKeys } from './keys.ts';

const PATH = '/reports/consultations';

export const getConsultationReport = (params: ConsultationReportParams, signal?: AbortSignal) =>
  api.get<ConsultationReport>(PATH, { query: { ...params }, signal });

/** The same report as CSV for Excel: a plain link, so the browser downloads it with the session cookie. */
export function consultationReportCsvUrl(params: ConsultationReportParams): string {
  const query = new URLSearchParams({ from: params.from, to: params.to, groupBy: params.groupBy, format: 'csv' });
  if (params.windowId) query.set('windowId', params.windowId);
  return `/api/v1${PATH}?${query}`;
}

export const consultationReportQueryOptions = (params: ConsultationReportParams) =>
  queryOptions({
    queryKey: reportKeys.consultations(params),
    queryFn: ({ signal }) => getConsultationReport(params, signal),
  });

export const useConsultationReport = (params: ConsultationReportParams, enabled = true) =>
  useQuery({ ...consultationReportQueryOptions(params), enabled, placeholderData: (previous) => previous });
