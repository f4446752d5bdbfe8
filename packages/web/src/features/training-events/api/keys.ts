import type { AttendanceMode, RegistrationStatus, TrainingEventStatus } from '@tsunagari/shared';

export interface TrainingEventListFilters {
  status?: TrainingEventStatus | undefined;
  fiscalYear?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export interface RegistrationFilters {
  q?: string | undefined;
  status?: RegistrationStatus | undefined;
  mode?: AttendanceMode | undefined;
  checkedIn?: boolean | undefined;
}

/**
 * Hierarchical query keys: invalidating `all` refreshes every list, calendar, event, its
 * registrations and its attendance, which is what any write may change (a cancellation
 * promotes someone, a check-in moves the counts).
 */
export const trainingKeys = {
  all: ['training-events'] as const,
  lists: () => [...trainingKeys.all, 'list'] as const,
  list: (filters: TrainingEventListFilters) => [...trainingKeys.lists(), filters] as const,
  month: (from: string, to: string) => [...trainingKeys.lists(), 'month', { from, to }] as const,
  details: () => [...trainingKeys.all, 'detail'] as const,
  detail: (id: string) => [...trainingKeys.details(), id] as const,
  registrations: (id: string, filters: RegistrationFilters & { limit?: number }) =>
    [...trainingKeys.detail(id), 'registrations', filters] as const,
  attendance: (id: string) => [...trainingKeys.detail(id), 'attendance'] as const,
};

/** The invitee's side: no session, its own top key, so signing out does not touch it. */
export const publicTrainingKeys = {
  all: ['public-training'] as const,
  event: (token: string) => [...publicTrainingKeys.all, 'event', token] as const,
  ticket: (token: string) => [...publicTrainingKeys.all, 'ticket', token] as const,
};

export const eventPath = (id: string) => `/training-events/${encodeURIComponent(id)}`;
export const registrationPath = (id: string, rid: string) =>
  `${eventPath(id)}/registrations/${encodeURIComponent(rid)}`;
