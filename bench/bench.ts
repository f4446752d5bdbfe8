/**
 * `pnpm bench [--only reports,list,handouts,cold,spa] [--duration S] [--calls N] [--scale N]`:
 * measures the budgets of DESIGN.md ("Quality budgets") against a real PostgreSQL and prints each
 * figure beside its budget with a pass mark. It reports; it never fails a build (exit 0 unless it
 * crashed). Results also go to bench/results/<timestamp>.json with the machine's description.
 *
 * DATABASE_URL: the database to measure (generated data is added when it has none); default: a
 * database `tsunagari_bench` on postgres://postgres@127.0.0.1:5432, created when missing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { insertApiKey, revokeApiKey } from '../packages/api/src/api-keys/repository.ts';
import { build } from '../packages/api/src/app.ts';
import { type Database, openDatabase } from '../packages/api/src/db/client.ts';
import { listDistributions, toDistribution } from '../packages/api/src/distributions/repository.ts';
import { pageOf } from '../packages/api/src/lib/cursor.ts';
import { GEN_MARK, generate, hasGeneratedData } from './gen-data.ts';
import { reportCalls } from './reports.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// fastify and pg are the API package's dependencies, not the root's.
const apiRequire = createRequire(path.join(root, 'packages/api/package.json'));
const Fastify = apiRequire('fastify') as typeof import('fastify').default;
const pg = apiRequire('pg') as typeof import('pg');

const SECTIONS = ['reports', 'list', 'handouts', 'cold', 'spa'] as const;
type Section = (typeof SECTIONS)[number];
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    calls: { type: 'string', default: '20' },
    only: { type: 'string', default: SECTIONS.join(',') },
  },
});
const only = new Set(args.only.split(',').map((s) => s.trim()) as Section[]);
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
const REPORT_BUDGET_MS = 100;
const LIST_RATIO_BUDGET = 0.6;
const SPA_BUDGET_BYTES = 200 * 1024;

type Row = { figure: string; value: string; budget: string; pass: boolean | null };
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const record = (r: Row) => {
  rows.push(r);
  const mark = r.pass === null ? '    ' : r.pass ? 'PASS' : 'FAIL';
  console.log(`${mark}  ${r.figure.padEnd(54)} ${r.value.padStart(26)}   ${r.budget}`);
};
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  return (s[lo] as number) + ((s[Math.ceil(i)] as number) - (s[lo] as number)) * (i - lo);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function ensureDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: `${DEFAULT_SERVER}/postgres` });
  await admin.connect();
  const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'tsunagari_bench'`);
  if (!rowCount) await admin.query('create database tsunagari_bench');
  await admin.end();
  return `${DEFAULT_SERVER}/tsunagari_bench`;
}

async function one<T>(database: Database, text: string): Promise<T> {
  const r = (await database.db.execute(text)) as unknown as { rows: T[] };
  return r.rows[0] as T;
}

/** Every report route: status of a first call, 3 warm-ups, then median and p95 of `calls` calls. */
async function benchReports(app: Awaited<ReturnType<typeof build>>, database: Database, auth: Record<string, string>) {
  const lastFy = await one<{ fy: number | null }>(database, 'select max(fiscal_year)::int as fy from target_metrics');
  const fy = lastFy?.fy ?? 2025;
  const survey = await one<{ id: string } | undefined>(
    database,
    `select id from surveys where title like 'FY${fy} %' limit 1`,
  );
  const calls = Number(args.calls);
  const out: Record<string, unknown>[] = [];
  for (const { name, url } of reportCalls(fy, survey?.id)) {
    const loadBefore = load();
    const first = await app.inject({ method: 'GET', url, headers: auth });
    if (first.statusCode !== 200) {
      record({ figure: `report: ${name}`, value: `HTTP ${first.statusCode}`, budget: 'median < 100 ms', pass: false });
      out.push({ name, url, status: first.statusCode, body: first.body.slice(0, 300) });
      continue;
    }
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url, headers: auth });
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await app.inject({ method: 'GET', url, headers: auth });
      times.push(performance.now() - t);
    }
    const m = median(times);
    const p95 = quantile(times, 0.95);
    record({
      figure: `report: ${name}`,
      value: `${ms(m)} (p95 ${ms(p95)})`,
      budget: `median < ${REPORT_BUDGET_MS} ms`,
      pass: m < REPORT_BUDGET_MS,
    });
    out.push({ name, url, medianMs: m, p95Ms: p95, calls, bytes: first.rawPayload.length, loadBefore });
  }
  results.reports = out;
}

