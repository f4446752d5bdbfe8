import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import apiKeyRoutes from './api-keys/routes.ts';
import auditLogRoutes from './audit-log/routes.ts';
import authRoutes from './auth/routes.ts';
import consultationWindowRoutes from './consultation-windows/routes.ts';
import type { Database, Db } from './db/client.ts';
import type { Env } from './env.ts';
import healthRoutes from './health/routes.ts';
import { VERSION } from './lib/version.ts';
import organisationRoutes from './organisations/routes.ts';
import auditPlugin from './plugins/audit.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin, { sendProblem } from './plugins/errors.ts';
import swaggerPlugin from './plugins/swagger.ts';
import publicRoutes from './public/routes.ts';
import userRoutes from './users/routes.ts';

/** What the app needs of its configuration; tests pass it directly. */
export type AppConfig = Pick<
  Env,
  'SESSION_TTL_HOURS' | 'COOKIE_SECURE' | 'SIGNIN_RATE_LIMIT' | 'RATE_LIMIT' | 'TRUST_PROXY' | 'LOG_LEVEL'
>;

export const defaultConfig: AppConfig = {
  SESSION_TTL_HOURS: 12,
  COOKIE_SECURE: 'auto',
  SIGNIN_RATE_LIMIT: 10,
  RATE_LIMIT: 'on',
  TRUST_PROXY: 'false',
  LOG_LEVEL: 'silent',
};

export interface BuildOptions {
  database: Database;
  config?: Partial<AppConfig>;
  /** Folder of the built SPA; served with an index.html fallback when given. */
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: AppConfig;
  }
}

export type App = FastifyInstance;

/** Builds the whole API (and the SPA when `webDist` is given) as one Fastify instance; does not listen. */
export async function build(options: BuildOptions): Promise<FastifyInstance> {
  const config = { ...defaultConfig, ...options.config };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    trustProxy: config.TRUST_PROXY === 'true',
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.database.db);
  app.decorate('database', options.database);
  app.decorate('config', config);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The API reference at /docs configures itself with an inline script.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin);
  await app.register(auditPlugin);
  await app.register(swaggerPlugin, { version: VERSION });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { prefix: '/auth' });
      await api.register(organisationRoutes, { prefix: '/organisations' });
      await api.register(userRoutes, { prefix: '/users' });
      await api.register(apiKeyRoutes, { prefix: '/api-keys' });
      await api.register(auditLogRoutes, { prefix: '/audit-log' });
      await api.register(consultationWindowRoutes, { prefix: '/consultation-windows' });
      await api.register(publicRoutes, { prefix: '/public' });
    },
    { prefix: '/api/v1' },
  );

  const webDist = options.webDist;
  const spa = webDist && existsSync(path.join(webDist, 'index.html'));
  if (spa) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (spa && request.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, request, 404, 'not_found', `No route ${request.method} ${url}`);
  });

  return app;
}
