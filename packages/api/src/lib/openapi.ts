import { Problem } from '@tsunagari/shared';

/** Response schemas for the errors a route documents beyond the common ones. */
export function problems(...entries: [status: number, description: string][]) {
  return Object.fromEntries(entries.map(([status, d]) => [status, Problem.describe(d)]));
}
