import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrainingCheckIn, TrainingRegistration } from '@tsunagari/shared';
import { api } from '../../../lib/api-client.ts';
import { registrationPath, trainingKeys } from './keys.ts';

/** The day's marks on one registration; every one of them is idempotent in the API. */
export type AttendanceAction = 'checkIn' | 'undoCheckIn' | 'noShow' | 'undoNoShow';

export interface AttendanceInput {
  registration: Pick<TrainingRegistration, 'eventId' | 'id'>;
  action: AttendanceAction;
  /** Check in someone on the waitlist beyond the capacity (confirms them). */
  overrideCapacity?: boolean;
}

export async function updateAttendance({
  registration,
  action,
  overrideCapacity,
}: AttendanceInput): Promise<TrainingRegistration | TrainingCheckIn> {
  const path = registrationPath(registration.eventId, registration.id);
  switch (action) {
    case 'checkIn':
      return api.post<TrainingCheckIn>(`${path}/check-in`, overrideCapacity ? { overrideCapacity } : {});
    case 'undoCheckIn':
      return (await api.request<TrainingRegistration>('DELETE', `${path}/check-in`)).data;
    case 'noShow':
      return api.post<TrainingRegistration>(`${path}/no-show`);
    case 'undoNoShow':
      return (await api.request<TrainingRegistration>('DELETE', `${path}/no-show`)).data;
  }
}

export function useUpdateAttendance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAttendance,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}
