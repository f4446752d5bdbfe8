import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canRecordStock } from '../../features/distribution/access.ts';
import { useDistributionPoints } from '../../features/distribution/api/get-distribution-points.ts';
import { useItems } from '../../features/distribution/api/get-items.ts';
import {
  MovementForm,
  type MovementFormValues,
  type MovementKind,
} from '../../features/distribution/components/movement-form.tsx';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

const KINDS: MovementKind[] = ['receipt', 'transfer', 'adjustment'];

/** Receipts, transfers and stocktakes; the address carries the choices, so a suggestion can fill them. */
export default function PointsMovementPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const points = useDistributionPoints();
  const items = useItems();
  const kindParam = params.get('kind') as MovementKind | null;
  const kind: MovementKind = kindParam && KINDS.includes(kindParam) ? kindParam : 'receipt';

  if (!canRecordStock(me.role)) return <Forbidden role={me.role} />;
  if (points.isPending || items.isPending) return <Loading />;
  if (points.isError) return <ErrorMessage error={points.error} onRetry={() => void points.refetch()} />;
  if (items.isError) return <ErrorMessage error={items.error} onRetry={() => void items.refetch()} />;

  const known = (id: string | null) => (id && points.data.some((p) => p.id === id) ? id : '');
  const quantity = Number(params.get('quantity'));
  const onlyItem = items.data.length === 1 ? (items.data[0]?.id ?? '') : '';
  const defaults: MovementFormValues = {
    pointId: known(params.get('point')),
    fromPointId: known(params.get('from') ?? params.get('point')),
    toPointId: known(params.get('to')),
    itemId: items.data.some((i) => i.id === params.get('item')) ? (params.get('item') ?? '') : onlyItem,
    quantity: Number.isInteger(quantity) && quantity > 0 ? quantity : Number.NaN,
    countedLevel: Number.NaN,
    source: 'purchase',
    note: '',
    reason: '',
    occurredAt: '',
  };
  const backTo = params.get('point') ? `/points/${params.get('point')}` : '/points';
  const title = t('distribution.movement.title');

  return (
    <>
      <PageTitle>{`${t(`distribution.movement.kinds.${kind}`)} | ${title}`}</PageTitle>
      <p className="back-link">
        <Link to={backTo}>← {t('distribution.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
      </div>
      <nav className="segmented" aria-label={t('distribution.movement.kindNav')}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className={`segment${k === kind ? ' is-current' : ''}`}
            aria-pressed={k === kind}
            onClick={() =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set('kind', k);
                  return next;
                },
                { replace: true },
              )
            }
          >
            {t(`distribution.movement.kinds.${k}`)}
          </button>
        ))}
      </nav>
      <MovementForm
        key={kind}
        kind={kind}
        points={points.data}
        items={items.data}
        defaultValues={defaults}
        cancelTo={backTo}
        onDone={(recorded) => {
          const first = recorded.movements[0];
          const level = recorded.levels.find((l) => l.pointId === first?.pointId)?.level;
          navigate(`/points/${first?.pointId ?? ''}`, {
            state: {
              flash: t(`distribution.movement.done.${kind}`, {
                point: first?.pointName ?? '',
                level: level ?? 0,
              }),
            },
          });
        }}
      />
    </>
  );
}
