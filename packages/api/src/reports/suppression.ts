/**
 * Small-cell suppression for count tables read by partners and analysts.
 *
 * Primary suppression: a count from 1 to threshold − 1 is not shown ({ suppressed, reason:
 * 'small' }, "<3" in CSV). Zero is shown: it singles no one out, and a table whose empty cells
 * are visible is what a reader needs to see where no one came.
 *
 * Complementary suppression: more counts are hidden ({ reason: 'complementary' }, "x" in CSV)
 * until no hidden count can be worked out exactly from what is shown. The reader is assumed to
 * know everything a careful attacker knows: that rows, columns and totals add up, that shown
 * counts (zeros included) are exact, that a "<3" is between 1 and threshold − 1, and that an "x"
 * is at least threshold (a smaller count would have been a "<3").
 *
 * How that is checked. Put the table and its totals into one (rows + 1) × (columns + 1) array
 * in which every line sums to zero: a cell is +count, a row or column total −count, the grand
 * total +count. A hidden entry is then an edge between its row line and its column line; two
 * tables agreeing on everything shown differ by a circulation on these edges, and a circulation
 * splits into cycles that each shift their edges by ±1 alternately (a conformal decomposition,
 * so each cycle alone stays within the bounds). A hidden entry therefore can take another value
 * if and only if some cycle through it can shift by one within every bound it passes: a directed
 * cycle in the graph whose arcs are the allowed ±1 moves. `isProtected` looks for one with a
 * breadth-first search. A one-dimensional list with a total is the same with a single line.
 *
 * While some hidden entry is unprotected, the smallest shown count on one of its lines that
 * protects it is hidden as well (any shown count on its lines, if none does at once), and the
 * check is repeated; hiding more never unprotects anything, so this ends. A table that cannot
 * be protected even with every non-zero count hidden (two consultations in total, say) is
 * withheld whole.
 *
 * What this does not cover: two different reports (another period, another grouping, the
 * window-demand report) can still be combined against each other. Thresholds protect a single
 * table; access to reports is itself limited to staff, partners (their own windows) and analysts.
 */
import type { ReportCount, Suppressed } from '@tsunagari/shared';

type State = 'shown' | 'small' | 'complementary';

interface Entry {
  value: number;
  /** Row line and column line of the entry (node ids). */
  a: number;
  b: number;
  /** True for totals of a row or column: the entry enters its lines with a minus sign. */
  negative: boolean;
  state: State;
}

const SMALL: Suppressed = { suppressed: true, reason: 'small' };
const COMPLEMENTARY: Suppressed = { suppressed: true, reason: 'complementary' };
const WITHHELD: Suppressed = { suppressed: true, reason: 'withheld' };

/**
 * Whether moving the entry's signed value by `delta` (+1 or −1) keeps it within the bounds a
 * reader knows for it in `state`: 1 … threshold − 1 for a small count, at least threshold for
 * one hidden to protect others.
 */
function canMove(value: number, negative: boolean, state: State, delta: 1 | -1, threshold: number): boolean {
  const next = value + (negative ? -delta : delta);
  return state === 'small' ? next >= 1 && next <= threshold - 1 : next >= threshold;
}

class Engine {
  /** Hidden entries meeting at each node (line). */
  private readonly hiddenAt: number[][];
  /** Every entry meeting at each node, for choosing what else to hide. */
  private readonly allAt: number[][];
  /** Hidden entries known to lie on a cycle that can move: protection is never lost. */
  private readonly safe: Uint8Array;
  // Buffers shared by every search: a node is seen in the current search when mark[node] === stamp.
  private readonly mark: Int32Array;
  private readonly via: Int32Array;
  private readonly prev: Int32Array;
  private readonly queue: Int32Array;
  private stamp = 0;

  constructor(
    readonly entries: Entry[],
    readonly nodes: number,
    readonly threshold: number,
  ) {
    this.hiddenAt = Array.from({ length: nodes }, () => []);
    this.allAt = Array.from({ length: nodes }, () => []);
    entries.forEach((e, i) => {
      this.allAt[e.a]?.push(i);
      this.allAt[e.b]?.push(i);
    });
    this.safe = new Uint8Array(entries.length);
    this.mark = new Int32Array(nodes);
    this.via = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.queue = new Int32Array(nodes);
  }

