import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, useFixture } from './helper.ts';

const f = useFixture();

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What a client may call with no credentials; everything else under /api/v1 answers 401. */
const PUBLIC = [/^\/api\/v1\/health$/, /^\/api\/v1\/auth\/sign-in$/, /^\/api\/v1\/public\//];

interface Operation {
  method: string;
  path: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** Paths compared without a trailing slash: Fastify serves `/users` and `/users/` alike. */
const norm = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);

/** Every route the app serves, read from Fastify's own route tree rather than from the document. */
function servedRoutes(tree: string): { method: string; path: string }[] {
  const stack: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    stack.length = depth;
    stack.push(m[2] as string);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') routes.push({ method, path: norm(stack.join('')) });
    }
  }
  return routes;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

let operations: Operation[] = [];

beforeAll(async () => {
  const res = await f.current.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json() as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((m) => ({ ...(ops[m] as Operation), method: m.toUpperCase(), path })),
  );
});

describe('the OpenAPI document covers every route', () => {
  it('lists exactly the /api/v1 routes the app serves', () => {
    const served = servedRoutes(f.current.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
    const documented = operations.map((o) => `${o.method} ${norm(o.path)}`);
    expect(served.length).toBeGreaterThan(15);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('gives every operation a summary, tags and its error responses', () => {
    const faults: string[] = [];
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      if (!op.summary?.trim()) faults.push(`${name}: no summary`);
      if (!op.tags?.length) faults.push(`${name}: no tags`);
      const statuses = Object.keys(op.responses);
      if (!statuses.some((s) => /^2\d\d$/.test(s))) faults.push(`${name}: no success response`);
      if (!statuses.includes('500')) faults.push(`${name}: no 500`);
      // An operation that takes no input and needs no sign-in (health) has no client error to document.
      const takesNothing = !op.security?.length && !op.parameters?.length && !op.requestBody;
      if (!takesNothing && !statuses.some((s) => /^4\d\d$/.test(s))) faults.push(`${name}: no 4xx`);
      if (op.security?.length && !(statuses.includes('401') && statuses.includes('403'))) {
        faults.push(`${name}: secured but 401/403 not documented`);
      }
      if (op.path.includes('{') && !statuses.includes('400')) faults.push(`${name}: path parameter but no 400`);
    }
    expect(faults).toEqual([]);
  });

  it('marks exactly the public operations as needing no credentials', () => {
    const unsecured = operations.filter((o) => !o.security?.length).map((o) => `${o.method} ${norm(o.path)}`);
    const unexpected = unsecured.filter((name) => !PUBLIC.some((p) => p.test(name.split(' ')[1] as string)));
    expect(unexpected).toEqual([]);
    for (const op of operations.filter((o) => o.security?.length)) {
      expect(op.security).toEqual([{ session: [] }, { apiKey: [] }]);
    }
  });
});

describe('anonymous callers', () => {
  it('get 401 problem+json from every operation that is not public', async () => {
    const secured = operations.filter((o) => o.security?.length);
    expect(secured.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const op of secured) {
      const res = await f.current.app.inject({
        method: op.method as 'GET',
        url: concrete(op.path),
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      try {
        expectProblem(res, 401, 'unauthenticated');
      } catch (error) {
        wrong.push(`${op.method} ${op.path}: ${(error as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('are let through on the public operations', async () => {
    const open = operations.filter((o) => !o.security?.length && o.method === 'GET');
    expect(open.map((o) => norm(o.path))).toContain('/api/v1/health');
    for (const op of open) {
      const res = await f.current.app.inject({ method: 'GET', url: concrete(op.path) });
      expect([401, 403], `${op.method} ${op.path}`).not.toContain(res.statusCode);
    }
    const signIn = await f.current.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@test.example', password: 'x' },
    });
    expectProblem(signIn, 401, 'invalid_credentials');
  });

  it('get 401 even with a session cookie that names no session', async () => {
    const res = await f.current.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: 'tsunagari_session=made-up' },
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});

describe('admin-only operations', () => {
  it('answer 403 to every other role, by session and by API key', async () => {
    const adminOnly = operations.filter((o) => ['users', 'api-keys', 'audit-log'].some((t) => o.tags?.includes(t)));
    expect(adminOnly.length).toBeGreaterThanOrEqual(10);
    const wrong: string[] = [];
    for (const role of ['staff', 'partner', 'analyst'] as const) {
      const headers = await f.current.apiKey(role);
      for (const op of adminOnly) {
        const request = {
          method: op.method as 'GET',
          url: concrete(op.path),
          headers: { 'if-match': '"v1"' },
          ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
        };
        for (const res of [
          await f.current.as(role, request),
          await f.current.app.inject({ ...request, headers: { ...request.headers, ...headers } }),
        ]) {
          try {
            expectProblem(res, 403, 'forbidden');
          } catch (error) {
            wrong.push(`${role} ${op.method} ${op.path}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
