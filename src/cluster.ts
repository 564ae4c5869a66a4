// First: a failure while starting is one line for the person starting Balai, not a stack trace.
import { markListening } from './platform/startup.js';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { boot } from './boot.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { ownerOnlyFiles } from './platform/file-modes.js';
import { redactOutput } from './platform/redact.js';

/**
 * The production start on PostgreSQL: `npm run build`, then `node dist/cluster.js` (or
 * `npm run start:prod`). The primary process brings the database up to date once, then
 * runs BALAI_WORKERS server processes (default: one per core) that share the port; one that
 * dies is started again. Nothing that matters lives in a process: sessions, jobs and their
 * progress, the outbox and the rollups are in the database, and the background work in
 * every process takes its rows with SKIP LOCKED or an advisory lock. Scheduled backups run
 * in the first slot only. On the embedded database (no DATABASE_URL) there is one process.
 */

if (cluster.isPrimary) {
  redactOutput();
  ownerOnlyFiles();
  const config = loadConfig();
  const wanted = workerCount(process.env.BALAI_WORKERS);
  if (!config.databaseUrl) {
    if (wanted > 1) console.log('PGlite (basis data bawaan) hanya bisa dibuka satu proses: Balai berjalan dengan satu proses. Pakai DATABASE_URL (PostgreSQL) untuk beberapa proses.');
    await import('./server.js');
  } else {
    // Migrations, regions and the demo once, here, so the workers do not race to do them.
    const { db } = await boot(config);
    await db.close();
    superviseWorkers(wanted);
  }
} else {
  await import('./server.js');
}

function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ConfigError(`BALAI_WORKERS harus bilangan bulat 1–256, bukan "${value}". (BALAI_WORKERS must be a whole number from 1 to 256.)`);
  return n;
}

/** Keeps `count` workers running, one per slot, until SIGTERM or SIGINT; then stops them and exits. */
function superviseWorkers(count: number) {
  let stopping = false;
  const slots = new Map<Worker, number>();
  const start = (slot: number) => {
    // The demo (if any) is made already; backups on schedule in slot 0 only.
    const worker = cluster.fork({ BALAI_DEMO: 'no', BALAI_WORKER_SLOT: String(slot), BALAI_SCHEDULED_BACKUPS: slot === 0 ? '' : '0' });
    slots.set(worker, slot);
  };
  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker);
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) {
        console.log('Balai berhenti. (Balai stopped.)');
        process.exit(0);
      }
      return;
    }
    console.error(`[balai] proses ${worker.process.pid} berhenti (${signal ?? `kode ${code}`}); dijalankan lagi.`);
    // A worker that cannot start at all should not spin: wait a little before the next one.
    setTimeout(() => start(slot ?? 0), 1000);
  });
  for (let slot = 0; slot < count; slot++) start(slot);
  markListening();
  console.log(`Balai: ${count} proses server (PostgreSQL).`);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    if (slots.size === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
