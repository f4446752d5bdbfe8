import type { TargetMetric } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

/** A metric's definition in one line: what is counted, and over which records. */
export function DefinitionSummary({ metric }: { metric: TargetMetric }) {
  const { t } = useTranslation();
  const d = metric.definition;
  const list = (xs: string[]) => xs.join(t('punctuation.list'));
  const parts: string[] = [t(`targets.kinds.${d.kind}`)];
  if (d.kind === 'training_participants') {
    parts.push(t(d.basis === 'attended' ? 'targets.summary.attended' : 'targets.summary.registered'));
    parts.push(d.eventIds ? t('targets.summary.events', { n: d.eventIds.length }) : t('targets.summary.allEvents'));
  } else if (d.kind === 'consultations') {
    parts.push(d.windowIds ? t('targets.summary.windows', { n: d.windowIds.length }) : t('targets.summary.allWindows'));
    if (d.weekdays) parts.push(list(d.weekdays.map((w) => t(`weekdays.long.${w as 1}`))));
    if (d.channels) parts.push(list(d.channels.map((c) => t(`channels.${c}`))));
    if (d.topics) parts.push(list(d.topics.map((c) => t(`topics.${c}`))));
  } else if (d.kind === 'sets_handed_out') {
    parts.push(d.pointIds ? t('targets.summary.points', { n: d.pointIds.length }) : t('targets.summary.allPoints'));
    if (d.pointKinds) parts.push(list(d.pointKinds.map((k) => t(`distribution.kinds.${k}`))));
  } else if (d.kind === 'funnel_conversion') {
    parts.push(d.pointIds ? t('targets.summary.points', { n: d.pointIds.length }) : t('targets.summary.allPoints'));
  } else if (d.kind === 'manual') {
    parts.push(t('targets.summary.values', { n: d.entries.length }));
  }
  return <span className="definition-summary">{parts.join(' ・ ')}</span>;
}
