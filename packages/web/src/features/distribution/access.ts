import type { Role } from '@tsunagari/shared';

/** Who may create and change points (the API enforces it; the screens only stop offering it). */
export const canEditPoints = (role: Role) => role === 'admin' || role === 'staff';

/** Who records hand-outs and stock movements: partners too, at the points their organisation runs. */
export const canRecordStock = (role: Role) => role === 'admin' || role === 'staff' || role === 'partner';
