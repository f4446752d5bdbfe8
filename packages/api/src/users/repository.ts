import type { Role, User } from '@tsunagari/shared';
import { and, eq, getTableColumns, gt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, sessions, users } from '../db/schema/index.ts';

/** A freshly inserted row has no sign-in yet; reads carry it. */
type Row = typeof users.$inferSelect & { lastSignInAt?: Date | null };

/**
 * The last sign-in is derived from the audit log, which records every one, rather than kept in a
 * column that each sign-in would have to update; the (entity_type, entity_id) index finds it.
 */
// Written out with qualified names: drizzle leaves columns unqualified in a one-table select, where
// "id" inside the subquery would mean the audit entry's own id.
const lastSignInAt = sql<Date | null>`(
  select max(sign_in.at) from ${auditLog} as sign_in
  where sign_in.entity_type = 'user' and sign_in.entity_id = ${users}.id::text and sign_in.action = 'sign_in'
)`.mapWith(auditLog.at);

const withLastSignIn = { ...getTableColumns(users), lastSignInAt };

/** The one place a row becomes a response; the password hash never leaves the repository. */
export const toUser = (r: Row): User => ({
  id: r.id,
  email: r.email,
  displayName: r.displayName,
  role: r.role,
  organisationId: r.organisationId,
  disabled: r.disabled,
  version: r.version,
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listUsers(
  db: DbOrTx,
  opts: { limit: number; after: [string, string] | null; role?: Role | undefined; organisationId?: string | undefined },
) {
  const after = opts.after;
  return db
    .select(withLastSignIn)
    .from(users)
    .where(
      and(
        after ? or(gt(users.email, after[0]), and(eq(users.email, after[0]), gt(users.id, after[1]))) : undefined,
        opts.role ? eq(users.role, opts.role) : undefined,
        opts.organisationId ? eq(users.organisationId, opts.organisationId) : undefined,
      ),
    )
    .orderBy(users.email, users.id)
    .limit(opts.limit + 1);
}

export async function getUser(db: DbOrTx, id: string) {
  const [row] = await db.select(withLastSignIn).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function insertUser(
  db: DbOrTx,
  input: { email: string; displayName: string; role: Role; organisationId: string; passwordHash: string },
) {
  const [row] = await db.insert(users).values(input).returning();
  return row as Row;
}

export type UserPatch = Partial<
  Pick<Row, 'email' | 'displayName' | 'role' | 'organisationId' | 'passwordHash' | 'disabled'>
>;

/** Updates only when the stored version is the one the client read; null otherwise. */
export async function updateUser(db: DbOrTx, id: string, version: number, patch: UserPatch) {
  const [row] = await db
    .update(users)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning(withLastSignIn);
  return row ?? null;
}

export async function deleteUser(db: DbOrTx, id: string) {
  const [row] = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return row ?? null;
}

/**
 * Ids of the enabled admins, locked until the transaction ends, so that two admins
 * demoting each other at the same moment cannot leave the system without one.
 */
export async function lockActiveAdmins(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .for('update');
  return rows.map((r) => r.id);
}

/** Ends the user's sessions, except the one making the request (an admin changing their own password). */
export async function deleteUserSessions(db: DbOrTx, userId: string, keepSessionId?: string | null) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}
