import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import { Problem } from '@tsunagari/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Doc = {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

const PROBLEM_FIELDS = Object.keys(Problem.shape);

/**
 * Errors are sent as application/problem+json; say so in the document. Only Problem bodies (the
 * Problem schema or one extending it, such as OutOfStockProblem): an error status with a body of
 * its own (the health report's 503) is sent, and documented, as JSON.
 */
function problemContentTypes<T>(doc: T): T {
  const schemas = (doc as Doc).components?.schemas ?? {};
  const isProblem = (ref: string | undefined) => {
    const properties = ref?.startsWith('#/components/schemas/')
      ? schemas[ref.slice('#/components/schemas/'.length)]?.properties
      : undefined;
    return !!properties && PROBLEM_FIELDS.every((field) => field in properties);
  };
  // Collection routes are registered as '/' under their prefix; both spellings answer, show the bare one.
  const paths = (doc as Doc).paths ?? {};
  for (const key of Object.keys(paths)) {
    const bare = key.replace(/\/+$/, '');
    if (bare && bare !== key && !paths[bare]) {
      paths[bare] = paths[key] as NonNullable<Doc['paths']>[string];
      delete paths[key];
    }
  }
  for (const methods of Object.values(paths)) {
    for (const op of Object.values(methods)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const content = response.content as Record<string, { schema?: { $ref?: string } }> | undefined;
        if (content && Number(status) >= 400 && isProblem(content['application/json']?.schema?.$ref)) {
          response.content = { 'application/problem+json': content['application/json'] };
        }
      }
    }
  }
  return doc;
}

const describe = (d: string) => Problem.describe(d);

export default fp(async function openapi(app: FastifyInstance, opts: { version: string }) {
  // Every /api/v1 route documents the errors every route can give, besides its own.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const schema = (route.schema ?? {}) as {
      response?: Record<number, unknown>;
      body?: unknown;
      querystring?: unknown;
      params?: unknown;
    };
    const response: Record<number, unknown> = { ...(schema.response ?? {}) };
    const add = (status: number, description: string) => {
      if (!response[status]) response[status] = describe(description);
    };
    if (schema.body || schema.querystring || schema.params) add(400, 'Validation failed, or malformed JSON');
    if (route.config?.access !== 'public') {
      add(401, 'Not signed in, or the API key is not valid');
      add(403, 'The role may not do this, or the CSRF token is missing');
    }
    if (schema.body) {
      add(413, 'The body is too large');
      add(415, 'The body is not application/json');
    }
    add(500, 'Unexpected error; the body says nothing about internals');
    route.schema = { ...schema, response } as typeof route.schema;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tsunagari API',
        version: opts.version,
        description:
          "つながり — the API of a municipal women's support programme. JSON in camelCase; times ISO 8601 with offset; " +
          'calendar dates YYYY-MM-DD in Asia/Tokyo. Errors are application/problem+json with a stable `code`. ' +
          'Writes from a signed-in browser need the X-CSRF-Token header; API keys go in `Authorization: Bearer`.',
      },
      servers: [],
      tags: [
        { name: 'health', description: 'Liveness and database reachability' },
        { name: 'auth', description: 'Sign-in, sign-out and who am I' },
        { name: 'organisations', description: 'City departments, partners and schools' },
        { name: 'users', description: 'Accounts (admin only)' },
        { name: 'api-keys', description: 'API keys for partners and analysts (admin only)' },
        { name: 'audit-log', description: 'Who changed what (admin only)' },
        { name: 'consultation-windows', description: '相談窓口: the windows, their schedules and opening days' },
        { name: 'consultations', description: '相談記録: anonymous consultations, never a person' },
        { name: 'public', description: 'No sign-in: the public directory' },
        {
          name: 'distribution-points',
          description: '配付場所: where sanitary products are handed out, and their stock',
        },
        { name: 'items', description: '配付品: what is handed out, with minimum levels' },
        {
          name: 'stock-movements',
          description: '在庫台帳: the immutable stock ledger and the programme-wide overview',
        },
        { name: 'distributions', description: '配付記録: hand-outs, with undo' },
        { name: 'reports', description: 'Aggregates for analysts and partners; JSON or Excel-ready CSV' },
        { name: 'surveys', description: 'アンケート: surveys, versioned questions, responses and results' },
        {
          name: 'training-events',
          description: '研修会: events, registrations with waitlists, check-in, import and export',
        },
        { name: 'target-metrics', description: '目標数値: the targets of each fiscal year and their definitions' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tsunagari_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'tsk_… API key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => problemContentTypes(jsonSchemaTransformObject(input)),
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', title: 'Tsunagari API' },
  });
});
