import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { expectProblem, freshDatabase } from './helper.ts';

let dist: string;
let database: Database;
let app: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'tsunagari-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Tsunagari</title><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  database = await freshDatabase();
  app = await build({ database, webDist: dist, config: { RATE_LIMIT: 'off' }, logger: { level: 'error' } });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the built SPA is served by the API process', () => {
  it('the root answers with index.html, never cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="root">');
  });

  it('a page of the SPA answers with index.html, never cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/windows/123' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="root">');
  });

  it('content-named assets are cached for good', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a file written after start (a rebuild) is served without a restart', async () => {
    await writeFile(path.join(dist, 'assets', 'index-def456.js'), 'console.log(2)');
    const res = await app.inject({ method: 'GET', url: '/assets/index-def456.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('a missing asset is a 404, not the SPA page', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/gone-000.js' });
    expect(res.statusCode).toBe(404);
  });

  it('an unknown API path is still a problem+json 404', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'not_found');
  });
});