/**
 * The list endpoint under load against a bare Fastify route that runs the same single query
 * (the same repository function) on the same pool and answers the same JSON. The two are run
 * alternately, twice each, so that a change in the machine's load falls on both.
 */
async function benchList(database: Database, auth: Record<string, string>, appPort: number) {
  const duration = Number(args.duration);
  const listUrl = '/api/v1/distributions?limit=50';
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => {
    const found = await listDistributions(database.db, { limit: 50, after: null });
    const { items, nextCursor } = pageOf(found, 50, (r) => [r.occurredAtText, r.id]);
    return { items: items.map((r) => toDistribution(r, 10)), nextCursor };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as net.AddressInfo).port;
  const run = (target: string, seconds: number, headers: Record<string, string> = {}) =>
    autocannon({ url: target, connections: 10, duration: seconds, headers });
  const bareUrl = `http://127.0.0.1:${barePort}/bare`;
  const apiUrl = `http://127.0.0.1:${appPort}${listUrl}`;
  await run(bareUrl, 3);
  await run(apiUrl, 3, auth);
  const bareRuns: autocannon.Result[] = [];
  const apiRuns: autocannon.Result[] = [];
  const loadBefore = load();
  for (let round = 0; round < 2; round++) {
    bareRuns.push(await run(bareUrl, duration));
    apiRuns.push(await run(apiUrl, duration, auth));
  }
  await bare.close();
  const rps = (xs: autocannon.Result[]) => xs.reduce((s, x) => s + x.requests.average, 0) / xs.length;
  const side = (xs: autocannon.Result[]) => ({
    rps: rps(xs),
    runs: xs.map((x) => ({
      rps: x.requests.average,
      p50Ms: x.latency.p50,
      p99Ms: x.latency.p99,
      errors: x.errors,
      non2xx: x.non2xx,
    })),
  });
  const ratio = rps(apiRuns) / rps(bareRuns);
  const errors = [...bareRuns, ...apiRuns].reduce((s, x) => s + x.errors + x.non2xx, 0);
  record({
    figure: 'list GET /distributions?limit=50: bare Fastify',
    value: `${rps(bareRuns).toFixed(0)} req/s`,
    budget: '',
    pass: null,
  });
  record({
    figure: 'list GET /distributions?limit=50: the API',
    value: `${rps(apiRuns).toFixed(0)} req/s`,
    budget: '',
    pass: null,
  });
  record({
    figure: `list endpoint ÷ bare route${errors ? ` (${errors} errors/non-2xx)` : ''}`,
    value: `${(ratio * 100).toFixed(0)} %`,
    budget: `≥ ${LIST_RATIO_BUDGET * 100} %`,
    pass: ratio >= LIST_RATIO_BUDGET && errors === 0,
  });
  results.listUnderLoad = {
    url: listUrl,
    connections: 10,
    durationS: duration,
    rounds: 2,
    loadBefore,
    loadAfter: load(),
    bare: side(bareRuns),
    api: side(apiRuns),
    ratio,
  };
}

