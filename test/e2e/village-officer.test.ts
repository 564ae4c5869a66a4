import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real thing: `npm start`'s server on a fresh database, driven by Debian's Chromium
 * on a phone-sized screen.
 */
const PORT = 3000 + Math.floor(Math.random() * 2000) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: ChildProcess;
let browser: Browser;
let dataDir: string;
let database: string | undefined;
let serverLog = '';

async function waitForHealth(timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not start:\n${serverLog}`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'balai-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir };
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    database = `balai_e2e_${PORT}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${database}`;
    Object.assign(env, { DATABASE_URL: u.toString(), BALAI_DEMO: '1' });
  }
  server = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => (serverLog += d));
  server.stderr!.on('data', (d) => (serverLog += d));
  await waitForHealth();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (database && process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});

describe('a village operator in Chromium on a phone', () => {
  it('logs in as hanura, sees Hanura, and cannot open another village', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));

    await page.goto(`${BASE}/masuk`);
    await page.getByLabel('Nama pengguna').fill('hanura');
    await page.getByLabel('Kata sandi').fill('balai-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${BASE}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Beranda · Hanura');

    await page.getByRole('link', { name: 'Desa saya' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Desa Hanura');
    expect(await page.getByLabel('Nama kepala desa').inputValue()).toBe('Ahmad Suhendra');
    expect(await page.locator('ul.tree').first().textContent()).toContain('Dusun I');
    // the page fits a 360-px phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(tmpdir(), 'balai-e2e-hanura.png'), fullPage: true });

    await page.getByLabel('Telepon').fill('0721 555 000');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toBe('Profil desa disimpan.');

    const other = await page.goto(`${BASE}/desa/18.09.10.2001`);
    expect(other!.status()).toBe(403);
    expect(await page.locator('.notice.error').textContent()).toBe('Anda tidak berhak mengakses wilayah 18.09.10.2001.');
    expect(scripts).toEqual([]); // pages work without any JavaScript
    await page.close();
  });
});
