import type { Role } from '@tsunagari/shared';

/** Every part of the programme, in the order of the menu; `built: false` pages say so plainly. */
export const programmeParts = [
  { key: 'windows', path: '/windows', built: true },
  { key: 'consultations', path: '/consultations', built: true },
  // Quick entry at a counter: one click from every page.
  { key: 'consultationNew', path: '/consultations/new', built: true },
  { key: 'distribution', path: '/points', built: true },
  { key: 'counter', path: '/counter', built: true },
  { key: 'training', path: '/training', built: true },
  { key: 'surveys', path: '/surveys', built: true },
  { key: 'targets', path: '/targets', built: true },
  { key: 'reports', path: '/reports', built: true },
] as const;

export const adminParts = [
  { key: 'users', path: '/admin/users', built: true },
  { key: 'apiKeys', path: '/admin/api-keys', built: true },
  { key: 'auditLog', path: '/admin/audit-log', built: true },
] as const;

export type PartKey = (typeof programmeParts)[number]['key'] | (typeof adminParts)[number]['key'];
export type UnbuiltPartKey = Exclude<
  PartKey,
  'windows' | 'counter' | 'consultations' | 'consultationNew' | 'surveys' | 'targets' | 'reports'
>;

/** Where a signed-in user starts: the targets dashboard, or for partners (who do not read targets) the windows. */
export const homePath = (role: Role) => (role === 'partner' ? '/windows' : '/targets');

/** Who may change consultation windows (the API enforces it; the screens only stop offering it). */
export const canEditWindows = (role: Role) => role === 'admin' || role === 'staff';