/** 200 concurrent hand-outs over HTTP at a new point holding 100 sets. */
async function benchHandouts(
  app: Awaited<ReturnType<typeof build>>,
  database: Database,
  auth: Record<string, string>,
  appPort: number,
  organisationId: string,
) {
  const item = await one<{ id: string }>(
    database,
    `select id from items where name like '%${GEN_MARK}%' order by name limit 1`,
  );
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/distribution-points',
    headers: auth,
    payload: {
      name: `bench point ${Date.now()}`,
      kind: 'city_counter',
      organisationId,
      place: 'bench',
      cardCode: `BENCH-${Date.now().toString(36).toUpperCase()}`,
      validFrom: '2016-04-01',
      schedule: [],
    },
  });
  const pointId = (created.json() as { id?: string }).id;
  if (!pointId) throw new Error(`could not create the bench point: ${created.statusCode} ${created.body}`);
  const receipt = await app.inject({
    method: 'POST',
    url: '/api/v1/stock-movements',
    headers: auth,
    payload: { kind: 'receipt', pointId, itemId: item.id, quantity: 100, source: 'purchase' },
  });
  if (receipt.statusCode !== 201) throw new Error(`receipt refused: ${receipt.statusCode} ${receipt.body}`);
  const t0 = performance.now();
  const handouts = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(`http://127.0.0.1:${appPort}/api/v1/distributions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ pointId, itemId: item.id, requestMethod: 'none' }),
      }).then((r) => r.status),
    ),
  );
  const wall = performance.now() - t0;
  const count = (s: number) => handouts.filter((x) => x === s).length;
  const level = await one<{ ledger: number; balance: number; rollup: number }>(
    database,
    `select (select coalesce(sum(quantity), 0) from stock_movements where point_id = '${pointId}')::int as ledger,
            (select level from stock_balances where point_id = '${pointId}')::int as balance,
            (select coalesce(sum(sets), 0) from distribution_daily where point_id = '${pointId}')::int as rollup`,
  );
  const others = handouts.filter((s) => s !== 201 && s !== 409);
  record({
    figure: '200 concurrent hand-outs at 100 sets: 201s (409s)',
    value: `${count(201)} (${count(409)}${others.length ? `, other: ${others.join(',')}` : ''})`,
    budget: 'exactly 100 (100)',
    pass: count(201) === 100 && count(409) === 100,
  });
  record({
    figure: '  final level: ledger / balance; rollup sets',
    value: `${level.ledger} / ${level.balance}; ${level.rollup}`,
    budget: '0 / 0; 100',
    pass: level.ledger === 0 && level.balance === 0 && level.rollup === 100,
  });
  record({ figure: '  wall time of the 200', value: ms(wall), budget: '', pass: null });
  results.concurrentHandouts = {
    successes: count(201),
    conflicts: count(409),
    other: others,
    ledgerLevel: level.ledger,
    balanceLevel: level.balance,
    rollupSets: level.rollup,
    wallMs: wall,
  };
}

/**
 * What `pnpm start` runs once the SPA is built (`tsx packages/api/src/server.ts`), on an empty
 * temporary DATA_DIR: the embedded database is created, migrated and given the demo data. Timed
 * to the first 200 of /api/v1/health; then the SPA and the demo data must be served too.
 */
async function benchColdStart() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cold-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  const loadBefore = load();
  const t1 = performance.now();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['packages/api/src/server.ts'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  let coldMs: number | null = null;
  while (performance.now() - t1 < 180_000 && child.exitCode === null) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) {
        coldMs = performance.now() - t1;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let spa = false;
  let demoWindows = 0;
  if (coldMs !== null) {
    const page = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
    spa = !!page?.ok && (page.headers.get('content-type') ?? '').includes('text/html');
    const windows = await fetch(`http://127.0.0.1:${port}/api/v1/public/consultation-windows`).catch(() => null);
    const body = windows?.ok ? ((await windows.json()) as { items?: unknown[] }) : null;
    demoWindows = body?.items?.length ?? 0;
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r).once('error', r));
  rmSync(dataDir, { recursive: true, force: true });
  record({
    figure: 'cold start, empty embedded db, to healthy',
    value: coldMs === null ? 'did not start' : ms(coldMs),
    budget: 'serves in one process',
    pass: coldMs !== null,
  });
  record({
    figure: '  then serves the SPA and the demo windows',
    value: `${spa ? 'SPA' : 'no SPA'}, ${demoWindows} windows`,
    budget: 'SPA, > 0 windows',
    pass: spa && demoWindows > 0,
  });
  results.coldStart = { ms: coldMs, spa, demoWindows, loadBefore };
}

