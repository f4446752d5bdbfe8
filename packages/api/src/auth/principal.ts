import type { Role } from '@tsunagari/shared';

/** Who is calling: a signed-in user, an API key, or nobody. */
export interface Principal {
  kind: 'user' | 'api_key' | 'anonymous';
  id: string | null;
  label: string | null;
  role: Role | null;
  organisationId: string | null;
  organisationName: string | null;
  email: string | null;
  sessionId: string | null;
  csrfToken: string | null;
}

export const anonymous: Principal = {
  kind: 'anonymous',
  id: null,
  label: null,
  role: null,
  organisationId: null,
  organisationName: null,
  email: null,
  sessionId: null,
  csrfToken: null,
};

/**
 * Who may call a route. Every route under /api/v1 declares one; the auth plugin refuses to
 * start a route without it, so access is never forgotten and never re-implemented in handlers.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export const ROLES_ALL: readonly Role[] = ['admin', 'staff', 'partner', 'analyst'];
export const ROLES_STAFF: readonly Role[] = ['admin', 'staff'];
export const ROLES_ADMIN: readonly Role[] = ['admin'];
