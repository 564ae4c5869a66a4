// First: a failure while starting is one line for the person starting Balai, not a stack trace.
import { markListening } from './platform/startup.js';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { boot, claimDataDir, demoWarning } from './boot.js';
import { loadConfig } from './platform/config.js';
import { findUserByUsername } from './modules/identity/index.js';
import { channelsFromEnv, startNotificationWorker } from './platform/notify/index.js';
import { backupSettings, startBackupSchedule } from './platform/backup/index.js';
import { startRollupFolding } from './modules/monitoring/index.js';

const config = loadConfig();
const release = claimDataDir(config, 'server');
const { db } = await boot(config);
const app = createApp({ db, secureCookies: config.secureCookies });

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  markListening();
  console.log(`Balai berjalan di http://localhost:${info.port} (basis data: ${db.kind === 'pglite' ? `PGlite, ${db.location}` : `PostgreSQL, ${db.location}`})`);
});
if (await findUserByUsername(db.kysely, 'provinsi')) console.log(demoWarning());
// Messages to citizens (letter ready, request rejected) leave through the outbox, retried on
// failure; channels come from BALAI_SMTP_URL, BALAI_WHATSAPP_URL … (see the README).
const stopNotifications = startNotificationWorker(db, channelsFromEnv());
// A backup a day into DATA_DIR/backups (BACKUP_DIR), the newest BACKUP_KEEP kept; also what
// `balai backup` asks for while this server holds the embedded database.
const backups = backupSettings(process.env, config.dataDir, db.kind);
const stopBackups = startBackupSchedule(db, backups);
// Region rollups (province and national dashboards): pending deltas folded every few seconds.
const stopFolding = startRollupFolding(db);
if (backups.enabled) console.log(`Cadangan harian: ${backups.dir} (disimpan ${backups.keep} terakhir).`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await stopNotifications();
  await stopBackups();
  await stopFolding();
  await db.close();
  release();
  console.log('Balai berhenti. (Balai stopped.)');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