  private hide(index: number, state: 'small' | 'complementary') {
    const e = this.entries[index] as Entry;
    e.state = state;
    this.hiddenAt[e.a]?.push(index);
    this.hiddenAt[e.b]?.push(index);
  }

  /** Where entry `f`, in `state`, leads from `node` by an allowed move; null when it may not move that way. */
  private step(f: Entry, node: number, state: State = f.state): number | null {
    if (node === f.a && canMove(f.value, f.negative, state, 1, this.threshold)) return f.b;
    if (node === f.b && canMove(f.value, f.negative, state, -1, this.threshold)) return f.a;
    return null;
  }

  /**
   * Breadth-first search from `from` over hidden entries other than `without`, following allowed
   * moves (or, `reverse`, arriving along them); stops at `to` when given and says whether it got
   * there. The nodes seen are those with mark === stamp.
   */
  private search(from: number, without: number, reverse: boolean, to = -1): boolean {
    const stamp = ++this.stamp;
    const { mark, via, prev, queue } = this;
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    mark[from] = stamp;
    while (head < tail) {
      const node = queue[head++] as number;
      if (node === to) return true;
      for (const i of this.hiddenAt[node] as number[]) {
        if (i === without) continue;
        const f = this.entries[i] as Entry;
        const other = node === f.a ? f.b : f.a;
        const next = reverse ? (this.step(f, other) === node ? other : null) : this.step(f, node);
        if (next === null || mark[next] === stamp) continue;
        mark[next] = stamp;
        via[next] = i;
        prev[next] = node;
        queue[tail++] = next;
      }
    }
    return false;
  }

  /** Looks for a movable cycle through entry `index`; marks every entry on it safe. */
  private protect(index: number): boolean {
    if (this.safe[index]) return true;
    const e = this.entries[index] as Entry;
    const t = this.threshold;
    let ends: [number, number] | null = null;
    if (canMove(e.value, e.negative, e.state, 1, t) && this.search(e.b, index, false, e.a)) ends = [e.b, e.a];
    else if (canMove(e.value, e.negative, e.state, -1, t) && this.search(e.a, index, false, e.b)) ends = [e.a, e.b];
    if (!ends) return false;
    this.safe[index] = 1;
    for (let n = ends[1]; n !== ends[0]; n = this.prev[n] as number) this.safe[this.via[n] as number] = 1;
    return true;
  }

  /**
   * Hides one more entry to help entry `index`: the smallest shown count anywhere that closes a
   * movable cycle through it, else the smallest on its own lines (more may follow); false when
   * nothing is left to hide.
   */
  private complement(index: number): boolean {
    const e = this.entries[index] as Entry;
    const t = this.threshold;
    const visible = (i: number) =>
      i !== index && this.entries[i]?.state === 'shown' && (this.entries[i]?.value ?? 0) > 0;
    const smaller = (x: number, y: number) => (this.entries[x]?.value ?? 0) - (this.entries[y]?.value ?? 0) || x - y;
    let best = -1;
    for (const delta of [1, -1] as const) {
      if (!canMove(e.value, e.negative, e.state, delta, t)) continue;
      // Moving e by delta goes a→b (+1) or b→a (−1); the rest of the cycle must lead back.
      const [start, end] = delta === 1 ? [e.b, e.a] : [e.a, e.b];
      this.search(start, index, false);
      const from = this.mark.map((m) => (m === this.stamp ? 1 : 0));
      this.search(end, index, true);
      const to = this.mark.map((m) => (m === this.stamp ? 1 : 0));
      for (let i = 0; i < this.entries.length; i++) {
        if (!visible(i)) continue;
        const c = this.entries[i] as Entry;
        const closes =
          (from[c.a] && to[c.b] && this.step(c, c.a, 'complementary') === c.b) ||
          (from[c.b] && to[c.a] && this.step(c, c.b, 'complementary') === c.a);
        if (closes && (best < 0 || smaller(i, best) < 0)) best = i;
      }
    }
    if (best < 0) {
      const near = [...(this.allAt[e.a] ?? []), ...(this.allAt[e.b] ?? [])].filter(visible);
      const pool = near.length > 0 ? near : this.entries.map((_, i) => i).filter(visible);
      best = pool.sort(smaller)[0] ?? -1;
    }
    if (best < 0) return false;
    this.hide(best, 'complementary');
    this.protect(index);
    return true;
  }

