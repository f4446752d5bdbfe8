import type { TargetMetricResult } from '@tsunagari/shared';

/**
 * Actual against target as a bar: the fill is the actual, a lighter fill how far it is projected
 * to go, the mark the target. Shares are drawn on 0–100%, counts up to the larger of target and
 * actual. Decoration only: the figures beside it say the same in words.
 */
export function ProgressBar({ metric, showProjection }: { metric: TargetMetricResult; showProjection: boolean }) {
  const isShare = metric.unit === 'percent';
  const actual = metric.actual ?? 0;
  const projection = showProjection && !isShare ? (metric.projection ?? null) : null;
  const scale = isShare ? 100 : Math.max(metric.target, actual, projection ?? 0, 1);
  const pct = (v: number) => `${Math.min(100, Math.max(0, (v / scale) * 100)).toFixed(2)}%`;
  return (
    <div className="metric-bar" aria-hidden="true">
      {projection !== null ? <span className="metric-bar-projection" style={{ width: pct(projection) }} /> : null}
      <span className="metric-bar-fill" style={{ width: pct(actual) }} />
      <span className="metric-bar-target" style={{ left: pct(metric.target) }} />
    </div>
  );
}