/** The SPA's initial JavaScript: the module scripts and modulepreloads of index.html, gzip -9. */
function benchSpa() {
  const dist = path.join(root, 'packages/web/dist');
  try {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const srcs = [
      ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1] as string);
    const files = [...new Set(srcs)].map((s) => {
      const bytes = readFileSync(path.join(dist, s.replace(/^\//, '')));
      return { file: s, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const total = files.reduce((a, f) => a + f.gzip, 0);
    record({
      figure: `SPA initial JS gzipped (${files.length} files)`,
      value: `${(total / 1024).toFixed(1)} KB`,
      budget: '< 200 KB',
      pass: total < SPA_BUDGET_BYTES,
    });
    results.spa = { files, gzipTotal: total };
  } catch (error) {
    record({ figure: 'SPA initial JS gzipped', value: 'no build', budget: 'run pnpm build first', pass: null });
    results.spa = { error: (error as Error).message };
  }
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = load();
  const url = await ensureDatabase();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  await database.migrate();
  if (!(await hasGeneratedData(database))) {
    console.log(`No generated data in the database: generating scale ${args.scale} (takes a few minutes at scale 1)`);
    await generate(database, Number(args.scale));
  }
  const settings = await one<Record<string, string>>(
    database,
    `select version() as version, current_setting('shared_buffers') as shared_buffers,
            current_setting('work_mem') as work_mem, current_setting('jit') as jit,
            current_setting('max_parallel_workers_per_gather') as max_parallel_workers_per_gather`,
  );
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres: settings.version,
    postgresSettings: { ...settings, version: undefined },
    loadAverageAtStart: loadAtStart,
    note: 'a shared development machine: other work runs beside the bench; compare runs with their load averages',
  };
  const volumes = await one<Record<string, number>>(
    database,
    `select (select count(*) from distributions)::int as distributions, (select count(*) from consultations)::int as consultations,
            (select count(*) from survey_responses)::int as "surveyResponses", (select count(*) from survey_answers)::int as "surveyAnswers",
            (select count(*) from training_registrations)::int as "trainingRegistrations"`,
  );
  console.log(`\nMachine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}`);
  console.log(`PostgreSQL: ${machine.postgres}`);
  console.log(`Load average at start: ${loadAtStart.join(' ')}`);
  console.log(`Volumes: ${JSON.stringify(volumes)}\n`);

  const app = await build({ database, config: { RATE_LIMIT: 'off', LOG_LEVEL: 'silent' } });
  await app.ready();
  const city = await one<{ id: string }>(
    database,
    `select id from organisations where name like '%${GEN_MARK}%' and kind = 'city_department' limit 1`,
  );
  const { row: key, secret: staffKey } = await insertApiKey(database.db, {
    name: `bench ${startedAt.toISOString()}`,
    role: 'staff',
    organisationId: city.id,
    createdBy: null,
  });
  const auth = { authorization: `Bearer ${staffKey}` };
  try {
    if (only.has('reports')) await benchReports(app, database, auth);
    if (only.has('list') || only.has('handouts')) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const appPort = (app.server.address() as net.AddressInfo).port;
      if (only.has('list')) await benchList(database, auth, appPort);
      if (only.has('handouts')) await benchHandouts(app, database, auth, appPort, city.id);
    }
  } finally {
    await revokeApiKey(database.db, key.id);
    await app.close();
    await database.close();
  }
  if (only.has('cold')) await benchColdStart();
  if (only.has('spa')) benchSpa();

  const out = path.join(root, 'bench/results', `${startedAt.toISOString().replaceAll(':', '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        at: startedAt.toISOString(),
        sections: [...only],
        machine: { ...machine, loadAverageAtEnd: load() },
        volumes,
        rows,
        ...results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\n${rows.filter((r) => r.pass === true).length} passed, ${rows.filter((r) => r.pass === false).length} not met; written to ${path.relative(root, out)}`,
  );
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
