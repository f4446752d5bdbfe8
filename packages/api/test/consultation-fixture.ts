import type { ScheduleInterval, Topic } from '@tsunagari/shared';
import { count, eq } from 'drizzle-orm';
import { auditLog, consultations, consultationWindows } from '../src/db/schema/index.ts';
import type { Fixture } from './helper.ts';

const weekdays = (opens: string, closes: string): ScheduleInterval[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));

/** Inserts a window straight into the database (the windows API is another feature's). */
export async function insertWindow(
  f: Fixture,
  opts: {
    name: string;
    organisationId: string;
    schedule?: ScheduleInterval[];
    validFrom?: string;
    validTo?: string | null;
    closureDates?: string[];
    topics?: Topic[];
  },
): Promise<string> {
  const [row] = await f.database.db
    .insert(consultationWindows)
    .values({
      name: opts.name,
      topics: opts.topics ?? ['women_general'],
      organisationId: opts.organisationId,
      place: 'テスト会館',
      channels: ['in_person', 'phone'],
      validFrom: opts.validFrom ?? '2021-04-01',
      validTo: opts.validTo ?? null,
      closureDates: opts.closureDates ?? [],
      schedule: opts.schedule ?? weekdays('09:00', '17:00'),
    })
    .returning({ id: consultationWindows.id });
  if (!row) throw new Error('window not inserted');
  return row.id;
}

/** The three windows most tests need: the city's, the partner's and the other partner's. */
export async function standardWindows(f: Fixture) {
  return {
    city: await insertWindow(f, { name: 'テスト女性相談室', organisationId: f.orgs.city }),
    partner: await insertWindow(f, { name: 'テスト社協 相談窓口', organisationId: f.orgs.partner }),
    other: await insertWindow(f, { name: 'テスト商店 相談コーナー', organisationId: f.orgs.otherPartner }),
    saturday: await insertWindow(f, {
      name: 'テスト土曜女性専用相談',
      organisationId: f.orgs.city,
      validFrom: '2021-11-13',
      validTo: '2022-02-26',
      closureDates: ['2022-01-01'],
      schedule: [{ weekday: 6, opens: '10:00', closes: '15:00' }],
    }),
  };
}

export async function consultationCount(f: Fixture): Promise<number> {
  const [row] = await f.database.db.select({ n: count() }).from(consultations);
  return Number(row?.n ?? 0);
}

export async function auditEntries(f: Fixture, action: string) {
  return f.database.db.select().from(auditLog).where(eq(auditLog.action, action));
}

export const valid = (windowId: string, overrides: Record<string, unknown> = {}) => ({
  windowId,
  occurredAt: '2021-11-19T10:30:00+09:00',
  channel: 'in_person',
  topics: ['women_general'],
  ...overrides,
});

type Shown = number | { suppressed: true; reason: string };

/**
 * An attacker's view, by brute force and independent of the suppression code: every table of
 * non-negative counts that agrees with what is shown (shown counts exact, "<t" between 1 and
 * t − 1, "x" at least t; hidden cells tried up to `cap`) is enumerated, and each hidden entry
 * that takes a single value across all of them is returned: it could be worked out.
 */
export function recoverableEntries(
  table: { cells: Shown[][]; rowTotals?: Shown[]; columnTotals?: Shown[]; total: Shown },
  threshold: number,
  cap = 12,
): string[] {
  // A withheld table shows nothing, not even its total: there is nothing to work from.
  if (typeof table.total !== 'number' && table.total.reason === 'withheld') return [];
  const rows = table.cells.length;
  const cols = table.cells[0]?.length ?? 0;
  const range = (s: Shown, hi: number): [number, number] =>
    typeof s === 'number'
      ? [s, s]
      : s.reason === 'small'
        ? [1, threshold - 1]
        : [s.reason === 'withheld' ? 0 : threshold, hi];
  const key = (i: number, j: number) => i * cols + j;
  const lines: { name: string; shown: Shown; cells: number[] }[] = [];
  const all: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) all.push(key(i, j));
  table.rowTotals?.forEach((shown, i) => {
    lines.push({ name: `row ${i}`, shown, cells: all.filter((k) => Math.floor(k / cols) === i) });
  });
  table.columnTotals?.forEach((shown, j) => {
    lines.push({ name: `column ${j}`, shown, cells: all.filter((k) => k % cols === j) });
  });
  lines.push({ name: 'total', shown: table.total, cells: all });

  const shownCell = (k: number) => table.cells[Math.floor(k / cols)]?.[k % cols] as Shown;
  const hidden = all.filter((k) => typeof shownCell(k) !== 'number');
  const order = new Map(hidden.map((k, n) => [k, n]));
  const value = all.map((k) => {
    const s = shownCell(k);
    return typeof s === 'number' ? s : 0;
  });
  // The lines each hidden cell completes: once it is set, their sums are known.
  const closing = hidden.map((k, n) =>
    lines.filter((l) => l.cells.includes(k) && l.cells.every((c) => (order.get(c) ?? -1) <= n)),
  );
  const lineSum = (l: { cells: number[] }) => l.cells.reduce((s, c) => s + (value[c] ?? 0), 0);
  const seen = new Map<string, Set<number>>();
  const note = (name: string, v: number) => {
    if (!seen.has(name)) seen.set(name, new Set());
    seen.get(name)?.add(v);
  };

  const visit = (n: number) => {
    if (n === hidden.length) {
      for (const k of hidden) note(`cell ${Math.floor(k / cols)},${k % cols}`, value[k] ?? 0);
      for (const line of lines) if (typeof line.shown !== 'number') note(line.name, lineSum(line));
      return;
    }
    const k = hidden[n] as number;
    const [lo, hi] = range(shownCell(k), cap);
    const exact = closing[n]?.find((l) => typeof l.shown === 'number');
    let candidates: number[];
    if (exact) {
      value[k] = 0;
      candidates = [(exact.shown as number) - lineSum(exact)];
    } else {
      candidates = [];
      for (let v = lo; v <= hi; v++) candidates.push(v);
    }
    for (const v of candidates) {
      if (v < lo || v > hi) continue;
      value[k] = v;
      const ok = (closing[n] ?? []).every((l) => {
        const [a, b] = range(l.shown, Number.POSITIVE_INFINITY);
        const sum = lineSum(l);
        return sum >= a && sum <= b;
      });
      if (ok) visit(n + 1);
    }
    value[k] = 0;
  };
  // Lines without any hidden cell must match as they are.
  const fixed = lines.filter((l) => l.cells.every((c) => !order.has(c)));
  if (
    fixed.every((l) => {
      const [a, b] = range(l.shown, Number.POSITIVE_INFINITY);
      const sum = lineSum(l);
      return sum >= a && sum <= b;
    })
  ) {
    visit(0);
  }
  const names = [
    ...hidden.map((k) => `cell ${Math.floor(k / cols)},${k % cols}`),
    ...lines.filter((l) => typeof l.shown !== 'number').map((l) => l.name),
  ];
  return names.filter((name) => (seen.get(name)?.size ?? 0) < 2);
}
