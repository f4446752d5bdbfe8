import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface AsOfControlProps {
  /** YYYY-MM-DD, or null for "now" (the year's end once it is over). */
  value: string | null;
  from: string;
  to: string;
  onChange: (date: string | null) => void;
}

/**
 * 集計日: look at the figures as they stood on a day of the year, the way the dashboard showed
 * them then, projections and warnings included. Empty means up to now.
 */
export function AsOfControl({ value, from, to, onChange }: AsOfControlProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="as-of">
      <label htmlFor={id} className="as-of-label">
        {t('targets.asOf.label')}
      </label>
      <input
        id={id}
        type="date"
        min={from}
        max={to}
        value={value ?? ''}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') onChange(null);
          else if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v >= from && v <= to) onChange(v);
        }}
      />
      {value ? (
        <button type="button" className="button button-quiet button-small" onClick={() => onChange(null)}>
          {t('targets.asOf.latest')}
        </button>
      ) : null}
      <span id={`${id}-hint`} className="as-of-hint">
        {value ? t('targets.asOf.hintSet') : t('targets.asOf.hint')}
      </span>
    </div>
  );
}
