import type { StockOverview, SuggestedTransfer } from '@tsunagari/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The address of the transfer form filled with a suggestion: one click, then check and record. */
export function transferFormLink(s: Pick<SuggestedTransfer, 'fromPointId' | 'toPointId' | 'itemId' | 'quantity'>) {
  const q = new URLSearchParams({
    kind: 'transfer',
    from: s.fromPointId,
    to: s.toPointId,
    item: s.itemId,
    quantity: String(s.quantity),
  });
  return `/points/movements/new?${q}`;
}

export function StockOverviewPanel({ overview, canMove }: { overview: StockOverview; canMove: boolean }) {
  const { t } = useTranslation();
  const { belowMinimum, suggestedTransfers } = overview;
  return (
    <section className="panel overview-panel" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('distribution.overview.title')}</h2>
      <div className="overview-columns">
        <div>
          <h3>{t('distribution.overview.belowMinimum', { n: belowMinimum.length })}</h3>
          {belowMinimum.length === 0 ? (
            <p className="muted">{t('distribution.overview.noneBelow')}</p>
          ) : (
            <ul className="overview-list">
              {belowMinimum.map((b) => (
                <li key={`${b.pointId}-${b.itemId}`}>
                  <Link to={`/points/${b.pointId}`}>{b.pointName}</Link>
                  <span className="overview-figures">
                    {t('distribution.overview.belowLine', {
                      item: b.itemName,
                      level: b.level,
                      minimum: b.minimumLevel,
                      shortfall: b.shortfall,
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('distribution.overview.suggestions', { n: suggestedTransfers.length })}</h3>
          {suggestedTransfers.length === 0 ? (
            <p className="muted">{t('distribution.overview.noSuggestions')}</p>
          ) : (
            <ul className="overview-list">
              {suggestedTransfers.map((s) => (
                <li key={`${s.fromPointId}-${s.toPointId}-${s.itemId}`} className="suggestion">
                  <span>
                    {t('distribution.overview.suggestionLine', {
                      from: s.fromPointName,
                      to: s.toPointName,
                      item: s.itemName,
                      n: s.quantity,
                    })}
                  </span>
                  {canMove ? (
                    <Link to={transferFormLink(s)} className="button button-secondary button-small">
                      {t('distribution.overview.useSuggestion')}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
