import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { canRecordStock } from '../../features/distribution/access.ts';
import { useDistributionPoints } from '../../features/distribution/api/get-distribution-points.ts';
import { useItems } from '../../features/distribution/api/get-items.ts';
import { CounterPanel } from '../../features/distribution/components/counter-panel.tsx';
import { pointPhase } from '../../features/distribution/components/point-status.tsx';
import { tokyoDate } from '../../lib/format.ts';
import { PageTitle } from '../layout/page-title.tsx';
import { useSession } from '../layout/session.ts';
import { Forbidden } from './forbidden.tsx';

// The counter PC or tablet stands at one point: it opens there again next morning.
const POINT_KEY = 'tsunagari.counter.point';
const ITEM_KEY = 'tsunagari.counter.item';

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function remember(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {}
}

/** `/counter` (the point remembered on this device) and `/points/:id/counter`. */
export default function CounterPage() {
  const { t } = useTranslation();
  const me = useSession();
  const id = useId();
  const navigate = useNavigate();
  const { id: routePoint } = useParams();
  const points = useDistributionPoints();
  const items = useItems();
  const [itemId, setItemId] = useState<string | null>(() => remembered(ITEM_KEY));
  const today = tokyoDate();

  const [chosen, setChosen] = useState<string | null>(() => remembered(POINT_KEY));
  const pointId = routePoint ?? chosen;
  useEffect(() => {
    if (routePoint) remember(POINT_KEY, routePoint);
  }, [routePoint]);

  if (!canRecordStock(me.role)) return <Forbidden role={me.role} />;
  if (points.isPending || items.isPending) return <Loading />;
  if (points.isError) return <ErrorMessage error={points.error} onRetry={() => void points.refetch()} />;
  if (items.isError) return <ErrorMessage error={items.error} onRetry={() => void items.refetch()} />;

  // Points handing out today first: those are the ones a counter is opened for.
  const sorted = [...points.data].sort(
    (a, b) =>
      Number(pointPhase(b, today) === 'active') - Number(pointPhase(a, today) === 'active') ||
      a.name.localeCompare(b.name, 'ja'),
  );
  // A partner with one point, or a city with one point handing out, needs no choice.
  const active = sorted.filter((p) => pointPhase(p, today) === 'active');
  const only = sorted.length === 1 ? sorted[0] : active.length === 1 ? active[0] : undefined;
  const point = sorted.find((p) => p.id === pointId) ?? (routePoint ? null : (only ?? null));
  const item = items.data.find((i) => i.id === itemId) ?? items.data[0] ?? null;
  const title = point ? t('distribution.counter.titleAt', { name: point.name }) : t('distribution.counter.title');

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <div className="page-head counter-head">
        <div>
          <h1>
            {point ? (
              <>
                <span className="counter-kicker">
                  {t('distribution.counter.title')}
                  <span className="visually-hidden">：</span>
                </span>
                {point.name}
              </>
            ) : (
              title
            )}
          </h1>
          {point ? (
            <p className="muted">
              {point.organisationName}・{point.place}・
              <Link to={`/points/${point.id}`}>{t('distribution.counter.toPoint')}</Link>
            </p>
          ) : null}
        </div>
        <div className="counter-pickers">
          <div className="field">
            <label htmlFor={`${id}-point`} className="field-label">
              {t('distribution.counter.point')}
            </label>
            <select
              id={`${id}-point`}
              value={point?.id ?? ''}
              onChange={(e) => {
                if (!e.target.value) return;
                remember(POINT_KEY, e.target.value);
                if (routePoint) navigate(`/points/${e.target.value}/counter`, { replace: true });
                else setChosen(e.target.value);
              }}
            >
              <option value="">{t('distribution.counter.pointPlaceholder')}</option>
              {sorted.map((p) => (
                <option key={p.id} value={p.id}>
                  {pointPhase(p, today) === 'active'
                    ? p.name
                    : t('distribution.counter.inactiveOption', { name: p.name })}
                </option>
              ))}
            </select>
          </div>
          {items.data.length > 1 ? (
            <div className="field">
              <label htmlFor={`${id}-item`} className="field-label">
                {t('distribution.counter.item')}
              </label>
              <select
                id={`${id}-item`}
                value={item?.id ?? ''}
                onChange={(e) => {
                  remember(ITEM_KEY, e.target.value);
                  setItemId(e.target.value);
                }}
              >
                {items.data.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
      </div>
      {!point ? (
        <div className="notice-panel">
          <p className="notice-lead">{t('distribution.counter.choosePoint')}</p>
          {sorted.length === 0 ? <p>{t('distribution.counter.noPoints')}</p> : null}
        </div>
      ) : !item ? (
        <p className="empty">{t('distribution.noItems')}</p>
      ) : (
        <CounterPanel point={point} item={item} />
      )}
    </>
  );
}
