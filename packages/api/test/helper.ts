import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Role } from '@tsunagari/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type AppConfig, build } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { apiKeys, organisations, users } from '../src/db/schema/index.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { sha256 } from '../src/lib/tokens.ts';
import { databaseUrl } from './global-setup.ts';

export const PASSWORD = 'correct-horse-battery';

/** A fresh database for one test file: a copy of the migrated template or snapshot. */
export async function freshDatabase(): Promise<Database> {
  const template = inject('pgTemplate');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (template && serverUrl) {
    const name = `${template}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(serverUrl, name), poolSize: 20 });
    const close = database.close;
    database.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => a.end());
    };
    return database;
  }
  const snapshot = inject('pgliteSnapshot');
  if (!snapshot) throw new Error('global setup provided no database');
  const bytes = await readFile(snapshot);
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([bytes]) });
}

export type Who = Role | 'anonymous';

export interface Fixture {
  app: Awaited<ReturnType<typeof build>>;
  database: Database;
  /** A city department (staff, admin and analyst belong to it) and two partner organisations. */
  orgs: { city: string; partner: string; otherPartner: string };
  users: Record<Role, { id: string; email: string }>;
  /** Session cookie and CSRF header of a signed-in user of that role. */
  session(role: Role): Promise<Record<string, string>>;
  /** `Authorization: Bearer` header of a new API key. */
  apiKey(role: 'partner' | 'analyst' | 'staff', organisationId?: string): Promise<Record<string, string>>;
  /** app.inject as a signed-in user of that role (or anonymous). */
  as(who: Who, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Builds the app on a fresh database with one user per role; call at the top of a test file. */
export async function createFixture(config: Partial<AppConfig> = {}): Promise<Fixture> {
  const database = await freshDatabase();
  const app = await build({ database, config: { RATE_LIMIT: 'off', ...config } });
  const db = database.db;
  const [city, partner, otherPartner] = await db
    .insert(organisations)
    .values([
      { name: 'テスト市 男女共同参画課', kind: 'city_department' },
      { name: 'テスト社会福祉協議会', kind: 'partner' },
      { name: 'テスト商店', kind: 'partner' },
    ])
    .returning();
  if (!city || !partner || !otherPartner) throw new Error('fixture organisations missing');
  const cityId = city.id;
  const partnerId = partner.id;
  const passwordHash = await hashPassword(PASSWORD);
  const roles: Role[] = ['admin', 'staff', 'partner', 'analyst'];
  const rows = await db
    .insert(users)
    .values(
      roles.map((role) => ({
        email: `${role}@test.example`,
        displayName: `${role} テスト`,
        role,
        organisationId: role === 'partner' ? partner.id : city.id,
        passwordHash,
      })),
    )
    .returning();
  const userMap = Object.fromEntries(rows.map((u) => [u.role, { id: u.id, email: u.email }])) as Fixture['users'];

  const sessions = new Map<Role, Record<string, string>>();
  async function session(role: Role) {
    const cached = sessions.get(role);
    if (cached) return cached;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: `${role}@test.example`, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
    const headers = { cookie: `tsunagari_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
    sessions.set(role, headers);
    return headers;
  }

  async function apiKey(role: 'partner' | 'analyst' | 'staff', organisationId?: string) {
    const prefix = randomBytes(6).toString('hex');
    const full = `tsk_${prefix}_${randomBytes(24).toString('base64url')}`;
    await db.insert(apiKeys).values({
      name: `test ${role}`,
      prefix,
      secretHash: sha256(full),
      role,
      organisationId: organisationId ?? (role === 'partner' ? partnerId : cityId),
    });
    return { authorization: `Bearer ${full}` };
  }

  async function as(who: Who, options: InjectOptions) {
    const auth = who === 'anonymous' ? {} : await session(who);
    return app.inject({ ...options, headers: { ...auth, ...options.headers } });
  }

  return {
    app,
    database,
    orgs: { city: city.id, partner: partner.id, otherPartner: otherPartner.id },
    users: userMap,
    session,
    apiKey,
    as,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** createFixture in beforeAll and close in afterAll; read `.current` inside tests. */
export function useFixture(config: Partial<AppConfig> = {}) {
  const holder = {} as { current: Fixture };
  beforeAll(async () => {
    holder.current = await createFixture(config);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** Asserts an RFC 9457 body with the given status and code. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  if (res.statusCode !== status) {
    throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${res.statusCode}: ${res.body}`);
  }
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers['content-type']}`);
  }
  const body = res.json();
  if (code && body.code !== code) throw new Error(`expected code ${code}, got ${body.code}: ${res.body}`);
  if (/at \w+ \(|node_modules|SELECT |INSERT /i.test(res.body)) throw new Error(`problem leaks internals: ${res.body}`);
  return body as { code: string; detail?: string; errors?: { path: string; message: string }[] };
}
