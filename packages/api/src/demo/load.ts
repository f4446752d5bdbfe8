import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations as organisationsTable, users } from '../db/schema/index.ts';
import { hashPassword } from '../lib/passwords.ts';
import { seedConsultations } from './consultations.ts';
import { seedDistribution } from './distribution.ts';
import { DEMO_PASSWORD, demoUsers, organisations } from './otaru-fy2021.ts';
import { seedSurveys } from './surveys.ts';
import { seedTargets } from './targets.ts';
import { seedTraining } from './training.ts';
import { seedWindows } from './windows.ts';

/** Loads the Otaru FY2021 demo set into an empty database; returns false when data exists. */
export async function loadDemoData(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisationsTable);
  if ((row?.n ?? 0) > 0) return false;
  await db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organisationsTable)
      .values(organisations.map(({ name, kind }) => ({ name, kind })))
      .returning();
    const orgId = (key: string) => {
      const name = organisations.find((o) => o.key === key)?.name;
      const found = orgRows.find((o) => o.name === name);
      if (!found) throw new Error(`demo organisation ${key} missing`);
      return found.id;
    };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await tx.insert(users).values(
      demoUsers.map((u) => ({
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        organisationId: orgId(u.org),
        passwordHash,
      })),
    );
    await seedWindows(tx, orgId);
    await seedDistribution(tx, orgId);
    await seedConsultations(tx);
    await seedTraining(tx);
    await seedSurveys(tx);
    await seedTargets(tx);
  });
  return true;
}
