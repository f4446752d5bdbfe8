import { type DistributionPointKind, DistributionPointKinds } from '@tsunagari/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canEditPoints, canRecordStock } from '../../features/distribution/access.ts';
import { useDistributionPoints } from '../../features/distribution/api/get-distribution-points.ts';
import { useStockOverview } from '../../features/distribution/api/get-stock-overview.ts';
import { pointPhase } from '../../features/distribution/components/point-status.tsx';
import { PointsTable } from '../../features/distribution/components/points-table.tsx';
import { StockOverviewPanel } from '../../features/distribution/components/stock-overview-panel.tsx';
import { tokyoDate } from '../../lib/format.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

const isKind = (value: string | null): value is DistributionPointKind =>
  DistributionPointKinds.includes(value as DistributionPointKind);

export default function PointsListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const readable = canRecordStock(me.role);
  const points = useDistributionPoints({ kind });
  const overview = useStockOverview();
  const today = tokyoDate();

  if (!readable) return <Forbidden role={me.role} />;

  const levels = new Map(overview.data?.points.map((p) => [p.pointId, p.items]) ?? []);
  // Points handing out now come first: they are the ones whose stock needs watching.
  const rows = (points.data ?? [])
    .map((point) => ({ point, levels: levels.get(point.id), active: pointPhase(point, today) === 'active' }))
    .sort((a, b) => Number(b.active) - Number(a.active));

  return (
    <>
      <PageTitle>{t('distribution.title')}</PageTitle>
      <div className="page-head">
        <div>
          <h1>{t('distribution.title')}</h1>
          <p className="lead">{t('distribution.lead')}</p>
        </div>
        <div className="page-actions">
          <Link to="/counter" className="button button-primary">
            {t('distribution.openCounter')}
          </Link>
          <Link to="/points/movements/new?kind=receipt" className="button button-secondary">
            {t('distribution.recordMovement')}
          </Link>
          {canEditPoints(me.role) ? (
            <Link to="/points/new" className="button button-secondary">
              + {t('distribution.create')}
            </Link>
          ) : null}
        </div>
      </div>
      <Flash />
      {overview.isError ? (
        <ErrorMessage error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.data ? (
        <StockOverviewPanel overview={overview.data} canMove={readable} />
      ) : null}
      <search className="filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`} className="visually-hidden">
          {t('distribution.filters')}
        </h2>
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field-label">
            {t('distribution.columns.kind')}
          </label>
          <select
            id={`${id}-kind`}
            value={kind ?? ''}
            onChange={(e) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  if (e.target.value) next.set('kind', e.target.value);
                  else next.delete('kind');
                  return next;
                },
                { replace: true },
              )
            }
          >
            <option value="">{t('distribution.allKinds')}</option>
            {DistributionPointKinds.map((k) => (
              <option key={k} value={k}>
                {t(`distribution.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {points.isPending ? (
        <Loading />
      ) : points.isError ? (
        <ErrorMessage error={points.error} onRetry={() => void points.refetch()} />
      ) : (
        <section aria-labelledby={`${id}-result`} className={points.isPlaceholderData ? 'is-stale' : undefined}>
          <h2 id={`${id}-result`} className="result-count" aria-live="polite">
            {t('distribution.count', { n: rows.length })}
          </h2>
          {rows.length === 0 ? (
            <p className="empty">{kind ? t('distribution.emptyKind') : t('distribution.empty')}</p>
          ) : (
            <PointsTable rows={rows} today={today} />
          )}
        </section>
      )}
    </>
  );
}
