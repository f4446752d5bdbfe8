import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearChoices, fiscalYearText } from '../lib/fiscal-year.ts';

interface FiscalYearPickerProps {
  value: number;
  onChange: (fiscalYear: number) => void;
  /** Years that have data: the others are marked, so nobody picks an empty year by mistake. */
  yearsWithData: readonly number[];
  /** What "data" means on this page, for the mark: "目標未登録". */
  emptyMark: string;
}

/** 年度: a select of fiscal years in both forms (令和3年度（FY2021）), with a step back and forth. */
export function FiscalYearPicker({ value, onChange, yearsWithData, emptyMark }: FiscalYearPickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const years = fiscalYearChoices(yearsWithData, value);
  const newest = years[0] as number;
  const oldest = years[years.length - 1] as number;
  return (
    <div className="fy-picker">
      <label htmlFor={id} className="fy-picker-label">
        {t('fiscalYear.label')}
      </label>
      <div className="fy-picker-controls">
        <button
          type="button"
          className="button button-secondary button-small fy-step"
          onClick={() => onChange(value - 1)}
          disabled={value <= oldest}
          aria-label={t('fiscalYear.previous')}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {years.map((fy) => (
            <option key={fy} value={fy}>
              {fiscalYearText(fy, i18n.language)}
              {yearsWithData.includes(fy) ? '' : ` — ${emptyMark}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-secondary button-small fy-step"
          onClick={() => onChange(value + 1)}
          disabled={value >= newest}
          aria-label={t('fiscalYear.next')}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
    </div>
  );
}
