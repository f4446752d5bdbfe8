import type { ErrorCode } from '@tsunagari/shared';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return titles[status] ?? 'Error';
}

/** Thrown anywhere below a route; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export const notFound = (what = 'resource') => new HttpProblem(404, 'not_found', `No such ${what}`);
export const forbidden = (detail = 'Your role may not do this') => new HttpProblem(403, 'forbidden', detail);
