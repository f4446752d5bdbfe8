#!/usr/bin/env node
// Development mode: the API under `tsx watch` (restarts on every change) and Vite's dev server
// (hot reload; it proxies /api, /openapi.json and /docs to the API) side by side.
// Both children are started from their own package's node_modules/.bin, so this works however
// pnpm itself was started (global, npx). Ctrl-C or SIGTERM stops both; when either exits on its
// own, the other is stopped too and this process exits with the first one's code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Fixed: packages/web/vite.config.ts proxies to this port.
const apiPort = '3000';
const win = process.platform === 'win32';

const env = {
  ...process.env,
  PORT: apiPort,
  // A relative DATA_DIR stays relative to the repository root, as with `pnpm start`.
  INIT_CWD: process.env.INIT_CWD || root,
};

let stopping = false;
let exitCode = 0;

const children = [
  { name: 'api', cwd: 'packages/api', bin: 'tsx', args: ['watch', '--clear-screen=false', 'src/server.ts'] },
  { name: 'web', cwd: 'packages/web', bin: 'vite', args: [] },
].map(({ name, cwd, bin, args }) => {
  const dir = fileURLToPath(new URL(`../${cwd}/`, import.meta.url));
  const command = `${dir}node_modules/.bin/${bin}${win ? '.cmd' : ''}`;
  // Each child gets its own process group, so a Ctrl-C reaches it once, through stop() below:
  // tsx takes a second signal as "kill -9 the server", which would skip its clean shutdown.
  // No stdin for the same reason: a process outside the terminal's group must not read it.
  const child = spawn(command, args, {
    cwd: dir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: !win,
    shell: win,
  });
  child.on('error', (error) => {
    console.error(`dev: could not start ${name} (${error.message}); did you run pnpm install?`);
    stop('SIGTERM', 1);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`dev: ${name} exited (${signal ?? code}); stopping the other one`);
    stop('SIGTERM', code ?? (signal ? 1 : 0));
  });
  return { name, child, signalled: false };
});

console.log(`dev: API on http://localhost:${apiPort} (tsx watch), SPA on Vite's dev server (see its URL below)`);

const running = () => children.filter(({ child }) => child.exitCode === null && child.signalCode === null);

/** Signals each running child once; a second Ctrl-C kills what is left. */
function stop(signal, code) {
  if (!stopping) {
    exitCode = code;
    stopping = true;
    // A child that ignores the signal must not keep the terminal forever.
    setTimeout(() => kill('SIGKILL'), 10_000).unref();
  }
  const left = running();
  if (left.length === 0) process.exit(exitCode);
  for (const entry of left) {
    if (entry.signalled) continue;
    entry.signalled = true;
    entry.child.kill(signal);
  }
}

function kill(signal) {
  for (const { child } of running()) child.kill(signal);
  process.exit(exitCode || 1);
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) kill('SIGKILL');
    else stop(signal, 0);
  });
}
// Should this process die some other way, do not leave the servers behind.
process.on('exit', () => {
  for (const { child } of running()) child.kill('SIGKILL');
});
