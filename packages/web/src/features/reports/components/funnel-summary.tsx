import type { FunnelReport } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount, formatNumber } from '../../targets/format.ts';

/**
 * The programme's open question on one panel: did the hand-outs lead women to a window? Sets
 * handed out, consultations that brought a point's card, and the share.
 */
export function FunnelSummary({ report, detailsTo }: { report: FunnelReport; detailsTo?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const threshold = report.suppression.threshold;
  const rate = report.total.conversionRate;
  const byCard = report.referralSources.find((s) => s.referralSource === 'guidance_card');
  return (
    <section className="panel funnel-summary" aria-labelledby="funnel-summary-title">
      <div className="panel-head">
        <h2 id="funnel-summary-title">{t('reports.funnel.summaryTitle')}</h2>
        {detailsTo ? <Link to={detailsTo}>{t('reports.funnel.details')}</Link> : null}
      </div>
      <p className="muted">{t('reports.funnel.summaryLead')}</p>
      <dl className="funnel-figures">
        <div>
          <dt>{t('reports.funnel.sets')}</dt>
          <dd>{t('reports.funnel.setsValue', { value: formatNumber(report.total.setsHandedOut, lng, 0) })}</dd>
        </div>
        <div>
          <dt>{t('reports.funnel.traced')}</dt>
          <dd>
            {t('reports.funnel.consultationsValue', {
              value: formatCount(report.total.consultations, threshold, lng),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('reports.funnel.rate')}</dt>
          <dd>{rate === null ? '—' : `${formatNumber(rate * 100, lng, 1)}%`}</dd>
        </div>
        <div>
          <dt>{t('reports.funnel.byCardShare')}</dt>
          <dd>{byCard?.share == null ? '—' : `${formatNumber(byCard.share * 100, lng, 1)}%`}</dd>
        </div>
      </dl>
    </section>
  );
}
