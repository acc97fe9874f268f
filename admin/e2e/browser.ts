/**
 * The browser suite's harness: Debian's Chromium driven by playwright-core, and the
 * real server (built console + API) on a loopback port over a seeded SQLite database.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Clock } from '../../server/clock';
import { createApp } from '../../server/app';
import { PROJECT_ROOT } from '../../server/config';
import { createTestDb, testConfig, TEST_NOW, type TestDb } from '../../server/test/harness';
import { seedDemo, DEMO_PASSWORD } from '../../db/seeds/demo';
import { SPA_DIR } from '../../scripts/spaBuild';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results', 'screenshots');

// The flags that keep Chromium quiet on a machine with no outside network (STACK.md).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Console {
  url: string;
  db: TestDb;
  close(): Promise<void>;
}

/**
 * The real server on 127.0.0.1, with the demo data as of TEST_NOW. `clock`: the server's
 * time (the system's by default); `seed` adds rows once the demo is in; `uploads`: the demo's
 * document files written to an uploads folder of its own, for tests that open or add files.
 */
export async function startConsole(options: { clock?: Clock; seed?: (db: Knex) => Promise<void>; uploads?: boolean } = {}): Promise<Console> {
  const db = await createTestDb();
  const uploadsDir = options.uploads ? mkdtempSync(path.join(tmpdir(), 'console-e2e-uploads-')) : undefined;
  await seedDemo(db.db, { now: TEST_NOW, uploadsDir });
  await options.seed?.(db.db);
  const built = createApp({ db: db.db, config: testConfig(uploadsDir ? { uploadsDir } : {}), clock: options.clock, spaDir: SPA_DIR, log: () => {} });
  const server: Server = await new Promise((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      built.close();
      await db.cleanup();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Collects uncaught page errors and console errors, so that a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"], input#username').fill(email);
  await page.locator('input[name="password"], input#password').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
