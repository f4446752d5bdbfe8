import type { ResultsChallenges } from '@tsunagari/shared';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { resultsReportChallenges as rc } from '../db/schema/index.ts';

type Row = typeof rc.$inferSelect;

/** A year nobody has written for yet reads as empty text at version 0. */
export const toChallenges = (fiscalYear: number, row: Row | null): ResultsChallenges => ({
  fiscalYear,
  text: row?.text ?? '',
  version: row?.version ?? 0,
  updatedAt: row?.updatedAt.toISOString() ?? null,
  updatedBy: row?.updatedBy ?? null,
});

export async function getChallenges(db: DbOrTx, fiscalYear: number) {
  const [row] = await db.select().from(rc).where(eq(rc.fiscalYear, fiscalYear));
  return row ?? null;
}

/**
 * Saves the text when the stored version is the one the client read (0: none stored yet);
 * null when someone saved in between.
 */
export async function saveChallenges(
  db: DbOrTx,
  fiscalYear: number,
  version: number,
  text: string,
  updatedBy: string | null,
) {
  if (version === 0) {
    const [row] = await db
      .insert(rc)
      .values({ fiscalYear, text, version: 1, updatedBy })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }
  const [row] = await db
    .update(rc)
    .set({ text, version: version + 1, updatedBy, updatedAt: new Date() })
    .where(and(eq(rc.fiscalYear, fiscalYear), eq(rc.version, version)))
    .returning();
  return row ?? null;
}
