import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, notFound } from './problem.ts';

export const etagOf = (version: number) => `"v${version}"`;

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('ETag', etagOf(version));
}

/** The version the client read, from If-Match; 428 when it sent none. */
export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new HttpProblem(428, 'precondition_required', 'Send the ETag you read in If-Match');
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!match) throw new HttpProblem(412, 'precondition_failed', 'If-Match does not name a version of this resource');
  return Number(match[1]);
}

export const staleEtag = () =>
  new HttpProblem(412, 'precondition_failed', 'The resource has changed since you read it; reload and try again');

/** The row a write sent with If-Match starts from: 404 when there is none, 412 when it has moved on. */
export function atVersion<T extends { version: number }>(row: T | null | undefined, version: number, what: string): T {
  if (!row) throw notFound(what);
  if (row.version !== version) throw staleEtag();
  return row;
}

/** Why a write conditional on a version matched no row: the row is gone (404) or has moved on (412). */
export const goneOrStale = (row: unknown, what: string) => (row ? staleEtag() : notFound(what));

/** The headers of a 201: the new resource's ETag, and its Location (the collection's path as called, plus the id). */
export function setCreated(request: FastifyRequest, reply: FastifyReply, row: { id: string; version: number }) {
  setEtag(reply, row.version);
  reply.header('location', `${request.url.split('?')[0]?.replace(/\/$/, '')}/${row.id}`);
}
