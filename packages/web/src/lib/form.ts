import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import type { FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';
import { formErrorMap } from './validation.ts';

/**
 * A form resolver that runs the shared schema (the one the API validates with) on the request
 * body the form values make, so the form refuses exactly what the API would.
 */
export function payloadResolver<V extends FieldValues, P>(
  schema: z.ZodType,
  toPayload: (values: V) => unknown,
): Resolver<V, unknown, P> {
  const inner = zodResolver(schema as z.ZodType<FieldValues, FieldValues>, { error: formErrorMap });
  return (values, context, options) =>
    inner(toPayload(values) as never, context, options as never) as unknown as ReturnType<Resolver<V, unknown, P>>;
}

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

/** A problem the API names by its code, shown at a field in the app's words (an i18n key). */
export type CodedProblems<V extends FieldValues> = Record<string, { field: Path<V>; message: string }>;

/**
 * Sends a form and keeps what it shows when the API refuses: a problem named by its code in
 * `byCode` goes to its field; the problems a 400/409/422 names on the form's `fields` are set on
 * them (the first is focused) and the ones no field shows are `unplaced`; any other error is the
 * `failure`.
 */
export function useSubmitFailure<V extends FieldValues>(
  setError: UseFormSetError<V>,
  fields: readonly string[],
  byCode: CodedProblems<V> = {},
) {
  const [failure, setFailure] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  const show = (error: unknown) => {
    const coded = error instanceof ApiError ? byCode[error.code] : undefined;
    if (coded) {
      setError(coded.field, { type: 'server', message: coded.message }, { shouldFocus: true });
      return;
    }
    const problems = fieldProblems(error, fields);
    if (!problems) {
      setFailure(error);
      return;
    }
    for (const [i, { field, message }] of problems.placed.entries()) {
      setError(field as Path<V>, { type: 'server', message }, { shouldFocus: i === 0 });
    }
    setUnplaced(problems.unplaced);
  };

  return {
    failure,
    unplaced,
    /** Runs `send`, first clearing what the last submit left. */
    run: async (send: () => Promise<void>) => {
      setFailure(null);
      setUnplaced([]);
      try {
        await send();
      } catch (error) {
        show(error);
      }
    },
  };
}
