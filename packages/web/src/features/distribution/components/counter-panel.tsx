import { useQueryClient } from '@tanstack/react-query';
import {
  type DistributionPoint,
  type Item,
  type PointStock,
  type RecordedDistribution,
  type RequestMethod,
  RequestMethods,
} from '@tsunagari/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatClock, formatNumericDate, tokyoDate } from '../../../lib/format.ts';
import { useCreateDistribution } from '../api/create-distribution.ts';
import { usePointStock } from '../api/get-point-stock.ts';
import { newIdempotencyKey } from '../api/idempotency.ts';
import { stockKeys } from '../api/keys.ts';
import { useUndoDistribution } from '../api/undo-distribution.ts';
import { pointPhase } from './point-status.tsx';

/** Seconds left until an instant, ticking every second while there are any. */
function useSecondsLeft(until: string | null): number {
  const left = () => (until ? Math.max(0, Math.ceil((Date.parse(until) - Date.now()) / 1000)) : 0);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (!until) return;
    const timer = setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return seconds;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

interface CounterPanelProps {
  point: DistributionPoint;
  item: Item;
}

type Outcome =
  | { kind: 'handed'; distribution: RecordedDistribution }
  | { kind: 'undone'; distribution: RecordedDistribution }
  | { kind: 'outOfStock'; available: number }
  | { kind: 'error'; error: unknown };

/**
 * The counter: one large button records one set. Every press carries a fresh Idempotency-Key
 * (reused only by that press's automatic retries), the button is disabled while a press is under
 * way, and the level shown is the one the API answered with.
 */
export function CounterPanel({ point, item }: CounterPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const stock = usePointStock(point.id);
  const handout = useCreateDistribution();
  const undo = useUndoDistribution();
  const busy = useRef(false);
  const [method, setMethod] = useState<RequestMethod>('flyer');
  const [cardEnclosed, setCardEnclosed] = useState(true);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const last = outcome?.kind === 'handed' ? outcome.distribution : null;
  const undoSeconds = useSecondsLeft(last?.undoableUntil ?? null);

  // A new point or item starts a new counter session.
  useEffect(() => {
    setOutcome(null);
  }, [point.id, item.id]);

  const setLevel = (level: number) =>
    queryClient.setQueryData<PointStock>(stockKeys.point(point.id), (old) =>
      old ? { ...old, items: old.items.map((i) => (i.itemId === item.id ? { ...i, level } : i)) } : old,
    );

  const level = stock.data?.items.find((i) => i.itemId === item.id)?.level;
  const today = tokyoDate();
  const phase = pointPhase(point, today);
  const empty = level === 0;
  const pending = handout.isPending || undo.isPending;

  const press = () => {
    if (busy.current) return;
    busy.current = true;
    handout.mutate(
      {
        body: { pointId: point.id, itemId: item.id, sets: 1, requestMethod: method, cardEnclosed },
        idempotencyKey: newIdempotencyKey(),
      },
      {
        onSuccess: (d) => {
          setLevel(d.level);
          setOutcome({ kind: 'handed', distribution: d });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'out_of_stock') {
            const available = (error.problem as { available?: number } | null)?.available ?? 0;
            setLevel(available);
            setOutcome({ kind: 'outOfStock', available });
          } else setOutcome({ kind: 'error', error });
        },
        onSettled: () => {
          busy.current = false;
        },
      },
    );
  };

  const pressUndo = () => {
    if (!last || busy.current) return;
    busy.current = true;
    undo.mutate(
      { id: last.id, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (d) => {
          setLevel(d.level);
          setOutcome({ kind: 'undone', distribution: d });
        },
        onError: (error) => setOutcome({ kind: 'error', error }),
        onSettled: () => {
          busy.current = false;
        },
      },
    );
  };

  if (stock.isPending) return <Loading />;
  if (stock.isError) return <ErrorMessage error={stock.error} onRetry={() => void stock.refetch()} />;

  const blocked = phase !== 'active';
  const period = point.validTo
    ? t('distribution.periodRange', {
        from: formatNumericDate(point.validFrom, i18n.language),
        to: formatNumericDate(point.validTo, i18n.language),
      })
    : t('distribution.periodOpenEnded', { from: formatNumericDate(point.validFrom, i18n.language) });

  return (
    <div className="counter">
      {blocked ? (
        <div className="alert alert-warning" role="alert">
          <p>{t(`distribution.counter.${phase === 'ended' ? 'ended' : 'notStarted'}`, { period })}</p>
        </div>
      ) : null}
      <div className="counter-top">
        <section
          className={`counter-level${empty ? ' is-empty' : ''}`}
          aria-labelledby={`${id}-level`}
          aria-live="polite"
        >
          <h2 id={`${id}-level`} className="counter-level-label">
            {t('distribution.counter.levelLabel')}
          </h2>
          <p className="counter-level-figure">
            <span className="counter-number" data-testid="counter-level">
              {level ?? 0}
            </span>
            <span className="counter-unit">{item.unit}</span>
          </p>
          <p className="counter-item">{item.name}</p>
          {empty ? <p className="counter-empty">{t('distribution.counter.empty')}</p> : null}
        </section>
        <div className="counter-options">
          <fieldset className="method-picker">
            <legend className="field-label">{t('distribution.counter.method')}</legend>
            <div className="method-options">
              {RequestMethods.map((m) => (
                <label key={m} className={`method-option${method === m ? ' is-checked' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-method`}
                    value={m}
                    checked={method === m}
                    onChange={() => setMethod(m)}
                  />
                  {t(`distribution.requestMethodsShort.${m}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="check counter-card-check">
            <input type="checkbox" checked={cardEnclosed} onChange={(e) => setCardEnclosed(e.target.checked)} />
            {t('distribution.counter.cardEnclosed')}
          </label>
        </div>
      </div>
      <button
        type="button"
        className="counter-button"
        disabled={pending || empty || blocked}
        aria-describedby={`${id}-status`}
        onClick={press}
      >
        {handout.isPending
          ? t('distribution.counter.recording')
          : empty
            ? t('distribution.counter.buttonEmpty')
            : t('distribution.counter.button', { unit: item.unit })}
      </button>
      <div id={`${id}-status`} className="counter-status" role="status">
        {outcome?.kind === 'handed' ? (
          <div className="counter-result">
            <p>
              {t('distribution.counter.handed', {
                time: formatClock(outcome.distribution.createdAt),
                method: t(`distribution.requestMethodsShort.${outcome.distribution.requestMethod}`),
                card: outcome.distribution.cardEnclosed
                  ? t('distribution.counter.withCard')
                  : t('distribution.counter.withoutCard'),
                level: outcome.distribution.level,
                unit: item.unit,
              })}
            </p>
            {undoSeconds > 0 ? (
              <button
                type="button"
                className="button button-secondary counter-undo"
                disabled={pending}
                onClick={pressUndo}
              >
                {undo.isPending
                  ? t('distribution.counter.undoing')
                  : t('distribution.counter.undo', { left: mmss(undoSeconds) })}
              </button>
            ) : (
              <span className="muted">{t('distribution.counter.undoPassed')}</span>
            )}
          </div>
        ) : null}
        {outcome?.kind === 'undone' ? (
          <p className="counter-result">
            {t('distribution.counter.undone', { level: outcome.distribution.level, unit: item.unit })}
          </p>
        ) : null}
        {outcome?.kind === 'outOfStock' ? (
          <div className="alert alert-error">
            <p>{t('distribution.counter.outOfStock', { n: outcome.available, unit: item.unit })}</p>
          </div>
        ) : null}
        {outcome?.kind === 'error' ? (
          <ErrorMessage
            error={outcome.error}
            message={
              outcome.error instanceof ApiError && outcome.error.code === 'point_inactive'
                ? t('distribution.counter.inactive')
                : outcome.error instanceof ApiError && outcome.error.code === 'undo_window_passed'
                  ? t('distribution.counter.undoPassed')
                  : undefined
            }
          />
        ) : null}
      </div>
    </div>
  );
}
