import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { apiKeys, organisations, sessions, users } from '../db/schema/index.ts';
import { randomToken, safeEqual, sha256 } from '../lib/tokens.ts';
import type { Principal } from './principal.ts';

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function createSession(db: DbOrTx, userId: string, ttlHours: number) {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db.insert(sessions).values({ id: sha256(token), userId, csrfToken, expiresAt });
  // Sign-in is a good moment to forget expired sessions.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function principalFromSession(db: DbOrTx, token: string): Promise<Principal | null> {
  const id = sha256(token);
  const [row] = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
    .limit(1);
  if (!row) return null;
  return {
    kind: 'user',
    id: row.userId,
    label: row.displayName,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    email: row.email,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
}

export const API_KEY_PREFIX = 'tsk';

/** A key reads `tsk_<prefix>_<secret>`; the prefix finds the row, the secret is compared by hash. */
export function newApiKeySecret() {
  const prefix = randomToken(6).replace(/[-_]/g, 'x');
  const secret = randomToken(32);
  return { prefix, full: `${API_KEY_PREFIX}_${prefix}_${secret}` };
}

export async function principalFromApiKey(db: DbOrTx, key: string): Promise<Principal | null> {
  const match = /^tsk_([A-Za-z0-9]+)_([A-Za-z0-9_-]+)$/.exec(key);
  if (!match?.[1]) return null;
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      secretHash: apiKeys.secretHash,
      role: apiKeys.role,
      organisationId: apiKeys.organisationId,
      organisationName: organisations.name,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.prefix, match[1]), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || !safeEqual(row.secretHash, sha256(key))) return null;
  // Record last use, at most once a minute per key, so busy partners do not write on every call.
  // This process remembers when it last wrote, so that a busy key costs one query a request, not
  // two. Safe with several replicas: the memory only skips writes the WHERE below would make a
  // no-op anyway (each replica still writes at most once a minute); the key itself is looked up
  // in the database on every request, so a revocation holds at once everywhere.
  const now = Date.now();
  if (now - (lastUseWritten.get(row.id) ?? 0) < LAST_USE_INTERVAL_MS) return principalOfKey(row);
  if (lastUseWritten.size > 10_000) lastUseWritten.clear();
  lastUseWritten.set(row.id, now);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return principalOfKey(row);
}

const LAST_USE_INTERVAL_MS = 60_000;
/** API key id → when this process last recorded its use (ms). */
const lastUseWritten = new Map<string, number>();

function principalOfKey(row: {
  id: string;
  name: string;
  role: Principal['role'];
  organisationId: string;
  organisationName: string;
}): Principal {
  return {
    kind: 'api_key',
    id: row.id,
    label: row.name,
    role: row.role,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    email: null,
    sessionId: null,
    csrfToken: null,
  };
}
