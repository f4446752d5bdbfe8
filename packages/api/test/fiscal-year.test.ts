import {
  FiscalYear,
  fiscalYearAt,
  fiscalYearBounds,
  fiscalYearLabel,
  fiscalYearOfDate,
  japaneseFiscalYear,
  parseFiscalYear,
  weekStartOf,
  westernFiscalYear,
} from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';

describe('fiscal years (April to March, Asia/Tokyo)', () => {
  it('bounds FY2021 from 2021-04-01 00:00 to 2022-04-01 00:00 Tokyo time', () => {
    const b = fiscalYearBounds(2021);
    expect(b).toMatchObject({ fiscalYear: 2021, from: '2021-04-01', to: '2022-03-31', days: 365 });
    expect(b.start.toISOString()).toBe('2021-03-31T15:00:00.000Z');
    expect(b.end.toISOString()).toBe('2022-03-31T15:00:00.000Z');
    // FY2023 holds 2024-02-29.
    expect(fiscalYearBounds(2023).days).toBe(366);
  });

  it('puts 31 March 23:59 in the old year and 1 April 00:00 in the new one, in Tokyo time', () => {
    expect(fiscalYearAt(new Date('2022-03-31T23:59:59+09:00'))).toBe(2021);
    expect(fiscalYearAt(new Date('2022-04-01T00:00:00+09:00'))).toBe(2022);
    // 2022-03-31T15:30Z is already 1 April in Tokyo, though still 31 March in UTC.
    expect(fiscalYearAt(new Date('2022-03-31T15:30:00Z'))).toBe(2022);
    expect(fiscalYearOfDate('2022-03-31')).toBe(2021);
    expect(fiscalYearOfDate('2022-04-01')).toBe(2022);
    expect(fiscalYearOfDate('2021-11-19')).toBe(2021);
    expect(fiscalYearOfDate('2022-01-01')).toBe(2021);
  });

  it('names the year in the Japanese era and in western form', () => {
    expect(japaneseFiscalYear(2021)).toBe('令和3年度');
    expect(westernFiscalYear(2021)).toBe('FY2021');
    expect(fiscalYearLabel(2021)).toBe('令和3年度（FY2021）');
    expect(japaneseFiscalYear(2018)).toBe('平成30年度');
    // Reiwa began on 2019-05-01: the fiscal year that started in April 2019 is 令和元年度.
    expect(japaneseFiscalYear(2019)).toBe('令和元年度');
    expect(japaneseFiscalYear(2020)).toBe('令和2年度');
    expect(japaneseFiscalYear(2000)).toBe('平成12年度');
  });

  it('reads what people type for a year', () => {
    expect(parseFiscalYear('令和3年度')).toBe(2021);
    expect(parseFiscalYear('令和３年度')).toBe(2021);
    expect(parseFiscalYear('R3')).toBe(2021);
    expect(parseFiscalYear('r3年度')).toBe(2021);
    expect(parseFiscalYear('令和元年度')).toBe(2019);
    expect(parseFiscalYear('平成31年度')).toBe(2019);
    expect(parseFiscalYear('H30')).toBe(2018);
    expect(parseFiscalYear('FY2021')).toBe(2021);
    expect(parseFiscalYear('fy2021')).toBe(2021);
    expect(parseFiscalYear(' 2021 ')).toBe(2021);
    expect(parseFiscalYear('２０２１年度')).toBe(2021);
    for (const bad of ['', '令和', '令和0年度', '昭和60年度', '1999', '2101', 'FY21', '2021-04', 'abc']) {
      expect(parseFiscalYear(bad), bad).toBeNull();
    }
  });

  it('validates a fiscal year in a query', () => {
    expect(FiscalYear.parse('2021')).toBe(2021);
    expect(FiscalYear.safeParse('1999').success).toBe(false);
    expect(FiscalYear.safeParse('2021.5').success).toBe(false);
    expect(FiscalYear.safeParse('令和3').success).toBe(false);
  });

  it('gives the Monday a week starts on', () => {
    expect(weekStartOf('2021-04-01')).toBe('2021-03-29');
    expect(weekStartOf('2021-11-15')).toBe('2021-11-15');
    expect(weekStartOf('2021-11-21')).toBe('2021-11-15');
    expect(weekStartOf('2022-03-31')).toBe('2022-03-28');
  });
});
