import { z } from 'zod';
import { addDaysIso, tokyoInstant, tokyoParts } from './schedule.ts';

/**
 * Fiscal years (年度): April to March in Asia/Tokyo. FY2021 = 令和3年度 = 2021-04-01 00:00 to
 * 2022-04-01 00:00 (exclusive) Tokyo time. The Japanese era comes from the platform's own
 * calendar data (Intl with the japanese calendar, in Node and every browser), not from a table
 * kept here, so a future era is named correctly once the runtime knows it.
 */

export const MIN_FISCAL_YEAR = 2000;
export const MAX_FISCAL_YEAR = 2100;

export const FiscalYear = z.coerce
  .number()
  .int()
  .min(MIN_FISCAL_YEAR)
  .max(MAX_FISCAL_YEAR)
  .describe('Fiscal year by the calendar year it starts in: 2021 = 令和3年度 = 2021-04-01 … 2022-03-31 (Asia/Tokyo)');

export interface FiscalYearBounds {
  fiscalYear: number;
  /** First day, 2021-04-01. */
  from: string;
  /** Last day, 2022-03-31. */
  to: string;
  /** 2021-04-01T00:00 Tokyo. */
  start: Date;
  /** 2022-04-01T00:00 Tokyo: the first instant after the year. */
  end: Date;
  /** 365 or 366. */
  days: number;
}

export function fiscalYearBounds(fiscalYear: number): FiscalYearBounds {
  const from = `${fiscalYear}-04-01`;
  const next = `${fiscalYear + 1}-04-01`;
  const start = tokyoInstant(from, '00:00');
  const end = tokyoInstant(next, '00:00');
  return {
    fiscalYear,
    from,
    to: addDaysIso(next, -1),
    start,
    end,
    days: Math.round((end.getTime() - start.getTime()) / 86_400_000),
  };
}

/** The fiscal year a calendar date (YYYY-MM-DD) belongs to. */
export function fiscalYearOfDate(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** The fiscal year the instant falls in, read in Asia/Tokyo. */
export function fiscalYearAt(instant: Date): number {
  return fiscalYearOfDate(tokyoParts(instant).date);
}

const eraFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'Asia/Tokyo',
});

/**
 * 令和3年度. A fiscal year takes the era in force at the end of the calendar year it starts in:
 * FY2019 (April 2019, still 平成31年, to March 2020) is 令和元年度, as the government names it,
 * and FY1988 stays 昭和63年度.
 */
export function japaneseFiscalYear(fiscalYear: number): string {
  return `${eraYear(`${fiscalYear}-12-31`)}年度`;
}

/** 令和3 for a date in 2021 (元 for an era's first year). */
function eraYear(date: string): string {
  const parts = eraFormat.formatToParts(tokyoInstant(date, '12:00'));
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  return `${era}${year}`;
}

/** FY2021 */
export const westernFiscalYear = (fiscalYear: number) => `FY${fiscalYear}`;

/** 令和3年度（FY2021）: both forms, as the dashboard and the printed report show them. */
export const fiscalYearLabel = (fiscalYear: number) =>
  `${japaneseFiscalYear(fiscalYear)}（${westernFiscalYear(fiscalYear)}）`;

/**
 * Reads what a person types for a fiscal year: 2021, FY2021, 令和3年度, 令和元年度, R3, H30年度
 * (full-width digits too); 平成31年度, the name FY2019 had in its first month, is read as 2019.
 * Null when it names no year between MIN and MAX_FISCAL_YEAR.
 */
export function parseFiscalYear(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, '').replace(/年度$/, '').replace(/年$/, '');
  const western = /^(?:FY)?(\d{4})$/i.exec(s);
  if (western) return inRange(Number(western[1]));
  const era = /^(令和|平成|R|H)(元|\d{1,2})$/i.exec(s);
  if (!era) return null;
  const name = (era[1] as string).toUpperCase();
  const eraName = name === 'R' ? '令和' : name === 'H' ? '平成' : name;
  const year = era[2] === '元' ? '元' : String(Number(era[2]));
  const wanted = `${eraName}${year}`;
  for (let fy = MIN_FISCAL_YEAR; fy <= MAX_FISCAL_YEAR; fy++) {
    if (eraYear(`${fy}-12-31`) === wanted || eraYear(`${fy}-04-01`) === wanted) return fy;
  }
  return null;
}

const inRange = (fy: number) => (fy >= MIN_FISCAL_YEAR && fy <= MAX_FISCAL_YEAR ? fy : null);

/** The Monday (ISO week start) on or before a calendar date. */
export function weekStartOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDaysIso(date, -weekday);
}
