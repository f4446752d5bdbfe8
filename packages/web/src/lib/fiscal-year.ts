import { fiscalYearOfDate, japaneseFiscalYear, MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '@tsunagari/shared';
import { useSearchParams } from 'react-router';
import { tokyoDate } from './format.ts';

/*
 * Fiscal years (年度, April–March in Japan time) as the screens show and choose them. The era
 * name comes from the shared helper, which asks the platform's own Japanese calendar (Intl),
 * so a future era is named correctly without a table kept here.
 */

export const currentFiscalYear = () => fiscalYearOfDate(tokyoDate());

/** 令和3年度（FY2021） in Japanese, FY2021 (令和3年度) in English: both forms, always. */
export function fiscalYearText(fiscalYear: number, lng: string): string {
  const era = japaneseFiscalYear(fiscalYear);
  return lng === 'en' ? `FY${fiscalYear} (${era})` : `${era}（FY${fiscalYear}）`;
}

const parse = (value: string | null): number | null => {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const fy = Number(value);
  return fy >= MIN_FISCAL_YEAR && fy <= MAX_FISCAL_YEAR ? fy : null;
};

export type FiscalYearSource = 'address' | 'current' | 'latest-with-data';

/**
 * The fiscal year a page shows, kept in the address (?fy=2021) so a view can be bookmarked,
 * reloaded and sent on. Without one: the current year if it has data, or else the latest year
 * that has (a demo of FY2021, or a new year whose targets are not entered yet, opens on figures
 * rather than an empty page), or else the current year.
 */
export function useFiscalYearParam(yearsWithData: readonly number[] | undefined) {
  const [params, setParams] = useSearchParams();
  const current = currentFiscalYear();
  const fromAddress = parse(params.get('fy'));
  let fiscalYear = current;
  let source: FiscalYearSource = 'current';
  if (fromAddress !== null) {
    fiscalYear = fromAddress;
    source = 'address';
  } else if (yearsWithData && yearsWithData.length > 0 && !yearsWithData.includes(current)) {
    fiscalYear = yearsWithData.find((fy) => fy <= current) ?? (yearsWithData[0] as number);
    source = 'latest-with-data';
  }
  const setFiscalYear = (fy: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('fy', String(fy));
        // A day chosen in one year means nothing in another.
        next.delete('asOf');
        return next;
      },
      { replace: true },
    );
  return { fiscalYear, source, current, setFiscalYear };
}

/** The years to offer: every year with data, the current one and the next, newest first. */
export function fiscalYearChoices(yearsWithData: readonly number[], chosen: number): number[] {
  const current = currentFiscalYear();
  const low = Math.min(current, chosen, ...yearsWithData);
  const high = Math.max(current + 1, chosen, ...yearsWithData);
  const years: number[] = [];
  for (let fy = high; fy >= low; fy--) years.push(fy);
  return years;
}
