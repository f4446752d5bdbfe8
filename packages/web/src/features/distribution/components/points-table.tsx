import type { DistributionPoint, StockLevel } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumericDate } from '../../../lib/format.ts';
import { PhaseBadge, pointPhase, useKindLabel } from './point-status.tsx';
import { StockFigure } from './stock-figure.tsx';

export interface PointRow {
  point: DistributionPoint;
  /** From the overview; undefined while it loads or if it failed. */
  levels: StockLevel[] | undefined;
}

export function PointsTable({ rows, today }: { rows: PointRow[]; today: string }) {
  const { t, i18n } = useTranslation();
  const d = (date: string) => formatNumericDate(date, i18n.language);
  const kindLabel = useKindLabel();
  const manyItems = rows.some((r) => (r.levels?.length ?? 0) > 1);
  return (
    <div className="table-scroll">
      <table className="data-table points-table">
        <thead>
          <tr>
            <th scope="col">{t('distribution.columns.name')}</th>
            <th scope="col">{t('distribution.columns.kind')}</th>
            <th scope="col">{t('distribution.columns.stock')}</th>
            <th scope="col">{t('distribution.columns.period')}</th>
            <th scope="col">{t('distribution.columns.cardCode')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('distribution.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ point: p, levels }) => (
            <tr key={p.id}>
              <th scope="row" data-label={t('distribution.columns.name')}>
                <Link to={`/points/${p.id}`} className="row-link">
                  {p.name}
                </Link>
                <span className="row-sub">
                  {p.organisationName}・{p.place}
                </span>
              </th>
              <td data-label={t('distribution.columns.kind')}>{kindLabel(p.kind, p.schoolLevel)}</td>
              <td data-label={t('distribution.columns.stock')}>
                {levels === undefined ? (
                  <span className="muted">—</span>
                ) : levels.length === 0 ? (
                  <span className="muted">{t('distribution.noItems')}</span>
                ) : (
                  <ul className="plain-list">
                    {levels.map((l) => (
                      <li key={l.itemId}>
                        <StockFigure level={l} showItem={manyItems} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label={t('distribution.columns.period')}>
                <PhaseBadge phase={pointPhase(p, today)} />
                <span className="row-sub">
                  {p.validTo
                    ? t('distribution.periodRange', { from: d(p.validFrom), to: d(p.validTo) })
                    : t('distribution.periodOpenEnded', { from: d(p.validFrom) })}
                </span>
              </td>
              <td data-label={t('distribution.columns.cardCode')}>
                <code className="card-code">{p.cardCode}</code>
              </td>
              <td className="dist-actions">
                <Link
                  to={`/points/${p.id}/counter`}
                  className="button button-secondary button-small"
                  aria-label={t('distribution.openCounterFor', { name: p.name })}
                >
                  {t('distribution.counterShort')}
                </Link>
                <Link
                  to={`/points/${p.id}/card`}
                  className="button button-quiet button-small"
                  aria-label={t('distribution.openCardFor', { name: p.name })}
                >
                  {t('distribution.cardShort')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
