import { useMutation, useQuery } from '@tanstack/react-query';
import type { PublicSurvey, SubmitSurveyResponse } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { surveyKeys } from './keys.ts';

export const getPublicSurvey = (token: string, card: string | undefined, signal?: AbortSignal) =>
  api.get<PublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`, { query: { card }, signal });

export const usePublicSurvey = (token: string, card: string | undefined) =>
  useQuery({
    queryKey: surveyKeys.public(token, card),
    queryFn: ({ signal }) => getPublicSurvey(token, card, signal),
    // A 410/409/404 is an answer, not a hiccup: asking again would only say the same.
    retry: (count, error) => count < 2 && !(error as { status?: number }).status,
    refetchOnWindowFocus: false,
  });

export interface SubmitPublicInput {
  token: string;
  body: SubmitSurveyResponse;
}

export const submitPublicResponse = ({ token, body }: SubmitPublicInput) =>
  api.post<{ received: true }>(`/public/surveys/${encodeURIComponent(token)}/responses`, body);

export const useSubmitPublicResponse = () => useMutation({ mutationFn: submitPublicResponse });
