/**
 * `pnpm bench [--scale N] [--duration S]`: measures the budgets of DESIGN.md ("Quality budgets")
 * against a real PostgreSQL and prints each figure beside its budget. It reports; it never fails
 * a build (exit 0 unless it crashed). Results also go to bench/results/<timestamp>.json.
 *
 * DATABASE_URL: the database to measure (generated data is added when it has none); default: a
 * database `tsunagari_bench` on postgres://postgres@127.0.0.1:5432, created when missing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { insertApiKey } from '../packages/api/src/api-keys/repository.ts';
import { build } from '../packages/api/src/app.ts';
import { type Database, openDatabase } from '../packages/api/src/db/client.ts';
import { listDistributions, toDistribution } from '../packages/api/src/distributions/repository.ts';
import { GEN_MARK, generate, hasGeneratedData } from './gen-data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// fastify and pg are the API package's dependencies, not the root's.
const apiRequire = createRequire(path.join(root, 'packages/api/package.json'));
const Fastify = apiRequire('fastify') as typeof import('fastify').default;
const pg = apiRequire('pg') as typeof import('pg').default;

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    calls: { type: 'string', default: '20' },
  },
});
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';

type Row = { figure: string; value: string; budget: string; pass: boolean | null };
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const record = (r: Row) => {
  rows.push(r);
  const mark = r.pass === null ? '  ' : r.pass ? 'ok' : 'NO';
  console.log(`${mark}  ${r.figure.padEnd(52)} ${r.value.padStart(22)}   ${r.budget}`);
};

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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function one<T>(database: Database, text: string): Promise<T> {
  const r = (await database.db.execute(text)) as unknown as { rows: T[] };
  return r.rows[0] as T;
}

async function main() {
  const url = await ensureDatabase();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  await database.migrate();
  if (!(await hasGeneratedData(database))) {
    console.log(`No generated data in the database: generating scale ${args.scale} (takes a while at scale 1)`);
    await generate(database, Number(args.scale));
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    postgres: (await one<{ v: string }>(database, 'select version() as v')).v,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  const volumes = await one<Record<string, number>>(
    database,
    `select (select count(*) from distributions)::int as distributions, (select count(*) from consultations)::int as consultations,
            (select count(*) from survey_responses)::int as "surveyResponses", (select count(*) from survey_answers)::int as "surveyAnswers",
            (select count(*) from training_registrations)::int as "trainingRegistrations"`,
  );
  console.log(`\nMachine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}`);
  console.log(`PostgreSQL: ${machine.postgres}`);
  console.log(`Volumes: ${JSON.stringify(volumes)}\n`);

  const app = await build({ database, config: { RATE_LIMIT: 'off', LOG_LEVEL: 'silent' } });
  await app.ready();
  const city = await one<{ id: string }>(
    database,
    `select id from organisations where name like '%${GEN_MARK}%' and kind = 'city_department' limit 1`,
  );
  const { secret: staffKey } = await insertApiKey(database.db, {
    name: `bench ${new Date().toISOString()}`,
    role: 'staff',
    organisationId: city.id,
    createdBy: null,
  });
  const auth = { authorization: `Bearer ${staffKey}` };

  // 1. Every report route: median and p95 after warm-ups.
  const lastFy = await one<{ fy: number }>(database, 'select max(fiscal_year)::int as fy from target_metrics');
  const fy = lastFy?.fy ?? 2025;
  const survey = await one<{ id: string }>(database, `select id from surveys where title like 'FY${fy} %' limit 1`);
  const yearRange = `from=${fy}-04-01&to=${fy + 1}-03-31`;
  const reports: [string, string][] = [
    ['consultations by month × channel (1 FY)', `/api/v1/reports/consultations?${yearRange}&groupBy=month,channel`],
    ['consultations by topic (1 FY)', `/api/v1/reports/consultations?${yearRange}&groupBy=topic`],
    ['window demand (1 FY)', `/api/v1/reports/window-demand?${yearRange}`],
    ['distributions by point (1 FY)', `/api/v1/reports/distributions?${yearRange}&groupBy=point`],
    [
      'distributions by month (5 years)',
      `/api/v1/reports/distributions?from=${fy - 4}-04-01&to=${fy + 1}-03-31&groupBy=month`,
    ],
    ['training (all years)', '/api/v1/reports/training'],
    ['survey results (10,000 responses)', `/api/v1/surveys/${survey?.id}/results`],
    ['target metrics (1 FY)', `/api/v1/reports/target-metrics?fiscalYear=${fy}`],
    ['funnel (1 FY)', `/api/v1/reports/funnel?fiscalYear=${fy}`],
  ];
  const calls = Number(args.calls);
  const reportResults: Record<string, unknown>[] = [];
  for (const [name, u] of reports) {
    const first = await app.inject({ method: 'GET', url: u, headers: auth });
    if (first.statusCode !== 200) {
      record({ figure: `report: ${name}`, value: `HTTP ${first.statusCode}`, budget: 'median < 100 ms', pass: false });
      reportResults.push({ name, url: u, status: first.statusCode, body: first.body.slice(0, 300) });
      continue;
    }
    for (let i = 0; i < 2; i++) await app.inject({ method: 'GET', url: u, headers: auth });
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await app.inject({ method: 'GET', url: u, headers: auth });
      times.push(performance.now() - t);
    }
    const m = median(times);
    const p95 = quantile(times, 0.95);
    record({ figure: `report: ${name}`, value: `${ms(m)} (p95 ${ms(p95)})`, budget: 'median < 100 ms', pass: m < 100 });
    reportResults.push({ name, url: u, medianMs: m, p95Ms: p95, calls });
  }
  results.reports = reportResults;

  // 2. A list endpoint under load against a bare Fastify route running the same query on the same pool.
  const duration = Number(args.duration);
  const listUrl = '/api/v1/distributions?limit=50';
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (app.server.address() as net.AddressInfo).port;
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => {
    const found = await listDistributions(database.db, { limit: 50, after: null });
    return { items: found.slice(0, 50).map((r) => toDistribution(r, 10)) };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as net.AddressInfo).port;
  const load = (target: string, headers: Record<string, string> = {}) =>
    autocannon({ url: target, connections: 10, duration, headers });
  await load(`http://127.0.0.1:${barePort}/bare`).then(() => undefined); // warm-up of both paths
  const warm = await load(`http://127.0.0.1:${appPort}${listUrl}`, auth);
  void warm;
  const bareRun = await load(`http://127.0.0.1:${barePort}/bare`);
  const appRun = await load(`http://127.0.0.1:${appPort}${listUrl}`, auth);
  const ratio = appRun.requests.average / bareRun.requests.average;
  record({
    figure: 'list GET /distributions?limit=50: bare Fastify',
    value: `${bareRun.requests.average.toFixed(0)} req/s`,
    budget: '',
    pass: null,
  });
  record({
    figure: 'list GET /distributions?limit=50: the API',
    value: `${appRun.requests.average.toFixed(0)} req/s`,
    budget: '',
    pass: null,
  });
  record({
    figure: 'list endpoint ÷ bare route',
    value: `${(ratio * 100).toFixed(0)} %`,
    budget: '≥ 60 %',
    pass: ratio >= 0.6,
  });
  results.listUnderLoad = {
    url: listUrl,
    connections: 10,
    durationS: duration,
    bare: {
      rps: bareRun.requests.average,
      p50Ms: bareRun.latency.p50,
      p99Ms: bareRun.latency.p99,
      errors: bareRun.errors,
      non2xx: bareRun.non2xx,
    },
    api: {
      rps: appRun.requests.average,
      p50Ms: appRun.latency.p50,
      p99Ms: appRun.latency.p99,
      errors: appRun.errors,
      non2xx: appRun.non2xx,
    },
    ratio,
  };
  await bare.close();

  // 3. 200 concurrent hand-outs at a point holding 100 sets.
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
      organisationId: city.id,
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
  const level = await one<{ ledger: number; balance: number }>(
    database,
    `select (select coalesce(sum(quantity), 0) from stock_movements where point_id = '${pointId}')::int as ledger,
            (select level from stock_balances where point_id = '${pointId}')::int as balance`,
  );
  const others = handouts.filter((s) => s !== 201 && s !== 409);
  record({
    figure: '200 concurrent hand-outs at 100 sets: successes',
    value: `${count(201)} (409: ${count(409)}${others.length ? `, other: ${others.join(',')}` : ''})`,
    budget: 'exactly 100, rest 409',
    pass: count(201) === 100 && count(409) === 100,
  });
  record({
    figure: '  final level (ledger / balance), wall time',
    value: `${level.ledger} / ${level.balance}, ${ms(wall)}`,
    budget: '0 / 0',
    pass: level.ledger === 0 && level.balance === 0,
  });
  results.concurrentHandouts = {
    successes: count(201),
    conflicts: count(409),
    other: others,
    ledgerLevel: level.ledger,
    balanceLevel: level.balance,
    wallMs: wall,
  };
  await app.close();
  await database.close();

  // 4. Cold start on an empty embedded database.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cold-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  const t1 = performance.now();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['packages/api/src/server.ts'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  let coldMs: number | null = null;
  while (performance.now() - t1 < 120_000 && child.exitCode === null) {
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
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r).once('error', r));
  rmSync(dataDir, { recursive: true, force: true });
  record({
    figure: 'cold start to healthy (embedded db, demo data)',
    value: coldMs === null ? 'did not start' : ms(coldMs),
    budget: 'serves in one process',
    pass: coldMs !== null,
  });
  results.coldStartMs = coldMs;

  // 5. The SPA's initial JavaScript, gzipped.
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
      pass: total < 200 * 1024,
    });
    results.spa = { files, gzipTotal: total };
  } catch (error) {
    record({ figure: 'SPA initial JS gzipped', value: 'no build', budget: 'run pnpm build first', pass: null });
    results.spa = { error: (error as Error).message };
  }

  const out = path.join(root, 'bench/results', `${new Date().toISOString().replaceAll(':', '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), machine, volumes, rows, ...results }, null, 2)}\n`,
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
