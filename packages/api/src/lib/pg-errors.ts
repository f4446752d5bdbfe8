import { HttpProblem } from './problem.ts';

/** The SQLSTATE of a database error, looking through drizzle's wrapping. */
export function pgErrorCode(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/**
 * A `.catch` for a write: a database error with one of these SQLSTATEs becomes the problem made
 * for it (the constraint said what the client did wrong); any other error passes on unchanged.
 */
export function onViolation(
  problems: Partial<Record<typeof UNIQUE_VIOLATION | typeof FOREIGN_KEY_VIOLATION, () => HttpProblem>>,
) {
  return (error: unknown): never => {
    const code = pgErrorCode(error);
    throw (code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION ? problems[code]?.() : undefined) ?? error;
  };
}

/** 422 for an organisationId that names no organisation (its foreign key refused the write). */
export const unknownOrganisation = () =>
  new HttpProblem(422, 'unknown_organisation', 'The operating organisation does not exist', [
    { path: 'body.organisationId', message: 'no organisation with this id' },
  ]);

/** 409 for a name the unique index already holds. */
export const nameTaken = (detail: string) => () =>
  new HttpProblem(409, 'conflict', detail, [{ path: 'body.name', message: 'already taken' }]);
