/**
 * `pnpm bench:explain [--only <text>]`: every SQL statement each report route sends, with its
 * EXPLAIN (ANALYZE, BUFFERS) plan, against DATABASE_URL (default: tsunagari_bench on the local
 * server, filled by `pnpm gen-data`). The plans of docs/performance.md come from here.
 */
import { parseArgs } from 'node:util';
import { insertApiKey, revokeApiKey } from '../packages/api/src/api-keys/repository.ts';
import { build } from '../packages/api/src/app.ts';
import { openDatabase } from '../packages/api/src/db/client.ts';
import { GEN_MARK } from './gen-data.ts';
import { reportCalls } from './reports.ts';

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, full: { type: 'boolean', default: false } },
});
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tsunagari_bench';

interface Captured {
  text: string;
  values: unknown[];
}

/** Plan lines worth reading: nodes, their row counts and timing, conditions, and the buffers of the top node. */
function trim(plan: string[]): string[] {
  if (args.full) return plan;
  const topBuffers = plan.findIndex((line) => /^\s+Buffers:/.test(line));
  return plan.filter(
    (line, i) =>
      !/^\s+(Output|Sort Method|Worker \d|Group Key|Hash Buckets|Buckets|Batches|Memory Usage|Heap Blocks|Presorted Key|Full-sort Groups|Pre-sorted Groups|JIT|Functions|Options|Timing|Planning:|Cache Mode)/.test(
        line,
      ) &&
      (i === topBuffers || !/^\s+Buffers:/.test(line)),
  );
}

async function main() {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  await database.migrate();
  const client = (database.db as unknown as { $client: { query: (...a: unknown[]) => Promise<unknown> } }).$client;
  const original = client.query.bind(client);
  let capture: Captured[] | null = null;
  client.query = ((config: unknown, values?: unknown) => {
    if (capture && typeof config === 'object' && config && 'text' in config) {
      const c = config as { text: string; values?: unknown[] };
      capture.push({ text: c.text, values: c.values ?? (values as unknown[] | undefined) ?? [] });
    } else if (capture && typeof config === 'string') {
      capture.push({ text: config, values: (values as unknown[]) ?? [] });
    }
    return original(config as never, values as never);
  }) as typeof client.query;

  const app = await build({ database, config: { RATE_LIMIT: 'off', LOG_LEVEL: 'silent' } });
  await app.ready();
  const one = async <T>(text: string) => ((await database.db.execute(text)) as unknown as { rows: T[] }).rows[0] as T;
  const city = await one<{ id: string }>(
    `select id from organisations where name like '%${GEN_MARK}%' and kind = 'city_department' limit 1`,
  );
  const { row: key, secret } = await insertApiKey(database.db, {
    name: `bench explain ${new Date().toISOString()}`,
    role: 'staff',
    organisationId: city.id,
    createdBy: null,
  });
  const fy = (await one<{ fy: number | null }>('select max(fiscal_year)::int as fy from target_metrics')).fy ?? 2025;
  const survey = await one<{ id: string } | undefined>(`select id from surveys where title like 'FY${fy} %' limit 1`);
  try {
    const point = await one<{ id: string }>(
      `select id from distribution_points where name like '%${GEN_MARK}%' order by card_code limit 1`,
    );
    const calls = [
      ...reportCalls(fy, survey?.id),
      { name: 'list: hand-outs, first page', url: '/api/v1/distributions?limit=50' },
      { name: 'list: hand-outs at one point', url: `/api/v1/distributions?limit=50&pointId=${point.id}` },
    ];
    for (const call of calls) {
      if (args.only && !call.name.includes(args.only)) continue;
      // Warm the caches first, as the timed calls of the bench are.
      await app.inject({ method: 'GET', url: call.url, headers: { authorization: `Bearer ${secret}` } });
      capture = [];
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: call.url, headers: { authorization: `Bearer ${secret}` } });
      const took = performance.now() - t;
      const statements = capture.filter((c) => !/"api_keys"/.test(c.text));
      capture = null;
      console.log(`\n## ${call.name}: HTTP ${res.statusCode}, ${took.toFixed(0)} ms, ${statements.length} statements`);
      console.log(`GET ${call.url}`);
      for (const s of statements) {
        const result = (await original({ text: `explain (analyze, buffers) ${s.text}`, values: s.values })) as {
          rows: { 'QUERY PLAN': string }[];
        };
        const plan = result.rows.map((r) => r['QUERY PLAN']);
        console.log(`\n-- ${s.text.replace(/\s+/g, ' ').slice(0, 400)}`);
        if (s.values.length) console.log(`-- values: ${JSON.stringify(s.values).slice(0, 300)}`);
        console.log(trim(plan).join('\n'));
      }
    }
  } finally {
    await revokeApiKey(database.db, key.id);
    await app.close();
    await database.close();
  }
}

await main();
