// First: a failure while starting is one line for the person starting Balai, not a stack trace.
import { markListening } from './platform/startup.js';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { boot, claimDataDir, demoWarning } from './boot.js';
import { checkServerConfig, loadConfig } from './platform/config.js';
import { ensurePrivateDir, ownerOnlyFiles, tightenFiles } from './platform/file-modes.js';
import { redactOutput } from './platform/redact.js';
import { findUserByUsername, sweepStaleAttempts } from './modules/identity/index.js';
import { channelsFromEnv, startNotificationWorker } from './platform/notify/index.js';
import { backupSettings, startBackupSchedule } from './platform/backup/index.js';
import { ensureCapture, startSyncSchedule } from './modules/sync/index.js';
import { startRollupFolding } from './modules/monitoring/index.js';
import { importJobs } from './modules/population/transfer/index.js';
import { sweepNikLookups } from './modules/population/index.js';

// Before anything is logged or written: NIK-shaped numbers masked in every output line, and
// every file created owner-only (the database, backups, the PID file).
redactOutput();
ownerOnlyFiles();
// A setting it cannot start with (ConfigError) is told in one line by startup.ts, like any start failure.
const config = loadConfig();
checkServerConfig(config);
if (!config.databaseUrl) warnIfWide(ensurePrivateDir(config.dataDir));
const release = claimDataDir(config, 'server');
const { db } = await boot(config);
// PGlite makes its files 0666 whatever the umask; the directory keeps others out, and so do the files.
if (db.kind === 'pglite') tightenFiles(config.dataDir);
// On a village's copy: every table records its changes before the first request (a copy
// restored from its backup, or given a new table by a migration, gets its capture back).
await ensureCapture(db);
const app = createApp({ db, secureCookies: config.secureCookies });

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  markListening();
  console.log(`Balai berjalan di http://localhost:${info.port} (basis data: ${db.kind === 'pglite' ? `PGlite, ${db.location}` : `PostgreSQL, ${db.location}`})`);
});
// An idle kept-alive connection is closed by the client (or the proxy in front) before the
// server: Node's 5 s default let the server close one just as a client sent its next request
// on it ("other side closed", seen when a village copy computed a long digest between calls).
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
if (await findUserByUsername(db.kysely, 'provinsi')) console.log(demoWarning());
// Messages to citizens (letter ready, request rejected) leave through the outbox, retried on
// failure; channels come from BALAI_SMTP_URL, BALAI_WHATSAPP_URL … (see the README).
const stopNotifications = startNotificationWorker(db, channelsFromEnv());
// A backup a day into DATA_DIR/backups (BACKUP_DIR), the newest BACKUP_KEEP kept; also what
// `balai backup` asks for while this server holds the embedded database.
const backups = backupSettings(process.env, config.dataDir, db.kind);
if (backups.enabled) warnIfWide(ensurePrivateDir(backups.dir));
const stopBackups = startBackupSchedule(db, backups);
// Region rollups (province and national dashboards): pending deltas folded every few seconds.
const stopFolding = startRollupFolding(db);
// A village's own copy (balai sync-clone) sends its work up and takes the server's down every few minutes.
const stopSync = startSyncSchedule(db);
// Long jobs (imports) live in the database: this process runs confirmed ones, and takes over
// those whose process died (after a restart, or another process's crash).
const jobRunner = importJobs(db, 5000);
if (backups.enabled) console.log(`Cadangan harian: ${backups.dir} (disimpan ${backups.keep} terakhir).`);

// Attempt counters (lock-outs, /v rate limit) and per-hour NIK look-up counts whose window is long over.
const stopSweeping = sweepStaleAttempts(db);
const stopLookupSweep = sweepNikLookups(db);

function warnIfWide(warning: string | null) {
  if (warning) console.warn(warning);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await stopNotifications();
  await stopBackups();
  await stopFolding();
  await stopSync();
  stopSweeping();
  stopLookupSweep();
  await jobRunner.stop();
  await db.close();
  release();
  console.log('Balai berhenti. (Balai stopped.)');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
