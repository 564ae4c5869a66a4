import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { withDatabase } from './citus.js';
import './e2e-template.js';
import { PHONE_WIDTH, TAP_MIN, measurePhonePage } from './phone-check.js';
import { scratchPostgres, startServer } from './server-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  base: string;
  browser: Browser;
  log(): string;
  stop(): Promise<void>;
}

/**
 * The real thing: `npm start`'s server on a fresh database with the demo (the embedded one,
 * or a throw-away PostgreSQL database when TEST_DATABASE_URL is set), and Debian's Chromium.
 */
export async function startE2E(extraEnv: NodeJS.ProcessEnv = {}): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-e2e-'));
  // A copy of the demo made once for the run (test/support/e2e-template.ts).
  const template = { dir: inject('e2eDataDir'), db: inject('e2eTemplateDb') };
  if (template.dir) cpSync(template.dir, dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...extraEnv, DATA_DIR: dataDir };
  const url = process.env.TEST_DATABASE_URL;
  const database = url ? (template.db ? await copyOf(url, template.db) : await scratchPostgres(url, 'balai_e2e')) : undefined;
  if (database) Object.assign(env, { DATABASE_URL: database.url, BALAI_DEMO: '1' });
  const server = await startServer(env, 90_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    base: server.base,
    browser,
    log: server.log,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** A throw-away PostgreSQL database made from the run's demo template. */
async function copyOf(url: string, templateDb: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `balai_e2e_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  await run(`create database ${name} template ${templateDb}`);
  return { url: withDatabase(url, name), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Starts the server and browser before the file's tests and stops them after; `ready` gets them. */
export function useE2E(ready: (e2e: E2E) => void, env: NodeJS.ProcessEnv = {}): void {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E(env);
    ready(e2e);
  });
  afterAll(() => e2e?.stop());
}

/** A desktop page logged in as a demo officer (password balai-demo). */
export async function officerPage(e2e: Pick<E2E, 'base' | 'browser'>, username: string): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 1024, height: 800 } });
  await logIn(page, e2e.base, username);
  return page;
}

/** Logs a page in as a demo officer through the login form, as a person would. */
export async function logIn(page: Page, base: string, username: string) {
  await page.goto(`${base}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('balai-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${base}/`);
}

/** The page's full width once it has loaded (a click may still be navigating): on a 360-px phone nothing may scroll sideways. */
export async function pageWidth(page: Page): Promise<number> {
  await page.waitForLoadState('load');
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * Sends a form by its button and waits for the page that comes back: most steps come back to
 * the same address with the same notice, so a notice alone cannot tell the new page from the old.
 * `within` (a form, a section) picks the button when the page has several of the same name.
 */
export async function submit(page: Page, button: string, within: Page | Locator = page) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    within.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
}

/** The page, loaded, fits a 360-px phone with no sideways scroll and no tap target under 24 px. */
export async function phoneReady(page: Page) {
  await page.waitForLoadState('load');
  const found = await page.evaluate(measurePhonePage, TAP_MIN);
  expect(found.width, `${page.url()} ${found.widest}`).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(found.small, page.url()).toEqual([]);
}
