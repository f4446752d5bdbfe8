import type { DistributionPoint, DistributionPointKind, SchoolLevel } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';

export type PointPhase = 'active' | 'ended' | 'notStarted';

/** Where today lies in the point's period: hand-outs are refused outside it (422 point_inactive). */
export function pointPhase(p: Pick<DistributionPoint, 'validFrom' | 'validTo'>, today: string): PointPhase {
  if (p.validFrom > today) return 'notStarted';
  if (p.validTo !== null && p.validTo < today) return 'ended';
  return 'active';
}

export function PhaseBadge({ phase }: { phase: PointPhase }) {
  const { t } = useTranslation();
  if (phase === 'active') return <span className="badge badge-open">{t('distribution.phase.active')}</span>;
  return <span className="badge badge-muted">{t(`distribution.phase.${phase}`)}</span>;
}

export function BelowMinimumBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-low">{t('distribution.belowMinimum')}</span>;
}

/** 市の窓口, or 学校保健室（中学校） for a school. */
export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: DistributionPointKind, schoolLevel: SchoolLevel | null) =>
    schoolLevel
      ? t('distribution.kindWithLevel', {
          kind: t(`distribution.kinds.${kind}`),
          level: t(`distribution.schoolLevels.${schoolLevel}`),
        })
      : t(`distribution.kinds.${kind}`);
}
