import { describe, expect, it } from 'vitest';
import { holidayName, isOpenAt, nextOpening, type Openable, openingDays, tokyoParts } from '../src/index.ts';

const saturdayWindow: Openable = {
  validFrom: '2021-11-13',
  validTo: '2022-02-26',
  closureDates: ['2022-01-01'],
  opensOnHolidays: false,
  schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
};

const weekdayWindow: Openable = {
  validFrom: '2021-04-01',
  validTo: null,
  closureDates: [],
  opensOnHolidays: false,
  schedule: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:30' })),
};

describe('opening days', () => {
  it('the Otaru Saturday window opens on exactly 15 days, 75 hours', () => {
    const days = openingDays(saturdayWindow, '2021-11-13', '2022-02-26');
    expect(days).toHaveLength(15);
    expect(days.map((d) => d.date)).not.toContain('2022-01-01');
    expect(days.every((d) => d.weekday === 6)).toBe(true);
    expect(days.reduce((s, d) => s + d.openMinutes, 0)).toBe(75 * 60);
  });

  it('a weekday window is closed on a national holiday that falls on a weekday', () => {
    expect(holidayName('2021-11-23')).toBe('勤労感謝の日');
    const days = openingDays(weekdayWindow, '2021-11-22', '2021-11-26').map((d) => d.date);
    expect(days).toEqual(['2021-11-22', '2021-11-24', '2021-11-25', '2021-11-26']);
    expect(isOpenAt(weekdayWindow, new Date('2021-11-23T10:00:00+09:00'))).toBe(false);
    expect(isOpenAt({ ...weekdayWindow, opensOnHolidays: true }, new Date('2021-11-23T10:00:00+09:00'))).toBe(true);
  });
});

describe('open at an instant, in Asia/Tokyo', () => {
  it('reads weekday and hour in Tokyo, not UTC, near midnight', () => {
    // 2021-11-12 23:30 UTC is Saturday 2021-11-13 08:30 in Tokyo
    expect(tokyoParts(new Date('2021-11-12T23:30:00Z'))).toEqual({ date: '2021-11-13', weekday: 6, minutes: 510 });
    // Friday 23:30 in Tokyo is Friday 14:30 UTC
    expect(tokyoParts(new Date('2021-11-19T23:30:00+09:00')).weekday).toBe(5);
    expect(isOpenAt(saturdayWindow, new Date('2021-11-13T00:59:00Z'))).toBe(false); // 09:59 JST
    expect(isOpenAt(saturdayWindow, new Date('2021-11-13T01:00:00Z'))).toBe(true); // 10:00 JST
    expect(isOpenAt(saturdayWindow, new Date('2021-11-13T05:59:00Z'))).toBe(true); // 14:59 JST
    expect(isOpenAt(saturdayWindow, new Date('2021-11-13T06:00:00Z'))).toBe(false); // 15:00 JST
  });

  it('is closed outside its period and on closure dates', () => {
    expect(isOpenAt(saturdayWindow, new Date('2021-11-06T11:00:00+09:00'))).toBe(false);
    expect(isOpenAt(saturdayWindow, new Date('2022-01-01T11:00:00+09:00'))).toBe(false);
    expect(isOpenAt(saturdayWindow, new Date('2022-03-05T11:00:00+09:00'))).toBe(false);
  });

  it('finds the next opening, skipping the closure date', () => {
    const next = nextOpening(saturdayWindow, new Date('2021-12-25T16:00:00+09:00'));
    expect(next?.opens.toISOString()).toBe(new Date('2022-01-08T10:00:00+09:00').toISOString());
    expect(nextOpening(saturdayWindow, new Date('2022-02-26T15:00:00+09:00'))).toBeNull();
    const during = nextOpening(saturdayWindow, new Date('2021-11-13T12:00:00+09:00'));
    expect(during?.closes.toISOString()).toBe(new Date('2021-11-13T15:00:00+09:00').toISOString());
  });
});
