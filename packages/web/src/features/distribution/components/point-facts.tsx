import type { DistributionPoint } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { ScheduleSummary } from '../../../components/schedule-summary.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useKindLabel } from './point-status.tsx';

export function PointFacts({ point: p }: { point: DistributionPoint }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const kindLabel = useKindLabel();
  return (
    <dl className="facts">
      <dt>{t('distribution.facts.kind')}</dt>
      <dd>{kindLabel(p.kind, p.schoolLevel)}</dd>
      <dt>{t('distribution.facts.organisation')}</dt>
      <dd>{p.organisationName}</dd>
      <dt>{t('distribution.facts.place')}</dt>
      <dd>{p.place}</dd>
      <dt>{t('distribution.facts.cardCode')}</dt>
      <dd>
        <code className="card-code">{p.cardCode}</code>
      </dd>
      <dt>{t('distribution.facts.hours')}</dt>
      <dd>
        <ScheduleSummary schedule={p.schedule} />
      </dd>
      <dt>{t('distribution.facts.period')}</dt>
      <dd>
        {p.validTo
          ? t('distribution.periodRange', { from: formatDate(p.validFrom, lng), to: formatDate(p.validTo, lng) })
          : t('distribution.periodOpenEnded', { from: formatDate(p.validFrom, lng) })}
      </dd>
      <dt>{t('distribution.facts.holidays')}</dt>
      <dd>{p.opensOnHolidays ? t('windowDetail.opensOnHolidays') : t('windowDetail.closedOnHolidays')}</dd>
      <dt>{t('distribution.facts.closures')}</dt>
      <dd>
        {p.closureDates.length === 0 ? (
          <span className="muted">{t('windowDetail.noClosures')}</span>
        ) : (
          <ul className="date-list">
            {[...p.closureDates].sort().map((d) => (
              <li key={d}>{formatDate(d, lng)}</li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
