#!/usr/bin/env node
// Makes sure the browser tests have a Chromium to drive (playwright-core downloads none).
// Debian's chromium is used, with Japanese fonts so pages render real text, not boxes.
// Runs before `pnpm test`; as root it installs what is missing, otherwise it says what to do.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

// e2e/helper.ts reads CHROMIUM_PATH; CHROME_PATH is the name other tools (lighthouse) use.
const custom = process.env.CHROMIUM_PATH || process.env.CHROME_PATH;
const chrome = custom || '/usr/bin/chromium';
const FONTS_DIR = '/usr/share/fonts/opentype/noto';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const missing = [];
if (!executable(chrome)) missing.push('chromium');
// Fonts only matter for Debian's chromium; a browser of one's own brings its own setup.
if (!custom && hasApt && !existsSync(FONTS_DIR)) missing.push('fonts-noto-cjk');

if (missing.length === 0) process.exit(0);

if (!missing.includes('chromium')) {
  // Chromium is there; missing fonts make screenshots unreadable but do not break tests.
  if (isRoot) install(missing, { required: false });
  else console.warn(`ensure-chromium: ${missing.join(' ')} is not installed; Japanese text may render as boxes.`);
  process.exit(0);
}

if (custom) {
  fail(`CHROMIUM_PATH (or CHROME_PATH) is set to ${chrome}, which is not an executable file.`);
}
if (!hasApt) {
  fail(
    `No Chromium at ${chrome} and no apt-get to install one.\n` +
      '  Install Chromium (or Chrome) and set CHROMIUM_PATH to its executable, then run the tests again.',
  );
}
if (!isRoot) {
  fail(
    `No Chromium at ${chrome}. The browser tests need Debian's chromium; install it as root with\n` +
      '    sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n' +
      '  or set CHROMIUM_PATH to another Chromium or Chrome executable.',
  );
}
install(missing, { required: true });
if (!executable(chrome)) fail(`apt-get finished but ${chrome} is still missing.`);
console.log(`ensure-chromium: installed ${missing.join(' ')}`);

function install(packages, { required }) {
  console.log(`ensure-chromium: installing ${packages.join(' ')} with apt-get (this takes a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const opts = { stdio: ['ignore', 'inherit', 'inherit'], env };
  const update = spawnSync('apt-get', ['update'], opts);
  const result = update.status === 0 ? spawnSync('apt-get', ['install', '-y', ...packages], opts) : update;
  if (result.status !== 0) {
    const message = `apt-get could not install ${packages.join(' ')} (exit ${result.status ?? result.signal}).`;
    if (required) fail(message);
    console.warn(`ensure-chromium: ${message}`);
  }
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}
