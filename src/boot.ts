import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from './platform/config.js';
import { connect, type Db } from './platform/db/connect.js';
import { migrate } from './platform/db/migrate.js';
import { seedDemo, DEMO_ACCOUNTS, DEMO_CITIZEN, DEMO_PASSWORD } from './modules/demo/seed-demo.js';
import { ensureRegionsLoaded } from './modules/regions/index.js';

/**
 * PGlite's data directory may be opened by one process at a time. The server marks it
 * with its PID; a command that writes refuses to run beside it, and says so plainly.
 */
export function claimDataDir(config: Config, owner: 'server' | 'cli'): () => void {
  if (config.databaseUrl) return () => {};
  const file = join(config.dataDir, 'balai.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Server Balai sedang berjalan (PID ${pid}) dan memakai basis data di ${config.dataDir}. ` +
          `Hentikan server dulu, lalu jalankan perintah ini lagi. (The Balai server is running; stop it first.)`,
      );
    }
  }
  if (owner === 'cli') return () => {};
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Open the database, bring the schema up to date, load the regions, and make the demo where it belongs. */
export async function boot(config: Config, log: (line: string) => void = console.log): Promise<{ db: Db; demoCreated: boolean }> {
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  if (applied.length) log(`Migrasi diterapkan: ${applied.join(', ')}`);
  const started = Date.now();
  const regions = await ensureRegionsLoaded(db.kysely);
  if (regions) log(`Data wilayah dimuat: ${regions.toLocaleString('id-ID')} wilayah dalam ${((Date.now() - started) / 1000).toFixed(1)} detik (sumber: idn-area-data, ODbL).`);
  // PGlite has no autovacuum: refresh the planner's statistics once at start.
  if (db.kind === 'pglite') await sql`analyze`.execute(db.kysely);
  // "auto": only a new embedded database (no accounts yet) gets the demo, never a restored one.
  const wantDemo = config.demo === 'yes' || (config.demo === 'auto' && db.kind === 'pglite' && !(await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()));
  const demoCreated = wantDemo ? await seedDemo(db) : false;
  if (demoCreated) log('Demo dibuat: Provinsi Lampung dengan Desa Hanura dan beberapa desa aktif.');
  return { db, demoCreated };
}

export function demoWarning(): string {
  // kios.hanura is made with the demo's fertiliser kiosk (src/modules/demo/demo-farmers.ts).
  const names = [...DEMO_ACCOUNTS.map((a) => a.username), 'kios.hanura'].join(', ');
  return [
    '',
    '  PERINGATAN / WARNING: akun demo aktif — hanya untuk demonstrasi, jangan dipakai untuk data sungguhan.',
    `  Akun: ${names} — kata sandi: ${DEMO_PASSWORD}`,
    // The log masks every 16-digit number, this one too: the README gives the demo NIK.
    `  Warga demo (/warga/masuk): ${DEMO_CITIZEN.name}, NIK di README (Demo accounts), PIN ${DEMO_CITIZEN.pin}`,
    '  Demo accounts are for demonstration only. Do not use them with real data.',
    '',
  ].join('\n');
}
