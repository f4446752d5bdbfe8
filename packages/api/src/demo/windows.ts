import type { Tx } from '../db/client.ts';

/** The consultation windows of the Otaru flyer (filled in by the windows feature). */
export async function seedWindows(_tx: Tx, _orgId: (key: string) => string): Promise<void> {}
