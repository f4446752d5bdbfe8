import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/db/data-dir-lock.ts';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));
const scratch = await mkdtemp(path.join(tmpdir(), 'tsunagari-lock-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the embedded database directory is held by one process at a time', () => {
  it('a second lock on the same directory is refused until the first is released', async () => {
    const dir = path.join(scratch, 'a');
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it('another directory is not affected', async () => {
    const first = await lockDataDir(path.join(scratch, 'b'));
    const second = await lockDataDir(path.join(scratch, 'c'));
    await Promise.all([first(), second()]);
  });

  it('a server started on a directory in use stops at once with a message saying what to do', async () => {
    const dir = path.join(scratch, 'in-use');
    const release = await lockDataDir(dir);
    try {
      const child = spawn(path.join(apiRoot, 'node_modules/.bin/tsx'), ['src/server.ts'], {
        cwd: apiRoot,
        env: { ...process.env, DATA_DIR: dir, INIT_CWD: scratch, PORT: '0', DATABASE_URL: '', DEMO_DATA: 'off' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (b) => (output += b));
      child.stderr.on('data', (b) => (output += b));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain('already in use by another Tsunagari process');
      expect(output).toContain('DATA_DIR');
    } finally {
      await release();
    }
  });
});
