import { beforeAll, describe, expect, it } from 'vitest';
import { useFixture } from './helper.ts';

const f = useFixture();

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, Response> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: object };
}

let doc: Doc;

beforeAll(async () => {
  const res = await f.current.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json();
});

/** A path's operations, whichever way the collection path is spelled (with or without the trailing slash). */
const pathItem = (path: string) => doc.paths[path] ?? doc.paths[`${path}/`];

const problemFields = ['type', 'title', 'status', 'code', 'detail', 'instance', 'errors'];

/** The Problem schema, or a named one extending it (e.g. a 409 that also says what is left). */
function isProblem(ref: string | undefined) {
  if (ref === '#/components/schemas/Problem') return true;
  const properties = ref && doc.components.schemas[ref.replace('#/components/schemas/', '')]?.properties;
  return !!properties && problemFields.every((field) => field in properties);
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 with title, version and both credentials described', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Tsunagari API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
  });

  it('has named component schemas for the resources and errors', () => {
    for (const name of [
      'Problem',
      'Organisation',
      'CreateOrganisation',
      'User',
      'CreateUser',
      'UpdateUser',
      'ApiKey',
      'CreateApiKey',
      'CreatedApiKey',
      'AuditEntry',
      'Me',
      'SignIn',
      'UserPage',
      'ApiKeyPage',
      'AuditPage',
    ]) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    expect(Object.keys(doc.components.schemas.Problem?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'code', 'detail', 'errors']),
    );
  });

  it('never documents a password hash or a stored key secret in a response', () => {
    expect(Object.keys(doc.components.schemas.User?.properties ?? {})).not.toContain('passwordHash');
    expect(Object.keys(doc.components.schemas.ApiKey?.properties ?? {})).not.toContain('secret');
    expect(Object.keys(doc.components.schemas.ApiKey?.properties ?? {})).not.toContain('secretHash');
    expect(Object.keys(doc.components.schemas.CreatedApiKey?.properties ?? {})).toContain('secret');
  });

  it('answers the resources with their named schemas', () => {
    const ref = (path: string, method: string, status: string) =>
      pathItem(path)?.[method]?.responses[status]?.content?.['application/json']?.schema?.$ref;
    expect(ref('/api/v1/users/{id}', 'get', '200')).toBe('#/components/schemas/User');
    expect(ref('/api/v1/users', 'get', '200')).toBe('#/components/schemas/UserPage');
    expect(ref('/api/v1/api-keys', 'post', '201')).toBe('#/components/schemas/CreatedApiKey');
    expect(ref('/api/v1/api-keys/{id}/revoke', 'post', '200')).toBe('#/components/schemas/ApiKey');
    expect(ref('/api/v1/audit-log', 'get', '200')).toBe('#/components/schemas/AuditPage');
    expect(ref('/api/v1/organisations/{id}', 'get', '200')).toBe('#/components/schemas/Organisation');
  });

  it('sends every error response as application/problem+json with the Problem schema', () => {
    const faults: string[] = [];
    let count = 0;
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        count += 1;
        const types = Object.keys(response.content ?? {});
        const schema = response.content?.['application/problem+json']?.schema?.$ref;
        // The health report keeps its own body when the database is down: monitors read it as JSON.
        const ownBody = path === '/api/v1/health' && status === '503' && types.join() === 'application/json';
        if (!ownBody && (types.join() !== 'application/problem+json' || !isProblem(schema))) {
          faults.push(`${method} ${path} ${status}: ${types.join()} ${schema}`);
        }
        if (!response.description || response.description === 'Default Response') {
          faults.push(`${method} ${path} ${status}: no description`);
        }
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(faults).toEqual([]);
  });

  it('uses only tags it declares', () => {
    const declared = new Set(doc.tags.map((t) => t.name));
    for (const { path, method, op } of operations()) {
      for (const tag of op.tags ?? []) expect(declared.has(tag), `${method} ${path}: ${tag}`).toBe(true);
    }
  });

  it('documents the routes of accounts and access', () => {
    for (const [path, methods] of Object.entries({
      '/api/v1/auth/sign-in': ['post'],
      '/api/v1/auth/sign-out': ['post'],
      '/api/v1/auth/me': ['get'],
      '/api/v1/users': ['get', 'post'],
      '/api/v1/users/{id}': ['get', 'patch', 'delete'],
      '/api/v1/api-keys': ['get', 'post'],
      '/api/v1/api-keys/{id}': ['get'],
      '/api/v1/api-keys/{id}/revoke': ['post'],
      '/api/v1/audit-log': ['get'],
    })) {
      expect(Object.keys(pathItem(path) ?? {}).sort(), path).toEqual([...methods].sort());
    }
  });

  it('serves the interactive docs at /docs', async () => {
    const res = await f.current.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBeLessThan(400);
  });
});
