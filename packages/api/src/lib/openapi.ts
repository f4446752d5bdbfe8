import { Problem } from '@tsunagari/shared';

/** Response schemas for the errors a route documents beyond the common ones. */
export function problems(...entries: [status: number, description: string][]) {
  return Object.fromEntries(entries.map(([status, d]) => [status, Problem.describe(d)]));
}

/** What a write sent with If-Match may answer besides its own errors. */
export const IF_MATCH_PROBLEMS = problems([412, 'Stale ETag: reload and try again'], [428, 'If-Match missing']);
