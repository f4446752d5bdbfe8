import { ApiError } from '../../../lib/api-client.ts';

/** An error the API placed on a field ("body.venueCapacity" → "venueCapacity"). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The fields a 400 (validation) or a 409/422 with `errors` names, split into those the form
 * shows and the rest; null when the answer names no field.
 */
export function fieldProblems(
  error: unknown,
  fields: readonly string[],
): { placed: FieldProblem[]; unplaced: string[] } | null {
  if (!(error instanceof ApiError) || !error.problem?.errors?.length) return null;
  if (![400, 409, 422].includes(error.status)) return null;
  const placed: FieldProblem[] = [];
  const unplaced: string[] = [];
  for (const { path, message } of error.problem.errors) {
    const field = path.replace(/^body\.?/, '');
    const top = field.split('.')[0] ?? '';
    if (field && fields.includes(top)) placed.push({ field, message });
    else unplaced.push(message);
  }
  return { placed, unplaced };
}
