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
import consultationRoutes from './consultations/routes.ts';
import type { Database, Db } from './db/client.ts';
import distributionPointRoutes from './distribution-points/routes.ts';
import distributionReportRoutes from './distributions/report-routes.ts';
import distributionRoutes from './distributions/routes.ts';
import type { Env } from './env.ts';
import healthRoutes from './health/routes.ts';
import itemRoutes from './items/routes.ts';
import { VERSION } from './lib/version.ts';
import organisationRoutes from './organisations/routes.ts';
import auditPlugin from './plugins/audit.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin, { sendProblem } from './plugins/errors.ts';
import idempotencyPlugin from './plugins/idempotency.ts';
import swaggerPlugin from './plugins/swagger.ts';
import publicRoutes from './public/routes.ts';
import funnelRoutes from './reports/funnel-routes.ts';
import reportRoutes from './reports/routes.ts';
import resultsReportRoutes from './results-report/routes.ts';
import stockOverviewRoutes from './stock-movements/overview-routes.ts';
import stockMovementRoutes from './stock-movements/routes.ts';
import publicSurveyRoutes from './surveys/public-routes.ts';
import surveyRoutes from './surveys/routes.ts';
import targetMetricReportRoutes from './target-metrics/report-routes.ts';
import targetMetricRoutes from './target-metrics/routes.ts';
import trainingPublicRoutes from './training-events/public-routes.ts';
import trainingReportRoutes from './training-events/report-routes.ts';
import trainingEventRoutes from './training-events/routes.ts';
import userRoutes from './users/routes.ts';

/** What the app needs of its configuration; tests pass it directly. */
export type AppConfig = Pick<
  Env,
  | 'SESSION_TTL_HOURS'
  | 'COOKIE_SECURE'
  | 'SIGNIN_RATE_LIMIT'
  | 'RATE_LIMIT'
  | 'TRUST_PROXY'
  | 'LOG_LEVEL'
  | 'HANDOUT_UNDO_MINUTES'
  | 'SUPPRESSION_THRESHOLD'
  | 'TRAINING_CONTACT_RETENTION_DAYS'
  | 'PUBLIC_BASE_URL'
>;

export const defaultConfig: AppConfig = {
  SESSION_TTL_HOURS: 12,
  COOKIE_SECURE: 'auto',
  SIGNIN_RATE_LIMIT: 10,
  RATE_LIMIT: 'on',
  TRUST_PROXY: 'false',
  LOG_LEVEL: 'silent',
  HANDOUT_UNDO_MINUTES: 10,
  SUPPRESSION_THRESHOLD: 3,
  TRAINING_CONTACT_RETENTION_DAYS: 90,
  PUBLIC_BASE_URL: undefined,
};

export interface BuildOptions {
  database: Database;
  /** A read replica for the reports (DATABASE_READ_URL); without it they read `database`. */
  readDatabase?: Database;
  config?: Partial<AppConfig>;
  /** Folder of the built SPA; served with an index.html fallback when given. */
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The reports' handle: a read replica when one is configured, else null (use `app.dbRead ?? app.db`). */
    dbRead: Db | null;
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
  // The API speaks JSON only; without this, a text/plain body would reach validation as a string.
  app.removeContentTypeParser('text/plain');
  app.decorate('db', options.database.db);
  app.decorate('dbRead', options.readDatabase?.db ?? null);
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
  await app.register(idempotencyPlugin);
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
      await api.register(consultationRoutes, { prefix: '/consultations' });
      await api.register(publicRoutes, { prefix: '/public' });
      await api.register(distributionPointRoutes, { prefix: '/distribution-points' });
      await api.register(itemRoutes, { prefix: '/items' });
      await api.register(stockMovementRoutes, { prefix: '/stock-movements' });
      await api.register(stockOverviewRoutes, { prefix: '/stock' });
      await api.register(distributionRoutes, { prefix: '/distributions' });
      await api.register(distributionReportRoutes, { prefix: '/reports/distributions' });
      await api.register(reportRoutes, { prefix: '/reports' });
      await api.register(surveyRoutes, { prefix: '/surveys' });
      await api.register(publicSurveyRoutes, { prefix: '/public/surveys' });
      await api.register(trainingEventRoutes, { prefix: '/training-events' });
      await api.register(trainingPublicRoutes, { prefix: '/public' });
      await api.register(trainingReportRoutes, { prefix: '/reports/training' });
      await api.register(targetMetricRoutes, { prefix: '/target-metrics' });
      await api.register(targetMetricReportRoutes, { prefix: '/reports/target-metrics' });
      await api.register(funnelRoutes, { prefix: '/reports/funnel' });
      await api.register(resultsReportRoutes, { prefix: '/results-report' });
    },
    { prefix: '/api/v1' },
  );

  const webDist = options.webDist;
  const spa = webDist && existsSync(path.join(webDist, 'index.html'));
  if (spa) {
    // `wildcard: true` looks each file up when asked, so a rebuilt SPA is served without a restart.
    // Vite names the files under /assets/ by their content: they never change, so they are cached for
    // good; anything else (icons, the manifest) is revalidated after an hour.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath === path.join(webDist, 'index.html')
            ? 'no-cache'
            : filePath.startsWith(path.join(webDist, 'assets') + path.sep)
              ? 'public, max-age=31536000, immutable'
              : 'public, max-age=3600',
        );
      },
    });
    // The root is a directory to the static wildcard (403 with `index: false`): answer it with the SPA.
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (spa && request.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) {
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, request, 404, 'not_found', `No route ${request.method} ${url}`);
  });

  return app;
}
