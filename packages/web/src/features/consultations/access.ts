import type { Role } from '@tsunagari/shared';

/** Who may record consultations and read the records (analysts read the reports only). */
export const canReadConsultations = (role: Role) => role !== 'analyst';
export const canRecordConsultations = canReadConsultations;

/** Who may change or delete a recorded consultation (the API enforces it; the screens only stop offering it). */
export const canEditConsultations = (role: Role) => role === 'admin' || role === 'staff';
