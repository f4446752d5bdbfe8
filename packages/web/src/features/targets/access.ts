import type { Role } from '@tsunagari/shared';

/** Who reads targets and their reports (the API enforces it; the screens only stop offering it). */
export const canReadTargets = (role: Role) => role === 'admin' || role === 'staff' || role === 'analyst';
/** Who defines targets, enters hand-kept values and writes 今後の課題. */
export const canEditTargets = (role: Role) => role === 'admin' || role === 'staff';
