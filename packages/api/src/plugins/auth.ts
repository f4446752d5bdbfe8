import type { Role } from '@tsunagari/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Access, anonymous, type Principal } from '../auth/principal.ts';
import { principalFromApiKey, principalFromSession } from '../auth/repository.ts';
import { HttpProblem } from '../lib/problem.ts';
import { safeEqual } from '../lib/tokens.ts';

export const SESSION_COOKIE = 'tsunagari_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; required on every /api/v1 route. */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

/** True when the principal's role is one the access rule lists. */
export function allows(access: Access, principal: Principal): boolean {
  if (access === 'public') return true;
  if (principal.kind === 'anonymous' || !principal.role) return false;
  if (access === 'authenticated') return true;
  return access.includes(principal.role as Role);
}

async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !value) {
      throw new HttpProblem(401, 'unauthenticated', 'Use Authorization: Bearer <API key>');
    }
    const principal = await principalFromApiKey(app.db, value.trim());
    if (!principal) throw new HttpProblem(401, 'unauthenticated', 'The API key is not valid or has been revoked');
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token) return (await principalFromSession(app.db, token)) ?? anonymous;
  return anonymous;
}

/**
 * The one access mechanism: every /api/v1 route states `config.access`, this plugin
 * resolves the caller once, and refuses what the role table of DESIGN.md does not allow.
 */
export default fp(async function auth(app: FastifyInstance) {
  app.decorateRequest('principal', null as unknown as Principal);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    if (access !== 'public') {
      route.schema = { ...route.schema, security: [{ session: [] }, { apiKey: [] }] } as typeof route.schema;
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) {
      request.principal = anonymous;
      return;
    }
    request.principal = await resolvePrincipal(app, request);
    if (access === 'public') return;
    if (request.principal.kind === 'anonymous') {
      throw new HttpProblem(401, 'unauthenticated', 'Sign in or send an API key');
    }
    if (!allows(access, request.principal)) {
      throw new HttpProblem(403, 'forbidden', 'Your role may not do this');
    }
    if (request.principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.principal.csrfToken || !safeEqual(sent, request.principal.csrfToken)) {
        throw new HttpProblem(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header');
      }
    }
  });
});
