import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/client.ts';
import { forbidden, HttpProblem, notFound } from '../lib/problem.ts';
import { getPoint, type PointRow } from './repository.ts';

// A partner without an organisation must see nothing, never everything.
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * DESIGN.md lets a partner record and read only at the points its organisation operates. Null
 * means "no scope" (staff and admin; the route's access rule has already refused other roles).
 */
export function partnerScope(request: FastifyRequest): string | null {
  const p = request.principal;
  if (p.role !== 'partner') return null;
  return p.organisationId ?? NOBODY;
}

/** A point the caller may read, or 404: another organisation's point is not acknowledged to exist. */
export async function readablePoint(db: DbOrTx, request: FastifyRequest, id: string): Promise<PointRow> {
  const row = await getPoint(db, id);
  const scope = partnerScope(request);
  if (!row || (scope && row.organisationId !== scope)) throw notFound('distribution point');
  return row;
}

/**
 * A point named in a request body that the caller may record at: 422 when it does not exist,
 * 403 when a partner names another organisation's point.
 */
export async function writablePoint(db: DbOrTx, request: FastifyRequest, id: string, field: string) {
  const row = await getPoint(db, id);
  if (!row) {
    throw new HttpProblem(422, 'unknown_point', 'The distribution point does not exist', [
      { path: `body.${field}`, message: 'no distribution point with this id' },
    ]);
  }
  const scope = partnerScope(request);
  if (scope && row.organisationId !== scope) {
    throw forbidden('Your organisation does not operate this distribution point');
  }
  return row;
}
