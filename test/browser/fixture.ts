import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { axeViolations, hasChromium, launchBrowser, screenshot } from '../../src/testing/browser.js';
import { inviteSpecialist, login } from '../../src/testing/http-client.js';
import { startServerProcess, type ServerProcess } from '../../src/testing/server-process.js';

export const ADMIN = { username: 'admin', password: 'browser admin password' };
export const STAFF_PASSWORD = 'specialist password 1';

/** Chromium is required in CI (REQUIRE_REAL_SERVICES=1); elsewhere the browser suite skips, saying so. */
export const skipBrowser = !hasChromium && process.env.REQUIRE_REAL_SERVICES !== '1';
if (skipBrowser) console.warn('Browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium). CI installs it.');

export interface BrowserWorld {
  base: string;
  browser: Browser;
  server: ServerProcess;
  admin: string;
  contexts: BrowserContext[];
  /** SIGKILL the server and start it again on the same port (state survives only in Redis and Postgres). */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** Close every page of the last test: its people disconnect (specialists stop being routed). */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/** The built server as users run it (embedded backends, fresh DATA_DIR) and one headless Chromium. */
export async function startWorld(env: Record<string, string> = {}): Promise<BrowserWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerline-browser-'));
  const serverEnv = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    RATE_SEEKER_TOKENS: '100',
    ...env,
  };
  let server = startServerProcess(serverEnv, dataDir);
  const base = await server.listening;
  const browser = await launchBrowser();
  // No bootstrap admin when the test blanks it (first start through the setup token).
  const admin = serverEnv.BOOTSTRAP_ADMIN_USERNAME ? await login(base, ADMIN.username, ADMIN.password) : '';
  const contexts: BrowserContext[] = [];
  return {
    base,
    browser,
    get server() {
      return server;
    },
    admin,
    contexts,
    async restart(whileDown) {
      server.child.kill('SIGKILL');
      await server.exited;
      await whileDown?.();
      server = startServerProcess({ ...serverEnv, PORT: new URL(base).port }, dataDir);
      await server.listening;
    },
    async closePages() {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
    async close() {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One world for a describe block: started before its tests, its pages closed after each, stopped
 * at the end. The world is handed out at once and stands for the one `beforeAll` starts.
 */
export function useWorld(env: Record<string, string> = {}): BrowserWorld {
  let world: BrowserWorld | undefined;
  beforeAll(async () => {
    world = await startWorld(env);
  }, 60_000);
  afterEach(async () => world?.closePages());
  afterAll(async () => world?.close());
  return new Proxy({} as BrowserWorld, {
    get: (_, key) => {
      if (!world) throw new Error('the browser world is used before its beforeAll started it');
      return Reflect.get(world, key);
    },
  });
}

let staffCount = 0;
/** A staff account made over the API (its UI has its own test); returns its username. */
export async function staffAccount(w: BrowserWorld, role: 'specialist' | 'moderator' = 'specialist'): Promise<string> {
  const username = `${role}-${process.pid}-${++staffCount}`;
  await inviteSpecialist(w.base, w.admin, username, [], role);
  return username;
}

export async function newPage(w: BrowserWorld, options: Parameters<Browser['newContext']>[0], path: string): Promise<Page> {
  const context = await w.browser.newContext({ ...options, baseURL: w.base });
  context.setDefaultTimeout(10_000);
  w.contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error on ${path}: ${err.message}`));
  await page.goto(path);
  return page;
}

/** Sign in on a staff console's form. */
export async function signInUi(page: Page, username: string, password = STAFF_PASSWORD): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** axe finds nothing, and a screenshot is kept. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}
