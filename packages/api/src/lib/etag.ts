import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.ts';

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
