import type { TargetMetricResult, TargetMetricsReport } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween, formatDate } from '../../../lib/format.ts';
import { countedUpTo, countValue, formatCount, formatRate, formatSigned, formatValue } from '../format.ts';
import { gapToTarget, type MetricStatus, metricStatus } from '../status.ts';
import { ProgressBar } from './progress-bar.tsx';
import { TrendChart } from './trend-chart.tsx';

interface MetricCardProps {
  metric: TargetMetricResult;
  report: TargetMetricsReport;
}

const STATUS_CLASS: Record<MetricStatus, string> = {
  met: 'is-met',
  missed: 'is-missed',
  at_risk: 'is-at-risk',
  on_track: 'is-on-track',
  no_data: 'is-no-data',
  not_started: 'is-no-data',
};

/** One target: where it stands, in figures, as a bar, as a trend and in words. */
export function MetricCard({ metric: m, report }: MetricCardProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lng = i18n.language;
  const status = metricStatus(m, report);
  const value = (v: number) => formatValue(t, v, m.unit, lng);
  const threshold = report.suppression.threshold;
  const asOfDay = countedUpTo(report);
  const daysLeft = Math.max(0, daysBetween(asOfDay, report.to));
  const isShare = m.unit === 'percent';
  const atMost = m.direction === 'at_most';

  const explanation = (() => {
    const gap = gapToTarget(m);
    const target = value(m.target);
    switch (status) {
      case 'not_started':
        return t('targets.explain.notStarted', { from: formatDate(report.from, lng, false) });
      case 'no_data':
        if (m.kind === 'manual') return t('targets.explain.noManualValue');
        if (m.numerator !== null && countValue(m.numerator) === null) return t('targets.explain.suppressed');
        return isShare ? t('targets.explain.noAnswers') : t('targets.explain.noData');
      case 'met':
        return report.finished
          ? t(atMost ? 'targets.explain.metFinishedAtMost' : 'targets.explain.metFinished', { target })
          : t(atMost ? 'targets.explain.metRunningAtMost' : 'targets.explain.metRunning', { target });
      case 'missed':
        return t(atMost ? 'targets.explain.missedAtMost' : 'targets.explain.missed', {
          target,
          gap: value(gap ?? 0),
        });
      case 'at_risk': {
        if (isShare || m.projection === null) {
          return t(atMost ? 'targets.explain.riskShareAtMost' : 'targets.explain.riskShare', {
            actual: value(m.actual ?? 0),
            target,
          });
        }
        return t(atMost ? 'targets.explain.riskCountAtMost' : 'targets.explain.riskCount', {
          projection: value(Math.round(m.projection)),
          target,
          gap: value(gapToTarget(m, m.projection) ?? 0),
          days: daysLeft,
          needed: value(gap ?? 0),
        });
      }
      case 'on_track':
        return isShare || m.projection === null
          ? t('targets.explain.onTrackShare', { target })
          : t('targets.explain.onTrack', { projection: value(Math.round(m.projection)), target });
    }
  })();

  const fraction = (() => {
    const num = formatCount(m.numerator, threshold, lng);
    const den = formatCount(m.denominator, threshold, lng);
    if (m.kind === 'survey_satisfied_share') return t('targets.fraction.satisfied', { num, den });
    if (m.kind === 'survey_positive_share') return t('targets.fraction.positive', { num, den });
    if (m.kind === 'funnel_conversion') return t('targets.fraction.funnel', { num, den });
    if (m.kind === 'manual' && m.valueAsOf) return t('targets.fraction.manual', { date: formatDate(m.valueAsOf, lng) });
    return null;
  })();

  const actualText =
    m.actual !== null
      ? value(m.actual)
      : m.numerator !== null && countValue(m.numerator) === null
        ? formatCount(m.numerator, threshold, lng)
        : '—';
  const showProjection = !report.finished && m.projection !== null && !isShare;
  // A share's distance from its target is in percentage points, a count's in its unit.
  const signedGap = (diff: number) => {
    const n = formatSigned(diff, lng, isShare ? 1 : 0);
    return isShare ? t('targets.card.points', { value: n }) : t(`targets.units.${m.unit}`, { value: n });
  };
  const statusWord = t(`targets.status.${status}`);

  return (
    <article className={`metric-card ${STATUS_CLASS[status]}`} aria-labelledby={`${id}-label`}>
      <header className="metric-head">
        <h2 id={`${id}-label`} className="metric-label">
          {m.label}
        </h2>
        <span className={`metric-status metric-status-${status}`}>{statusWord}</span>
      </header>
      {m.description ? <p className="metric-description">{m.description}</p> : null}

      <p className="metric-figures">
        <span className="metric-actual">
          <span className="visually-hidden">{t('targets.card.actual')} </span>
          {actualText}
        </span>
        <span className="metric-target">
          {t(atMost ? 'targets.card.targetAtMost' : 'targets.card.target', { value: value(m.target) })}
        </span>
      </p>
      {fraction ? <p className="metric-fraction">{fraction}</p> : null}
      <ProgressBar metric={m} showProjection={showProjection} />

      <dl className="metric-stats">
        <div>
          <dt>{t('targets.card.rate')}</dt>
          <dd>{m.achievementRate === null ? '—' : formatRate(m.achievementRate, lng)}</dd>
        </div>
        {report.finished ? (
          <div>
            <dt>{t('targets.card.gap')}</dt>
            <dd>{m.actual === null ? '—' : signedGap(m.actual - m.target)}</dd>
          </div>
        ) : (
          <div>
            <dt>{t('targets.card.projection')}</dt>
            <dd>
              {m.projection === null
                ? '—'
                : isShare
                  ? value(m.projection)
                  : t('targets.card.about', { value: value(Math.round(m.projection)) })}
            </dd>
          </div>
        )}
        <div>
          <dt>{report.finished ? t('targets.card.result') : t('targets.card.resultNow')}</dt>
          <dd>{m.met === null ? '—' : m.met ? t('targets.card.metYes') : t('targets.card.metNo')}</dd>
        </div>
      </dl>

      <div
        className={`metric-explain metric-explain-${status}`}
        role={status === 'at_risk' || status === 'missed' ? 'note' : undefined}
      >
        {status === 'at_risk' ? (
          <p className="metric-explain-title">
            <span aria-hidden="true" className="risk-icon">
              !
            </span>
            {t('targets.card.riskTitle')}
          </p>
        ) : null}
        <p>{explanation}</p>
      </div>

      <TrendChart metric={m} from={report.from} to={report.to} asOf={asOfDay} finished={report.finished} />
    </article>
  );
}
