import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ResultsReport } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { reportKeys } from './keys.ts';

const PATH = '/results-report';

export const getResultsReport = (fiscalYear: number, signal?: AbortSignal) =>
  api.get<ResultsReport>(PATH, { query: { fiscalYear }, signal });

/** Downloads: plain links, so the browser saves them with the session cookie. */
export const resultsReportUrl = (fiscalYear: number, format: 'json' | 'csv') =>
  `/api/v1${PATH}?${new URLSearchParams({ fiscalYear: String(fiscalYear), format })}`;

export const resultsReportQueryOptions = (fiscalYear: number) =>
  queryOptions({
    queryKey: reportKeys.results(fiscalYear),
    queryFn: ({ signal }) => getResultsReport(fiscalYear, signal),
  });

export const useResultsReport = (fiscalYear: number) =>
  useQuery({ ...resultsReportQueryOptions(fiscalYear), placeholderData: (previous) => previous });
