import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { basename } from 'node:path';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/connect.js';
import { writeBackup, type BackupSummary } from './dump.js';
import { BACKUP_EXTENSION } from './format.js';

/**
 * Daily backups made by the running server, so a village on the embedded database has
 * copies without remembering to make them: one a day into BACKUP_DIR (default
 * DATA_DIR/backups), the newest BACKUP_KEEP (default 7) kept. The check runs every hour and
 * shortly after start, so a computer that is switched off at night still gets its copy.
 *
 * `balai backup` cannot open PGlite's files while the server has them; it leaves a request
 * file in the data directory, and the server makes the backup and writes down the outcome.
 */

export interface BackupSettings {
  enabled: boolean;
  dir: string;
  keep: number;
  /** Where `balai backup` leaves its request for the running server. */
  dataDir: string;
}

export function backupSettings(env: NodeJS.ProcessEnv, dataDir: string, kind: Db['kind']): BackupSettings {
  const keep = env.BACKUP_KEEP === undefined || env.BACKUP_KEEP === '' ? 7 : Math.max(0, Math.floor(Number(env.BACKUP_KEEP)) || 0);
  // On PostgreSQL the province's own backups (pg_dump, replicas) come first: only when asked.
  // Several server processes (src/cluster.ts): only the first keeps the schedule.
  // A Citus cluster is backed up by the cluster's own tools (see writeBackup): never scheduled here.
  const enabled = keep > 0 && kind !== 'citus' && (kind === 'pglite' || Boolean(env.BACKUP_DIR)) && env.BALAI_SCHEDULED_BACKUPS !== '0';
  return { enabled, dir: env.BACKUP_DIR || join(dataDir, 'backups'), keep, dataDir };
}

export const requestFile = (dataDir: string) => join(dataDir, 'backup.request');
export const statusFile = (dataDir: string) => join(dataDir, 'backup.status.json');

export interface BackupStatus {
  request: string | null;
  ok: boolean;
  at: string;
  file?: string;
  rows?: number;
  bytes?: number;
  error?: string;
}

/** `balai-2026-11-29-224818.balai.gz`: sorts by time, no characters Windows refuses. */
export function backupFileName(at = new Date()): string {
  const s = at.toISOString();
  return `balai-${s.slice(0, 10)}-${s.slice(11, 19).replace(/:/g, '')}${BACKUP_EXTENSION}`;
}

/** The backups in the folder, newest first. */
export function listBackups(dir: string): { name: string; path: string; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith('balai-') && n.endsWith(BACKUP_EXTENSION))
    .sort()
    .reverse()
    .map((name) => ({ name, path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }));
}

/** Keeps the newest `keep` backups; leftovers of an interrupted backup go too. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(keep)) {
    rmSync(old.path, { force: true });
    removed.push(old.name);
  }
  if (existsSync(dir))
    for (const n of readdirSync(dir)) if (n.endsWith('.partial') && Date.now() - statSync(join(dir, n)).mtimeMs > 3600_000) rmSync(join(dir, n), { force: true });
  return removed;
}

export interface ScheduleOptions {
  /** A day, unless a test says otherwise. */
  intervalMs?: number;
  checkEveryMs?: number;
  firstCheckMs?: number;
  /** How often the request file of `balai backup` is looked for. */
  requestPollMs?: number;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/** Starts the daily backups and the answer to `balai backup`; returns what stops them (waiting for a backup under way). */
export function startBackupSchedule(db: Db, settings: BackupSettings, options: ScheduleOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 24 * 3600_000;
  const log = options.log ?? ((l) => console.log(l));
  const error = options.error ?? ((l) => console.error(l));
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const backupNow = (request: string | null): Promise<BackupSummary | null> => {
    if (running) return running.then(() => backupNow(request));
    const target = join(settings.dir, backupFileName());
    const work = writeBackup(db, target)
      .then(async (s) => {
        const removed = pruneBackups(settings.dir, Math.max(settings.keep, 1));
        log(`[balai] Cadangan dibuat: ${s.file} (${s.rows.toLocaleString('id-ID')} baris, ${(s.bytes / 1024 / 1024).toFixed(1)} MB, ${s.seconds.toFixed(1)} detik)` +
          (removed.length ? `; dihapus karena melebihi ${settings.keep}: ${removed.join(', ')}` : ''));
        writeStatus({ request, ok: true, at: new Date().toISOString(), file: s.file, rows: s.rows, bytes: s.bytes });
        await auditBackup(db, s, request ? 'balai backup' : 'jadwal harian');
        return s;
      })
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        error(`[balai] Cadangan GAGAL / backup FAILED: ${message}`);
        writeStatus({ request, ok: false, at: new Date().toISOString(), error: message });
        return null;
      })
      .finally(() => {
        running = null;
      });
    running = work;
    return work;
  };

  const writeStatus = (s: BackupStatus) => {
    try {
      writeFileSync(statusFile(settings.dataDir), JSON.stringify(s));
    } catch {
      // The log line above says it already.
    }
  };

  const due = () => {
    const newest = listBackups(settings.dir)[0];
    return !newest || Date.now() - newest.mtimeMs >= intervalMs;
  };
  const check = () => {
    if (!stopped && settings.enabled && !running && due()) void backupNow(null);
  };
  const answerRequest = () => {
    const file = requestFile(settings.dataDir);
    if (stopped || !existsSync(file)) return;
    let request = '';
    try {
      request = readFileSync(file, 'utf8').trim();
      rmSync(file, { force: true });
    } catch {
      return;
    }
    void backupNow(request || 'cli');
  };

  const timers = [
    setTimeout(check, options.firstCheckMs ?? 60_000),
    setInterval(check, options.checkEveryMs ?? 3600_000),
    setInterval(answerRequest, options.requestPollMs ?? 2000),
  ];
  for (const t of timers) t.unref();
  return async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    await running;
  };
}

/** A backup is a copy of everyone's personal data: it is on record like any export (after it, so not inside it). */
export async function auditBackup(db: Db, s: BackupSummary, via: string): Promise<void> {
  await recordAudit(db.kysely, { actor: null, ip: '' }, { action: 'system.backup', detail: { file: basename(s.file), rows: s.rows, sha256: s.sha256, via } }, 'server').catch((err) =>
    console.error(`[balai] audit of a backup failed: ${err instanceof Error ? err.message : err}`),
  );
}
