import { HttpProblem } from './problem.ts';

/** Opaque keyset cursors: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => ['string', 'number'].includes(typeof v))
    ) {
      return values;
    }
  } catch {}
  throw new HttpProblem(400, 'validation_failed', 'The cursor is not valid', [
    { path: 'querystring.cursor', message: 'not a cursor from a previous page' },
  ]);
}

/** Given `limit + 1` rows, the page and the cursor of its last row. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-5])(:?[0-5]\d)?|Z)$/;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cursor over (timestamp, id) for newest-first lists. The timestamp travels as PostgreSQL's own
 * text (select `col::text`), because a JS Date keeps milliseconds and would skip rows that differ
 * only in microseconds.
 */
export function decodeTimeCursor(cursor: string | undefined): [string, string] | null {
  const values = decodeCursor(cursor, 2);
  if (!values) return null;
  const [at, id] = values;
  const m = typeof at === 'string' ? TIMESTAMP_TEXT.exec(at) : null;
  if (m && typeof at === 'string' && typeof id === 'string' && UUID_TEXT.test(id)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    // Only a real calendar date: PostgreSQL would answer 2021-02-30 with an error, not an empty page.
    if (y >= 1 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) return [at, id];
  }
  throw new HttpProblem(400, 'validation_failed', 'The cursor is not valid', [
    { path: 'querystring.cursor', message: 'not a cursor from a previous page' },
  ]);
}
