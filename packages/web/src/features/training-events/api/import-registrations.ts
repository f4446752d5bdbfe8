import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, Problem, TrainingImportResult } from '@tsunagari/shared';
import { ApiError } from '../../../lib/api-client.ts';
import { queryClient as appQueryClient, sessionQueryKey } from '../../../lib/query-client.ts';
import { eventPath, trainingKeys } from './keys.ts';

export interface ImportRegistrationsInput {
  eventId: string;
  file: Blob;
  dryRun: boolean;
}

/**
 * The file goes as it is (the API reads Shift_JIS and UTF-8 itself), so this is the one request
 * that is not JSON and cannot use the shared client; it sends the same CSRF token, which the
 * session query holds, and fails with the same ApiError.
 */
export async function importRegistrations({ eventId, file, dryRun }: ImportRegistrationsInput) {
  const csrf = appQueryClient.getQueryData<Me | null>(sessionQueryKey)?.csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${eventPath(eventId)}/registrations/import?dryRun=${dryRun}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'text/csv',
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body?.code === 'string') problem = body as Problem;
    } catch {}
    throw new ApiError(response.status, problem, response.headers);
  }
  return (await response.json()) as TrainingImportResult;
}

export function useImportRegistrations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importRegistrations,
    onSuccess: (result) => {
      if (!result.dryRun) return queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}
