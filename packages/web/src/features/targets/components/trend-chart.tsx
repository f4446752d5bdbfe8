import type { TargetMetricResult } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, daysBetween, formatDate, formatNumericDate } from '../../../lib/format.ts';
import { formatValue } from '../format.ts';

interface TrendChartProps {
  metric: TargetMetricResult;
  /** First and last day of the fiscal year. */
  from: string;
  to: string;
  /** The day the figures are counted up to (the year's last day once it ended). */
  asOf: string;
  finished: boolean;
}

const W = 320;
const H = 128;
const PAD = { left: 36, right: 10, top: 10, bottom: 20 };
const MONTH_TICKS = [0, 3, 6, 9]; // April, July, October, January

/** A round upper bound for the axis: 80 → 100, 36 → 40, 431 → 500. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * The metric week by week as a small line chart in plain SVG: the cumulative actual, the
 * target as a line, and for a count in a running year the projection to the year's end as a
 * dashed line. The chart is an image with a description for a screen reader; the weekly values
 * themselves are in the table under it.
 */
export function TrendChart({ metric, from, to, asOf, finished }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lng = i18n.language;
  const isShare = metric.unit === 'percent';
  const yearDays = daysBetween(from, to);
  const points = metric.series.map((p) => {
    // A week's value holds at its end (Sunday), or at the day counted up to.
    let day = addDays(p.weekStart, 6);
    if (day > asOf) day = asOf;
    if (day < from) day = from;
    return { day, value: p.value, weekStart: p.weekStart };
  });
  const known = points.filter((p): p is { day: string; value: number; weekStart: string } => p.value !== null);
  const showProjection = !finished && !isShare && metric.projection !== null && known.length > 0;
  const top = isShare
    ? 100
    : niceMax(
        Math.max(metric.target, ...known.map((p) => p.value), showProjection ? (metric.projection ?? 0) : 0) * 1.1,
      );
  const x = (day: string) =>
    PAD.left + (Math.min(Math.max(daysBetween(from, day), 0), yearDays) / yearDays) * (W - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - Math.min(value, top) / top) * (H - PAD.top - PAD.bottom);

  // Lines break where a share had nothing to divide by.
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(' '));
  const last = known[known.length - 1];
  const area =
    !isShare && last
      ? `M${x(known[0]?.day ?? from).toFixed(1)},${y(0)} L${segments.join(' L')} L${x(last.day).toFixed(1)},${y(0)} Z`
      : null;

  const unit = metric.unit;
  const value = (v: number) => formatValue(t, v, unit, lng);
  const description = [
    last
      ? t('targets.chart.descLatest', { value: value(last.value), date: formatDate(last.day, lng, false) })
      : t('targets.chart.descNone'),
    t('targets.chart.descTarget', { value: value(metric.target) }),
    showProjection && metric.projection !== null
      ? t('targets.chart.descProjection', { value: value(metric.projection) })
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  const monthName = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'ja-JP', {
    month: 'short',
    timeZone: 'Asia/Tokyo',
  });
  const monthLabel = (offset: number) => {
    const [y0, m0] = from.split('-').map(Number) as [number, number];
    const month = ((m0 - 1 + offset) % 12) + 1;
    const year = y0 + Math.floor((m0 - 1 + offset) / 12);
    const day = `${year}-${String(month).padStart(2, '0')}-01`;
    return { day, label: monthName.format(new Date(`${day}T12:00:00+09:00`)) };
  };

  return (
    <figure className="trend">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="trend-svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{t('targets.chart.title', { label: metric.label })}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {/* axes and month ticks */}
        <line className="trend-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        {MONTH_TICKS.map((offset) => {
          const m = monthLabel(offset);
          return (
            <g key={offset}>
              <line className="trend-grid" x1={x(m.day)} x2={x(m.day)} y1={PAD.top} y2={y(0)} />
              <text className="trend-tick" x={x(m.day) + 2} y={H - 5}>
                {m.label}
              </text>
            </g>
          );
        })}
        <text className="trend-tick" x={PAD.left - 4} y={y(0)} textAnchor="end" dominantBaseline="middle">
          0
        </text>
        <text className="trend-tick" x={PAD.left - 4} y={y(top)} textAnchor="end" dominantBaseline="hanging">
          {isShare ? '100%' : top}
        </text>
        {/* the target */}
        <line className="trend-target" x1={PAD.left} x2={W - PAD.right} y1={y(metric.target)} y2={y(metric.target)} />
        <text className="trend-target-label" x={PAD.left + 3} y={y(metric.target) - 3}>
          {t('targets.chart.target', { value: value(metric.target) })}
        </text>
        {/* the actual, and where it is heading */}
        {area ? <path className="trend-area" d={area} /> : null}
        {segments.map((s) => (
          <polyline key={s} className="trend-line" points={s} />
        ))}
        {showProjection && last && metric.projection !== null ? (
          <line className="trend-projection" x1={x(last.day)} y1={y(last.value)} x2={x(to)} y2={y(metric.projection)} />
        ) : null}
        {last ? <circle className="trend-dot" cx={x(last.day)} cy={y(last.value)} r={3.5} /> : null}
      </svg>
      <figcaption className="trend-legend">
        <span className="legend-actual">{t('targets.chart.legendActual')}</span>
        <span className="legend-target">{t('targets.chart.legendTarget')}</span>
        {showProjection ? <span className="legend-projection">{t('targets.chart.legendProjection')}</span> : null}
      </figcaption>
      <details className="trend-table">
        <summary>{t('targets.chart.tableToggle')}</summary>
        <div className="table-scroll">
          <table className="mini-table">
            <caption className="visually-hidden">{t('targets.chart.title', { label: metric.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('targets.chart.week')}</th>
                <th scope="col">{t('targets.chart.cumulative')}</th>
              </tr>
            </thead>
            <tbody>
              {metric.series.map((p) => (
                <tr key={p.weekStart}>
                  <th scope="row">{t('targets.chart.weekOf', { date: formatNumericDate(p.weekStart, lng) })}</th>
                  <td className="num">{p.value === null ? '—' : value(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
