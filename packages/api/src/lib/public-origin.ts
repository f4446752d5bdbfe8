import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The origin of links the public opens (survey forms, training tickets): PUBLIC_BASE_URL when set
 * (behind a proxy that rewrites the host), else the host the request came to — the SPA and the
 * API share one origin, also behind Vite's dev proxy, which keeps the browser's Host header.
 */
export function publicOrigin(app: FastifyInstance, request: FastifyRequest): string {
  const base = app.config.PUBLIC_BASE_URL;
  if (base) return base.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
