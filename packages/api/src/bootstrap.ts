import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { organisations, users } from './db/schema/index.ts';
import { hashPassword } from './lib/passwords.ts';

/**
 * The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists.
 * Returns the password when it had to be generated, so the caller can print it once.
 */
export async function ensureAdmin(
  db: Db,
  email: string,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (existing.length > 0) return { created: false, generatedPassword: null };
  const generatedPassword = password ? null : randomBytes(12).toString('base64url');
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, 'city_department'))
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  const organisationId =
    org?.id ?? (await db.insert(organisations).values({ name: 'システム管理', kind: 'other' }).returning())[0]?.id;
  if (!organisationId) throw new Error('could not create the admin organisation');
  await db.insert(users).values({
    email: email.toLowerCase(),
    displayName: '管理者',
    role: 'admin',
    organisationId,
    passwordHash: await hashPassword(password ?? (generatedPassword as string)),
  });
  return { created: true, generatedPassword };
}
