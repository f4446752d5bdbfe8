import type { TargetMetricResult, TargetMetricsReport } from '@tsunagari/shared';

/**
 * Where a metric stands, in the words the dashboard uses. A finished year has only met or missed;
 * a running one is met already, on track, or at risk (its projection misses the target).
 */
export type MetricStatus = 'met' | 'missed' | 'at_risk' | 'on_track' | 'no_data' | 'not_started';

export function metricStatus(
  m: TargetMetricResult,
  report: Pick<TargetMetricsReport, 'finished' | 'daysElapsed'>,
): MetricStatus {
  if (report.daysElapsed === 0 && !report.finished) return 'not_started';
  if (m.actual === null) return 'no_data';
  if (report.finished) return m.met ? 'met' : 'missed';
  if (m.atRisk) return 'at_risk';
  return m.met ? 'met' : 'on_track';
}

/** How far the actual is from the target, in the metric's unit (never negative). */
export function gapToTarget(m: TargetMetricResult, value: number | null = m.actual): number | null {
  if (value === null) return null;
  const gap = m.direction === 'at_least' ? m.target - value : value - m.target;
  return Math.max(0, gap);
}
