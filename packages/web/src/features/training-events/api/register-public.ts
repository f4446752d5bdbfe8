import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePublicTrainingRegistration, PublicTrainingRegistrationResult } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { publicTrainingKeys } from './keys.ts';

export interface RegisterPublicInput {
  token: string;
  body: CreatePublicTrainingRegistration;
}

export const registerPublic = ({ token, body }: RegisterPublicInput) =>
  api.post<PublicTrainingRegistrationResult>(`/public/training-registrations/${encodeURIComponent(token)}`, body);

export function useRegisterPublic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerPublic,
    onSuccess: ({ ticketToken, ...ticket }, { token }) => {
      // The answer is the ticket: the ticket page shows it without asking again.
      queryClient.setQueryData(publicTrainingKeys.ticket(ticketToken), ticket);
      return queryClient.invalidateQueries({ queryKey: publicTrainingKeys.event(token) });
    },
  });
}
