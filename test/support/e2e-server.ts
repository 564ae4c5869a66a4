import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

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
export async function startE2E(): Promise<E2E> {
  const port = 3000 + Math.floor(Math.random() * 2000) + 1000;
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  let database: string | undefined;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    database = `balai_e2e_${port}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${database}`;
    Object.assign(env, { DATABASE_URL: u.toString(), BALAI_DEMO: '1' });
  }
  let serverLog = '';
  const server: ChildProcess = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => (serverLog += d));
  server.stderr!.on('data', (d) => (serverLog += d));
  const until = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > until || server.exitCode !== null) throw new Error(`server did not start:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    base,
    browser,
    log: () => serverLog,
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (database && url) {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`drop database if exists ${database} with (force)`);
        await admin.end();
      }
    },
  };
}

/** Starts the server and browser before the file's tests and stops them after; `ready` gets them. */
export function useE2E(ready: (e2e: E2E) => void): void {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E();
    ready(e2e);
  });
  afterAll(() => e2e?.stop());
}

/** A desktop page logged in as a demo officer (password balai-demo). */
export async function officerPage(e2e: Pick<E2E, 'base' | 'browser'>, username: string): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 1024, height: 800 } });
  await page.goto(`${e2e.base}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('balai-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${e2e.base}/`);
  return page;
}
