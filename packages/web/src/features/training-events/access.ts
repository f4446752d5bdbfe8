import type { Role } from '@tsunagari/shared';

/** Training events are staff work: the API answers 403 to partners and analysts; the screens say so first. */
export const canManageTraining = (role: Role) => role === 'admin' || role === 'staff';
