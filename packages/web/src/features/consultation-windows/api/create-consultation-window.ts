import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConsultationWindow, CreateConsultationWindow } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { windowKeys } from './keys.ts';

export const createConsultationWindow = (body: CreateConsultationWindow) =>
  api.post<ConsultationWindow>('/consultation-windows', body);

export function useCreateConsultationWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConsultationWindow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: windowKeys.all }),
  });
}
