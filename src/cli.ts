import { parseArgs } from 'node:util';
import { boot, claimDataDir, demoWarning } from './boot.js';
import { loadConfig } from './platform/config.js';
import { ownerOnlyFiles } from './platform/file-modes.js';
import { redactOutput } from './platform/redact.js';
import { connect } from './platform/db/connect.js';
import { migrate } from './platform/db/migrate.js';
import { AppError } from './platform/http/errors.js';
import { t } from './platform/i18n/i18n.js';
import { seedDemo } from './modules/demo/seed-demo.js';
import { createAdminFromCli } from './modules/identity/index.js';
import { GENERATE_POPULATION_HELP, generatePopulationCommand } from './modules/population/generate-population.command.js';
import { ensureRegionsLoaded } from './modules/regions/index.js';
import { REBUILD_ROLLUPS_HELP, rebuildRollupsCommand } from './modules/monitoring/index.js';
import { SYNC_HELP, syncCommand } from './modules/sync/index.js';
import { BACKUP_HELP, backupCommand, mergeVillageCommand, restoreCommand, verifyBackupCommand } from './platform/backup/index.js';

const HELP = `Balai — perintah administrasi

  balai migrate                      terapkan migrasi basis data yang belum dijalankan
  balai load-regions                 muat data wilayah Indonesia (sekali; idn-area-data, ODbL)
  balai seed-demo                    buat demo: desa aktif di Lampung dan akun demo
  balai create-admin --username U --password P --name "Nama" [--role province_admin --region 18 | --role national_admin]
                                     buat akun administrator provinsi atau nasional
${GENERATE_POPULATION_HELP}
${REBUILD_ROLLUPS_HELP}
${BACKUP_HELP}
${SYNC_HELP}

Basis data: PGlite di DATA_DIR (bawaan ./data), atau PostgreSQL bila DATABASE_URL diisi.
Dengan PGlite, hentikan server dulu sebelum menjalankan perintah yang menulis.`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  // As the server: no NIK in any output line, every file (a restored database, a backup) owner-only.
  redactOutput();
  ownerOnlyFiles();
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') return console.log(HELP);
  // A backup only reads: with PGlite held by the running server, it asks the server instead.
  if (command === 'backup') return backupCommand(rest, config);
  if (command === 'verify-backup') return verifyBackupCommand(rest);
  claimDataDir(config, 'cli');
  switch (command) {
    case 'migrate': {
      const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const applied = await migrate(db);
      console.log(applied.length ? `Diterapkan: ${applied.join(', ')}` : 'Basis data sudah mutakhir.');
      return db.close();
    }
    case 'load-regions': {
      const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      const n = await ensureRegionsLoaded(db.kysely);
      console.log(n ? `Dimuat: ${n} wilayah.` : 'Data wilayah sudah ada.');
      return db.close();
    }
    case 'seed-demo': {
      const { db } = await boot({ ...config, demo: 'no' });
      const created = await seedDemo(db);
      console.log(created ? 'Demo dibuat.' : 'Demo sudah ada.');
      console.log(demoWarning());
      return db.close();
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'province_admin' }, region: { type: 'string', default: '' } },
      });
      if (!values.username || !values.password || !values.name) throw new Error('Wajib: --username, --password dan --name.');
      if (values.role !== 'province_admin' && values.role !== 'national_admin') throw new Error('--role harus province_admin atau national_admin.');
      const { db } = await boot({ ...config, demo: 'no' });
      const user = await createAdminFromCli(db, { username: values.username, password: values.password, fullName: values.name, role: values.role, regionCode: values.region ?? '' });
      console.log(`Akun ${user.username} dibuat.`);
      return db.close();
    }
    case 'restore':
      return restoreCommand(rest, config);
    case 'merge-village':
      return mergeVillageCommand(rest, config);
    case 'generate-population':
      return generatePopulationCommand(rest, async () => (await boot({ ...config, demo: 'no' })).db);
    case 'sync-key':
    case 'sync-clone':
    case 'sync':
      return syncCommand(command, rest, async () => (await boot({ ...config, demo: 'no' })).db);
    case 'rebuild-rollups':
      return rebuildRollupsCommand(rest, async () => (await boot({ ...config, demo: 'no' })).db);
    default:
      console.error(`Perintah tidak dikenal: ${command}\n\n${HELP}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof AppError ? t('id', err.key, err.params) : err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
