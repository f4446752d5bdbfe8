import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Consultation, CreateConsultation } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { retryDelay, retryLostWrite } from './idempotency.ts';
import { invalidateConsultations } from './invalidate.ts';

export interface CreateConsultationInput {
  body: CreateConsultation;
  /** One per press of "save", the same for that press's retries: a consultation is recorded once. */
  idempotencyKey: string;
}

export const createConsultation = ({ body, idempotencyKey }: CreateConsultationInput) =>
  api.post<Consultation>('/consultations', body, { headers: { 'idempotency-key': idempotencyKey } });

export function useCreateConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createConsultation,
    retry: retryLostWrite,
    retryDelay,
    onSuccess: () => invalidateConsultations(queryClient),
  });
}
