import type { StockMovement } from '@tsunagari/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DeleteDialog } from '../../components/delete-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { LoadMore } from '../../components/paged-list.tsx';
import { canEditPoints, canRecordStock } from '../../features/distribution/access.ts';
import { useDeleteDistributionPoint } from '../../features/distribution/api/delete-distribution-point.ts';
import { useDistributionPoint } from '../../features/distribution/api/get-distribution-point.ts';
import { useDistributionPoints } from '../../features/distribution/api/get-distribution-points.ts';
import { usePointStock } from '../../features/distribution/api/get-point-stock.ts';
import { useStockMovements } from '../../features/distribution/api/get-stock-movements.ts';
import { LedgerTable } from '../../features/distribution/components/ledger-table.tsx';
import { PointFacts } from '../../features/distribution/components/point-facts.tsx';
import { PhaseBadge, pointPhase } from '../../features/distribution/components/point-status.tsx';
import { ReverseMovementDialog } from '../../features/distribution/components/reverse-movement-dialog.tsx';
import { StockLevelsTable } from '../../features/distribution/components/stock-levels-table.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { formatDateTime, tokyoDate } from '../../lib/format.ts';
import { Flash } from '../layout/flash.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

function DeletePointDialog({
  id,
  name,
  etag,
  open,
  onClose,
  onDeleted,
}: {
  id: string;
  name: string;
  etag: string | null;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const mutation = useDeleteDistributionPoint();
  return (
    <DeleteDialog
      open={open}
      title={t('distribution.delete.title')}
      body={t('distribution.delete.body', { name })}
      mutation={mutation}
      errorMessage={(error) =>
        isApiError(error, 409)
          ? t('distribution.delete.hasMovements')
          : isApiError(error, 412)
            ? t('distribution.delete.stale')
            : undefined
      }
      onConfirm={() => mutation.mutate({ id, etag }, { onSuccess: onDeleted })}
      onClose={onClose}
    />
  );
}

export default function PointsDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useSession();
  const navigate = useNavigate();
  const query = useDistributionPoint(id);
  const stock = usePointStock(id);
  const ledger = useStockMovements(id);
  const points = useDistributionPoints();
  const [reversing, setReversing] = useState<StockMovement | null>(null);
  const [reversed, setReversed] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const today = tokyoDate();
  const lng = i18n.language;

  if (!canRecordStock(me.role)) return <Forbidden role={me.role} />;

  const back = (
    <p className="back-link">
      <Link to="/points">← {t('distribution.back')}</Link>
    </p>
  );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageTitle>{t('distribution.title')}</PageTitle>
        {back}
        <ErrorMessage error={query.error} notFound={t('distribution.notFound')} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const p = query.data.point;
  const phase = pointPhase(p, today);
  const pointNames = new Map((points.data ?? []).map((x) => [x.id, x.name]));
  const movements = ledger.data?.pages.flatMap((pg) => pg.items) ?? [];
  const describe = (m: StockMovement) =>
    t('distribution.reverse.which', {
      when: formatDateTime(m.occurredAt, lng),
      kind: t(`distribution.movementKinds.${m.kind}`),
      quantity: m.quantity > 0 ? `+${m.quantity}` : String(m.quantity),
      item: m.itemName,
    });
  const q = (kind: string) => `/points/movements/new?kind=${kind}&point=${p.id}`;

  return (
    <>
      <PageTitle>{p.name}</PageTitle>
      {back}
      <div className="page-head">
        <div>
          <h1>{p.name}</h1>
          <p className="badges">
            <PhaseBadge phase={phase} />
          </p>
        </div>
        <div className="page-actions">
          <Link to={`/points/${p.id}/counter`} className="button button-primary">
            {t('distribution.openCounter')}
          </Link>
          <Link to={`/points/${p.id}/card`} className="button button-secondary">
            {t('distribution.openCard')}
          </Link>
          {canEditPoints(me.role) ? (
            <>
              <Link to={`/points/${p.id}/edit`} className="button button-secondary">
                {t('windowDetail.edit')}
              </Link>
              <button type="button" className="button button-danger-quiet" onClick={() => setDeleting(true)}>
                {t('windowDetail.delete')}
              </button>
            </>
          ) : null}
        </div>
      </div>
      <Flash />
      {reversed ? (
        <div className="alert alert-success" role="status">
          <p>{reversed}</p>
        </div>
      ) : null}
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="stock-title">
            <div className="panel-head">
              <h2 id="stock-title">{t('distribution.detail.stock')}</h2>
              <div className="page-actions">
                <Link to={q('receipt')} className="button button-secondary button-small">
                  {t('distribution.movement.kinds.receipt')}
                </Link>
                <Link to={q('transfer')} className="button button-secondary button-small">
                  {t('distribution.movement.kinds.transfer')}
                </Link>
                <Link to={q('adjustment')} className="button button-secondary button-small">
                  {t('distribution.movement.kinds.adjustment')}
                </Link>
              </div>
            </div>
            {stock.isPending ? (
              <Loading />
            ) : stock.isError ? (
              <ErrorMessage error={stock.error} onRetry={() => void stock.refetch()} />
            ) : (
              <StockLevelsTable levels={stock.data.items} active={phase === 'active'} />
            )}
          </section>
        </div>
        <div className="detail-side">
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('distribution.detail.facts')}</h2>
            <PointFacts point={p} />
          </section>
        </div>
      </div>
      <section className="panel" aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t('distribution.detail.ledger')}</h2>
        <p className="field-hint">{t('distribution.detail.ledgerHint')}</p>
        {ledger.isPending ? (
          <Loading />
        ) : ledger.isError ? (
          <ErrorMessage error={ledger.error} onRetry={() => void ledger.refetch()} />
        ) : movements.length === 0 ? (
          <p className="empty">{t('distribution.detail.ledgerEmpty')}</p>
        ) : (
          <LedgerTable
            movements={movements}
            pointNames={pointNames}
            onReverse={(m) => {
              setReversed(null);
              setReversing(m);
            }}
          />
        )}
        <LoadMore query={ledger} />
      </section>
      <p className="muted small">{t('windowDetail.updatedAt', { time: formatDateTime(p.updatedAt, lng) })}</p>
      <ReverseMovementDialog
        movement={reversing}
        describe={describe}
        onClose={() => setReversing(null)}
        onDone={(m) => {
          setReversing(null);
          setReversed(t('distribution.reverse.done', { which: describe(m) }));
        }}
      />
      {canEditPoints(me.role) ? (
        <DeletePointDialog
          id={p.id}
          name={p.name}
          etag={query.data.etag}
          open={deleting}
          onClose={() => setDeleting(false)}
          onDeleted={() =>
            navigate('/points', { replace: true, state: { flash: t('distribution.delete.done', { name: p.name }) } })
          }
        />
      ) : null}
    </>
  );
}
