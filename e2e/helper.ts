import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type App, type AppConfig, build } from '../packages/api/src/app.ts';
import { ensureAdmin } from '../packages/api/src/bootstrap.ts';
import type { Database } from '../packages/api/src/db/client.ts';
import { loadDemoData } from '../packages/api/src/demo/load.ts';
import { DEMO_PASSWORD } from '../packages/api/src/demo/otaru-fy2021.ts';
import { freshDatabase } from '../packages/api/test/helper.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const webDist = path.join(repoRoot, 'packages/web/dist');

/** Debian's chromium; CHROMIUM_PATH points elsewhere on other machines. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const ADMIN_EMAIL = 'admin@tsunagari.example';
export const PASSWORD = DEMO_PASSWORD;
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export interface System {
  app: App;
  database: Database;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  url: string;
  /** A fresh browser context (no cookies) in Japanese, Japan time. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** Session cookie and CSRF header for calling the API directly, e.g. to change data behind the browser's back. */
  apiSession(email: string): Promise<Record<string, string>>;
  /** Closes the contexts opened so far; with a name, first saves a screenshot of each open page. */
  closeContexts(failedTest?: string): Promise<void>;
  close(): Promise<void>;
}

/** The whole system in this process: API and built SPA on a fresh database with the demo data, and Chromium. */
export async function startSystem(config: Partial<AppConfig> = {}): Promise<System> {
  // Missing prerequisites fail the run loudly: a skipped browser test would pass CI unseen.
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}. The browser tests need it: install Debian's chromium ` +
        '(apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH.',
    );
  }
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`The SPA is not built (${webDist}/index.html is missing): run pnpm --filter @tsunagari/web build.`);
  }

  // A copy of the build: a rebuild in the working tree while the tests run (another terminal,
  // CI of a sibling checkout) would otherwise swap the files under the running app.
  const spa = mkdtempSync(path.join(tmpdir(), 'tsunagari-web-'));
  cpSync(webDist, spa, { recursive: true });

  const database = await freshDatabase();
  await loadDemoData(database.db);
  await ensureAdmin(database.db, ADMIN_EMAIL, PASSWORD);
  const app = await build({ database, webDist: spa, config: { RATE_LIMIT: 'off', ...config } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  } catch (error) {
    await app.close();
    await database.close();
    rmSync(spa, { recursive: true, force: true });
    throw new Error(`Chromium at ${chromiumPath} did not start: ${(error as Error).message}`);
  }

  let contexts: BrowserContext[] = [];
  const sessions = new Map<string, Record<string, string>>();
  async function closeContexts(failedTest?: string) {
    const open = contexts;
    contexts = [];
    if (failedTest) {
      const dir = path.join(tmpdir(), 'tsunagari-e2e');
      mkdirSync(dir, { recursive: true });
      const pages = open.flatMap((c) => c.pages());
      for (const [i, page] of pages.entries()) {
        const file = path.join(dir, `${failedTest.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${i}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        console.error(`e2e: ${failedTest}: page ${page.url()} saved to ${file}`);
      }
    }
    for (const context of open) await context.close().catch(() => {});
  }

  return {
    app,
    database,
    browser,
    url,
    async context(viewport = DESKTOP) {
      const context = await browser.newContext({
        baseURL: url,
        viewport,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
    async apiSession(email) {
      const cached = sessions.get(email);
      if (cached) return cached;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'tsunagari_session');
      const headers = { cookie: `tsunagari_session=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
      sessions.set(email, headers);
      return headers;
    },
    closeContexts,
    async close() {
      await closeContexts();
      await browser.close();
      await app.close();
      await database.close();
      rmSync(spa, { recursive: true, force: true });
    },
  };
}

/**
 * startSystem in beforeAll and close in afterAll; read `.current` inside tests. When the system
 * cannot start (no Chromium, SPA not built), every test fails with that reason, not "skipped".
 */
export function useSystem(config: Partial<AppConfig> = {}) {
  let system: System | null = null;
  let failure: unknown = null;
  beforeAll(async () => {
    try {
      system = await startSystem(config);
    } catch (error) {
      failure = error;
    }
  });
  // Each test's browser contexts end with it; a failing test leaves screenshots behind.
  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail';
    await system?.closeContexts(failed ? context.task.name : undefined);
  });
  afterAll(async () => {
    await system?.close();
  });
  return {
    get current(): System {
      if (!system) throw failure ?? new Error('the system is not started (used outside a test?)');
      return system;
    },
  };
}

/**
 * Signs in through the sign-in page, as a person would, and waits for the windows list (asked for
 * with ?next=: staff, admins and analysts otherwise start on the targets dashboard).
 */
export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in?next=%2Fwindows');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(/\/windows$/);
  await page.getByRole('heading', { level: 1, name: '相談窓口' }).waitFor();
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) and lists any violation in the failure message. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replaceAll('\n', ' ')}`)
        .join('\n')}`,
  );
}

/** Gzipped bytes of every script a page load fetched (the server sends them uncompressed). */
export function trackScripts(page: Page): () => Promise<number> {
  const pending: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .body()
        .then((body) => gzipSync(body).length)
        .catch(() => 0),
    );
  });
  return async () => (await Promise.all(pending)).reduce((sum, n) => sum + n, 0);
}
