import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** Another running process already holds the embedded database's data directory. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already in use by another Tsunagari process.\n` +
        '  Stop that process first, or start this one with another DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the lock on a PGlite data directory, so that a second server started on the same directory
 * stops at once with a clear message instead of hanging on (or corrupting) the files. PGlite runs
 * PostgreSQL in one process and has no postmaster.pid check of its own.
 *
 * The lock is `<dataDir>.lock` beside the directory (proper-lockfile: an atomic mkdir whose mtime
 * the holder refreshes), so a lock left by a killed process goes stale and is taken over.
 * Resolves to the function that releases it.
 */
export async function lockDataDir(
  dataDir: string,
  options: { onCompromised?: (error: Error) => void } = {},
): Promise<() => Promise<void>> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      realpath: false,
      lockfilePath: `${dataDir}.lock`,
      // Refreshed every 10 s; considered abandoned after a minute without refresh.
      stale: 60_000,
      update: 10_000,
      onCompromised:
        options.onCompromised ??
        ((error) => {
          console.error(`Lost the lock on ${dataDir}: ${error.message}. Stopping to protect the data.`);
          process.exit(1);
        }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}
