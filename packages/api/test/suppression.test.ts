import type { ReportCount } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { type CountTable, suppressList, suppressTable } from '../src/reports/suppression.ts';
import { recoverableEntries } from './consultation-fixture.ts';

const SMALL = { suppressed: true, reason: 'small' };
const COMP = { suppressed: true, reason: 'complementary' };

function withTotals(cells: number[][]): CountTable {
  const rowTotals = cells.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = (cells[0] ?? []).map((_, j) => cells.reduce((s, r) => s + (r[j] ?? 0), 0));
  return { cells, rowTotals, columnTotals, total: rowTotals.reduce((s, v) => s + v, 0) };
}

const hidden = (c: ReportCount) => typeof c !== 'number';

/** mulberry32, so the random tables are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('suppression: a two-dimensional table', () => {
  it('hides more than the small cell when the row total would give it away', () => {
    // Shown alone, the 1 is 13 − 5 − 7 and 5 − 4: recoverable from either total.
    const table = withTotals([
      [1, 5, 7],
      [4, 6, 8],
    ]);
    const shown = suppressTable(table, 3);
    expect(shown.cells[0]?.[0]).toEqual(SMALL);
    const hiddenCount =
      shown.cells.flat().filter(hidden).length +
      shown.rowTotals.filter(hidden).length +
      shown.columnTotals.filter(hidden).length +
      (hidden(shown.total) ? 1 : 0);
    expect(hiddenCount).toBeGreaterThanOrEqual(4);
    // The naive rule holds: no line (cells and its total) has exactly one hidden entry.
    const lines = [
      ...shown.cells.map((row, i) => [...row, shown.rowTotals[i] as ReportCount]),
      ...shown.columnTotals.map((c, j) => [...shown.cells.map((row) => row[j] as ReportCount), c]),
      [...shown.rowTotals, shown.total],
      [...shown.columnTotals, shown.total],
    ];
    for (const line of lines) expect(line.filter(hidden).length).not.toBe(1);
    // And the attacker's search finds every hidden entry can take two values.
    expect(recoverableEntries(shown, 3, 20)).toEqual([]);
    expect(shown.withheld).toBe(false);
  });

  it('shows zero as 0 and large counts exactly', () => {
    const shown = suppressTable(
      withTotals([
        [0, 10, 12],
        [7, 0, 9],
      ]),
      3,
    );
    expect(shown).toEqual({
      cells: [
        [0, 10, 12],
        [7, 0, 9],
      ],
      rowTotals: [22, 16],
      columnTotals: [7, 10, 21],
      total: 38,
      withheld: false,
    });
  });

  it('hides small totals too, and protects them', () => {
    const shown = suppressTable(
      withTotals([
        [1, 0, 0],
        [0, 6, 9],
        [5, 4, 0],
      ]),
      3,
    );
    expect(shown.cells[0]?.[0]).toEqual(SMALL);
    expect(shown.rowTotals[0]).toEqual(SMALL);
    expect(recoverableEntries(shown, 3, 20)).toEqual([]);
  });

  it('withholds a table too small to protect: two consultations, one in each of two cells', () => {
    const shown = suppressTable(withTotals([[1, 1]]), 3);
    expect(shown.withheld).toBe(true);
    expect(shown.cells[0]).toEqual([
      { suppressed: true, reason: 'withheld' },
      { suppressed: true, reason: 'withheld' },
    ]);
    expect(shown.total).toEqual({ suppressed: true, reason: 'withheld' });
  });

  it('takes the threshold as given', () => {
    const table = withTotals([
      [4, 10],
      [12, 20],
    ]);
    expect(suppressTable(table, 3).cells[0]?.[0]).toBe(4);
    const five = suppressTable(table, 5);
    expect(five.cells[0]?.[0]).toEqual(SMALL);
    expect(recoverableEntries(five, 5, 25)).toEqual([]);
  });

  it('leaves no hidden count recoverable in 300 random tables', () => {
    const random = prng(7);
    let protectedTables = 0;
    for (let k = 0; k < 300; k++) {
      const rows = 2 + Math.floor(random() * 2);
      const cols = 2 + Math.floor(random() * 2);
      // Mostly small counts, some zeros: the tables suppression is for.
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => [0, 0, 1, 1, 2, 2, 3, 4, 5, 8][Math.floor(random() * 10)] as number),
      );
      const table = withTotals(cells);
      const shown = suppressTable(table, 3);
      if (shown.withheld) {
        // Nothing shown, not even the total: nothing to work out.
        expect([...shown.cells.flat(), shown.total].every(hidden)).toBe(true);
        continue;
      }
      protectedTables++;
      // A hidden cell moves by one at a time: trying up to its largest value plus two is enough.
      const cap = Math.max(...cells.flat(), 1) + 2;
      expect(recoverableEntries(shown, 3, cap), JSON.stringify(cells)).toEqual([]);
    }
    // Withholding is the exception, not the rule.
    expect(protectedTables).toBeGreaterThan(200);
  });
});

describe('suppression: a list with its total', () => {
  it('hides a second count so that the small one is not the total minus the rest', () => {
    const shown = suppressList([3, 3, 0, 0, 2, 1, 0], 9, 3);
    expect(shown.values).toEqual([3, 3, 0, 0, SMALL, SMALL, 0]);
    expect(shown.total).toBe(9);
    expect(recoverableEntries({ cells: shown.values.map((v) => [v]), total: shown.total }, 3)).toEqual([]);
  });

  it('adds a complementary count when only one is small', () => {
    const shown = suppressList([5, 1, 7], 13, 3);
    expect(shown.values[1]).toEqual(SMALL);
    expect([...shown.values, shown.total].filter((c) => typeof c !== 'number').length).toBeGreaterThanOrEqual(2);
    expect(shown.values.concat(shown.total)).toContainEqual(COMP);
    expect(recoverableEntries({ cells: shown.values.map((v) => [v]), total: shown.total }, 3, 20)).toEqual([]);
  });

  it('withholds a list of two single consultations', () => {
    expect(suppressList([1, 1, 0], 2, 3).withheld).toBe(true);
  });

  it('leaves no hidden count recoverable in 300 random lists', () => {
    const random = prng(11);
    for (let k = 0; k < 300; k++) {
      const values = Array.from(
        { length: 2 + Math.floor(random() * 5) },
        () => [0, 1, 2, 3, 4, 6][Math.floor(random() * 6)] as number,
      );
      const total = values.reduce((s, v) => s + v, 0);
      const shown = suppressList(values, total, 3);
      if (shown.withheld) continue;
      const cells = shown.values.map((v) => [v]);
      expect(
        recoverableEntries({ cells, total: shown.total }, 3, Math.max(...values) + 2),
        JSON.stringify(values),
      ).toEqual([]);
    }
  });
});
