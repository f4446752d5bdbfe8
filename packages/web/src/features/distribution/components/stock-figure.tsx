import type { StockLevel } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { BelowMinimumBadge } from './point-status.tsx';

/** "46 セット" with the minimum beside it and a badge when below it (only counts while active). */
export function StockFigure({ level, showItem }: { level: StockLevel; showItem: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`stock-figure${level.belowMinimum ? ' is-low' : ''}${level.level === 0 ? ' is-empty' : ''}`}>
      {showItem ? <span className="stock-item">{level.itemName}</span> : null}
      <span className="stock-level">{t('distribution.quantity', { n: level.level, unit: level.unit })}</span>
      <span className="stock-minimum">{t('distribution.minimumShort', { n: level.minimumLevel })}</span>
      {level.belowMinimum ? <BelowMinimumBadge /> : null}
      {level.level === 0 ? <span className="badge badge-closed">{t('distribution.outOfStockShort')}</span> : null}
    </span>
  );
}
