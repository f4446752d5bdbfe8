/**
 * Reports as CSV that Excel opens correctly: UTF-8 with a byte-order mark (without it Excel
 * reads Japanese as Shift_JIS and shows mojibake), Japanese headers, CRLF line ends.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSV_TYPE = 'text/csv; charset=utf-8';

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([header as string[], ...(rows as (string | number)[][])], {
    bom: true,
    record_delimiter: 'windows',
  });
}

/** `?format=csv` wins; without a format, an Accept header naming text/csv (before JSON) asks for CSV. */
export function wantsCsv(request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  const csv = accept.search(/\btext\/csv\b/);
  const json = accept.search(/\bapplication\/(?:[\w.+-]*\+)?json\b/);
  return csv >= 0 && (json < 0 || csv < json);
}

export function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type(CSV_TYPE)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((body: unknown) => body as string)
    .send(csv);
}
