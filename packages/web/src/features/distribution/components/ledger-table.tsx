import type { StockMovement } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatClock, formatDateTime, formatNumericDate, tokyoDate } from '../../../lib/format.ts';

interface LedgerTableProps {
  movements: StockMovement[];
  pointNames: ReadonlyMap<string, string>;
  /** null: the reader may not reverse (or the point is someone else's). */
  onReverse: ((m: StockMovement) => void) | null;
}

const rowId = (id: string) => `movement-${id}`;

/** The ledger of one point, newest first; a reversal and what it reversed link to each other. */
export function LedgerTable({ movements, pointNames, onReverse }: LedgerTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pointLink = (id: string | null) =>
    id ? <Link to={`/points/${id}`}>{pointNames.get(id) ?? t('distribution.ledger.otherPoint')}</Link> : null;

  const details = (m: StockMovement) => {
    switch (m.kind) {
      case 'receipt':
        return (
          <>
            {t(`distribution.sources.${m.source ?? 'other'}`)}
            {m.note ? <span className="row-sub">{m.note}</span> : null}
          </>
        );
      case 'transfer':
        return (
          <>
            {m.quantity < 0 ? t('distribution.ledger.transferTo') : t('distribution.ledger.transferFrom')}{' '}
            {pointLink(m.counterpartPointId)}
            {m.note ? <span className="row-sub">{m.note}</span> : null}
          </>
        );
      case 'adjustment':
        return (
          <>
            {t('distribution.ledger.counted', { n: m.countedLevel ?? 0 })}
            {m.reason ? <span className="row-sub">{m.reason}</span> : null}
          </>
        );
      case 'reversal':
        return (
          <>
            {m.reversesId ? (
              <a href={`#${rowId(m.reversesId)}`}>{t('distribution.ledger.reverses')}</a>
            ) : (
              t('distribution.ledger.reverses')
            )}
            {m.reason ? (
              <span className="row-sub">{m.reason === 'undo' ? t('distribution.ledger.undo') : m.reason}</span>
            ) : null}
          </>
        );
      case 'handout':
        return t('distribution.ledger.handout');
    }
  };

  return (
    <div className="table-scroll">
      <table className="data-table ledger-table">
        <thead>
          <tr>
            <th scope="col">{t('distribution.ledger.when')}</th>
            <th scope="col">{t('distribution.ledger.kind')}</th>
            <th scope="col">{t('distribution.columns.item')}</th>
            <th scope="col" className="num">
              {t('distribution.ledger.quantity')}
            </th>
            <th scope="col">{t('distribution.ledger.details')}</th>
            <th scope="col">{t('distribution.ledger.recordedBy')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('distribution.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={m.id} id={rowId(m.id)} className={m.reversedById ? 'is-reversed' : undefined}>
              <td data-label={t('distribution.ledger.when')} className="ledger-when">
                <time dateTime={m.occurredAt} title={formatDateTime(m.occurredAt, lng)}>
                  {formatNumericDate(tokyoDate(m.occurredAt), lng)} {formatClock(m.occurredAt)}
                </time>
              </td>
              <td data-label={t('distribution.ledger.kind')}>
                <span className={`movement-kind movement-${m.kind}`}>{t(`distribution.movementKinds.${m.kind}`)}</span>
              </td>
              <td data-label={t('distribution.columns.item')}>{m.itemName}</td>
              <td data-label={t('distribution.ledger.quantity')} className="num">
                <strong className={m.quantity < 0 ? 'qty-out' : 'qty-in'}>
                  {m.quantity > 0 ? `+${m.quantity}` : `−${Math.abs(m.quantity)}`}
                </strong>
              </td>
              <td data-label={t('distribution.ledger.details')}>{details(m)}</td>
              <td data-label={t('distribution.ledger.recordedBy')}>
                {m.recordedBy ?? <span className="muted">—</span>}
                {m.madeUp ? <span className="badge badge-muted">{t('distribution.ledger.madeUp')}</span> : null}
              </td>
              <td className="dist-actions">
                {m.reversedById ? (
                  <a href={`#${rowId(m.reversedById)}`} className="reversed-link">
                    {t('distribution.ledger.reversedBy')}
                  </a>
                ) : m.kind !== 'reversal' && onReverse ? (
                  <button type="button" className="button button-quiet button-small" onClick={() => onReverse(m)}>
                    {t('distribution.ledger.reverse')}
                    <span className="visually-hidden">
                      {' '}
                      {t('distribution.ledger.reverseWhich', {
                        when: formatDateTime(m.occurredAt, lng),
                        kind: t(`distribution.movementKinds.${m.kind}`),
                      })}
                    </span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
