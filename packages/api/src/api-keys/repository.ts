import type { ApiKey } from '@tsunagari/shared';
import { and, desc, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import { API_KEY_PREFIX, newApiKeySecret } from '../auth/repository.ts';
import type { DbOrTx } from '../db/client.ts';
import { apiKeys } from '../db/schema/index.ts';
import { sha256 } from '../lib/tokens.ts';

type Row = typeof apiKeys.$inferSelect;

/** The one place a row becomes a response; the hash never leaves the repository. */
export const toApiKey = (r: Row): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: `${API_KEY_PREFIX}_${r.prefix}`,
  role: r.role,
  organisationId: r.organisationId,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** Newest first; each row carries `cursorAt`, its creation time at full precision for the next page. */
export async function listApiKeys(
  db: DbOrTx,
  opts: {
    limit: number;
    after: [string, string] | null;
    organisationId?: string | undefined;
    role?: Row['role'] | undefined;
    status?: 'active' | 'revoked' | undefined;
  },
) {
  const after = opts.after;
  return db
    .select({ ...getTableColumns(apiKeys), cursorAt: sql<string>`${apiKeys.createdAt}::text` })
    .from(apiKeys)
    .where(
      and(
        after ? sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        opts.organisationId ? eq(apiKeys.organisationId, opts.organisationId) : undefined,
        opts.role ? eq(apiKeys.role, opts.role) : undefined,
        opts.status === 'active' ? isNull(apiKeys.revokedAt) : undefined,
        opts.status === 'revoked' ? isNotNull(apiKeys.revokedAt) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(opts.limit + 1);
}

export async function getApiKey(db: DbOrTx, id: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row ?? null;
}

/** Stores only the prefix and the SHA-256 of the whole key; returns the key once for the caller to show. */
export async function insertApiKey(
  db: DbOrTx,
  input: { name: string; role: Row['role']; organisationId: string; createdBy: string | null },
) {
  const { prefix, full } = newApiKeySecret();
  const [row] = await db
    .insert(apiKeys)
    .values({ ...input, prefix, secretHash: sha256(full) })
    .returning();
  return { row: row as Row, secret: full };
}

/** Revokes a key that is still active; null when there is none such (unknown or revoked already). */
export async function revokeApiKey(db: DbOrTx, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row ?? null;
}