  /** Runs primary and complementary suppression; returns false when the table must be withheld. */
  run(): boolean {
    this.entries.forEach((e, i) => {
      if (e.value >= 1 && e.value < this.threshold) this.hide(i, 'small');
    });
    for (;;) {
      const pending = this.entries.map((_, i) => i).filter((i) => this.entries[i]?.state !== 'shown' && !this.safe[i]);
      if (pending.length === 0) return true;
      for (const i of pending) {
        if (this.protect(i)) continue;
        if (!this.complement(i)) return false;
      }
    }
  }

  output(index: number): ReportCount {
    const e = this.entries[index] as Entry;
    return e.state === 'small' ? SMALL : e.state === 'complementary' ? COMPLEMENTARY : e.value;
  }
}

/** Counts with their totals, as SQL computed them (GROUPING SETS): the totals are not re-added here. */
export interface CountTable {
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

export interface SuppressedTable {
  cells: ReportCount[][];
  rowTotals: ReportCount[];
  columnTotals: ReportCount[];
  total: ReportCount;
  withheld: boolean;
}

/** A two-dimensional table (rows × columns of counts) with its row, column and grand totals. */
export function suppressTable(table: CountTable, threshold: number): SuppressedTable {
  const { cells, rowTotals, columnTotals, total } = table;
  const m = cells.length;
  const n = columnTotals.length;
  const rowNode = (i: number) => i; // rows 0..m-1, the totals row m
  const colNode = (j: number) => m + 1 + j; // columns, the totals column m+1+n
  const entries: Entry[] = [];
  cells.forEach((row, i) => {
    for (let j = 0; j < n; j++) {
      entries.push({ value: row[j] ?? 0, a: rowNode(i), b: colNode(j), negative: false, state: 'shown' });
    }
  });
  rowTotals.forEach((value, i) => {
    entries.push({ value, a: rowNode(i), b: colNode(n), negative: true, state: 'shown' });
  });
  columnTotals.forEach((value, j) => {
    entries.push({ value, a: rowNode(m), b: colNode(j), negative: true, state: 'shown' });
  });
  entries.push({ value: total, a: rowNode(m), b: colNode(n), negative: false, state: 'shown' });

  const engine = new Engine(entries, m + n + 2, threshold);
  if (!engine.run()) {
    return {
      cells: cells.map(() => columnTotals.map(() => WITHHELD)),
      rowTotals: rowTotals.map(() => WITHHELD),
      columnTotals: columnTotals.map(() => WITHHELD),
      total: WITHHELD,
      withheld: true,
    };
  }
  return {
    cells: cells.map((_, i) => columnTotals.map((_, j) => engine.output(i * n + j))),
    rowTotals: rowTotals.map((_, i) => engine.output(m * n + i)),
    columnTotals: columnTotals.map((_, j) => engine.output(m * n + m + j)),
    total: engine.output(m * n + m + n),
    withheld: false,
  };
}

export interface SuppressedList {
  values: ReportCount[];
  total: ReportCount;
  withheld: boolean;
}

/** A list of counts shown with their total (one dimension). */
export function suppressList(values: number[], total: number, threshold: number): SuppressedList {
  // One line: every entry joins the same two nodes, the counts with +, the total with −.
  const entries: Entry[] = values.map((value) => ({ value, a: 0, b: 1, negative: false, state: 'shown' }));
  entries.push({ value: total, a: 0, b: 1, negative: true, state: 'shown' });
  const engine = new Engine(entries, 2, threshold);
  if (!engine.run()) return { values: values.map(() => WITHHELD), total: WITHHELD, withheld: true };
  return { values: values.map((_, i) => engine.output(i)), total: engine.output(values.length), withheld: false };
}

/** Exact counts, for staff and admins: the same shape with nothing hidden. */
export function exactTable(table: CountTable): SuppressedTable {
  return { ...table, withheld: false };
}
