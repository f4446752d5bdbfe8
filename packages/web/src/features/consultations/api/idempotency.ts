import { ApiError } from '../../../lib/api-client.ts';

/**
 * One key per press of "save", reused for that press's retries, so the API records the
 * consultation once even when the first answer was lost. `crypto.randomUUID` exists only in
 * secure contexts; a counter PC on the city's intranet may open the app over plain http.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Retry only a write that may not have arrived (no answer, or a server error). */
export const retryLostWrite = (failures: number, error: unknown) =>
  failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500);

export const retryDelay = (attempt: number) => Math.min(500 * 2 ** attempt, 3000);
