import path from 'node:path';
import { build } from './app.ts';
import { ensureAdmin } from './bootstrap.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock.ts';
import { loadDemoData } from './demo/load.ts';
import { DEMO_PASSWORD, demoUsers } from './demo/otaru-fy2021.ts';
import { parseEnv, repoRoot, resolveDataDir } from './env.ts';

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const dataDir = resolveDataDir(env);
let releaseDataDir: (() => Promise<void>) | undefined;
if (!env.DATABASE_URL) {
  try {
    releaseDataDir = await lockDataDir(dataDir);
  } catch (error) {
    console.error(error instanceof DataDirLockedError ? error.message : error);
    process.exit(1);
  }
}
const database = await openDatabase(
  env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir },
);
await database.migrate();
// Reports may read a replica; everything else, and the migrations, use the primary.
const readDatabase = env.DATABASE_READ_URL
  ? await openDatabase({ kind: 'postgres', url: env.DATABASE_READ_URL })
  : undefined;

const demoLoaded = env.DEMO_DATA === 'on' ? await loadDemoData(database.db) : false;
const adminPassword = env.ADMIN_PASSWORD ?? (env.DEMO_DATA === 'on' ? DEMO_PASSWORD : undefined);
const admin = await ensureAdmin(database.db, env.ADMIN_EMAIL, adminPassword);

const app = await build({
  database,
  readDatabase,
  config: env,
  webDist: env.WEB_DIST ? path.resolve(env.WEB_DIST) : path.join(repoRoot, 'packages/web/dist'),
  logger: { level: env.LOG_LEVEL },
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await database.close();
    await readDatabase?.close();
    await releaseDataDir?.();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: env.PORT, host: env.HOST });

const url = `http://localhost:${env.PORT}`;
const lines = [
  '',
  `  Tsunagari is running at ${url}`,
  `  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json`,
  `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  demoLoaded ? '  Demo data: the Otaru FY2021 programme was loaded.' : '',
  '',
  '  Sign in with:',
  `    admin    ${env.ADMIN_EMAIL}  ${
    admin.generatedPassword ?? (env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : adminPassword ? DEMO_PASSWORD : '(unchanged)')
  }`,
  ...(env.DEMO_DATA === 'on' ? demoUsers.map((u) => `    ${u.role.padEnd(8)} ${u.email}  ${DEMO_PASSWORD}`) : []),
  '',
];
console.log(lines.filter((l, i) => l !== '' || i === 0 || lines[i - 1] !== '').join('\n'));
