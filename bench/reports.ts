/** The report routes the bench times and `pnpm bench:explain` explains, for the last generated fiscal year. */
export interface ReportCall {
  name: string;
  url: string;
}

export function reportCalls(fy: number, surveyId: string | undefined): ReportCall[] {
  const year = `from=${fy}-04-01&to=${fy + 1}-03-31`;
  return [
    {
      name: 'consultations by month × channel (1 FY)',
      url: `/api/v1/reports/consultations?${year}&groupBy=month,channel`,
    },
    { name: 'consultations by topic (1 FY)', url: `/api/v1/reports/consultations?${year}&groupBy=topic` },
    { name: 'window demand (1 FY)', url: `/api/v1/reports/window-demand?${year}` },
    { name: 'distributions by point (1 FY)', url: `/api/v1/reports/distributions?${year}&groupBy=point` },
    {
      name: 'distributions by month (5 years)',
      url: `/api/v1/reports/distributions?from=${fy - 4}-04-01&to=${fy + 1}-03-31&groupBy=month`,
    },
    { name: 'training (all years)', url: '/api/v1/reports/training' },
    { name: 'survey results (1 FY survey)', url: `/api/v1/surveys/${surveyId}/results` },
    { name: 'target metrics (1 FY)', url: `/api/v1/reports/target-metrics?fiscalYear=${fy}` },
    { name: 'funnel (1 FY)', url: `/api/v1/reports/funnel?fiscalYear=${fy}` },
    { name: 'results report (1 FY)', url: `/api/v1/results-report?fiscalYear=${fy}` },
  ];
}
