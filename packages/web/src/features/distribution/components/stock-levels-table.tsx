import type { StockLevel } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { BelowMinimumBadge } from './point-status.tsx';

export function StockLevelsTable({ levels, active }: { levels: StockLevel[]; active: boolean }) {
  const { t } = useTranslation();
  if (levels.length === 0) return <p className="muted">{t('distribution.noItems')}</p>;
  return (
    <table className="data-table stock-table">
      <thead>
        <tr>
          <th scope="col">{t('distribution.columns.item')}</th>
          <th scope="col" className="num">
            {t('distribution.columns.level')}
          </th>
          <th scope="col" className="num">
            {t('distribution.columns.minimum')}
          </th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr key={l.itemId}>
            <th scope="row">{l.itemName}</th>
            <td className="num">
              <strong className="stock-number">{l.level}</strong> {l.unit}
              {l.belowMinimum ? (
                <>
                  {' '}
                  <BelowMinimumBadge />
                </>
              ) : null}
              {l.level === 0 && active ? (
                <>
                  {' '}
                  <span className="badge badge-closed">{t('distribution.outOfStockShort')}</span>
                </>
              ) : null}
            </td>
            <td className="num">{l.minimumLevel}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
