import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { writeBackup, type Progress } from './dump.js';
import { BackupError, verifyBackup } from './format.js';
import { restoreBackup } from './restore.js';
import { mergeVillage, planMerge, type MergePlan } from './merge.js';
import { auditBackup, backupFileName, backupSettings, requestFile, statusFile, type BackupStatus } from './schedule.js';
import { recordAudit } from '../audit/audit.js';

export const BACKUP_HELP = `  balai backup [--out BERKAS]         cadangkan seluruh basis data ke satu berkas (bawaan: DATA_DIR/backups/balai-<waktu>.balai.gz)
  balai restore BERKAS               pulihkan cadangan ke instalasi KOSONG (PGlite atau PostgreSQL, dari yang mana pun)
  balai verify-backup BERKAS         periksa cadangan: jumlah baris tiap tabel dan checksum
  balai merge-village BERKAS --as AKUN [--desa KODE] [--preview]
                                     gabungkan data satu desa dari cadangan salinan desanya ke server yang sudah
                                     melayani desa lain; --preview hanya menampilkan isi dan bentrokan`;

/** Progress on one line of a terminal; every tenth of the way in a log. */
function progressPrinter(label: (p: Progress) => string) {
  let lastTenth = -1;
  const tty = process.stderr.isTTY;
  return {
    update(p: Progress) {
      const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      const text = `${label(p)} ${pct}% (${p.done.toLocaleString('id-ID')} / ${p.total.toLocaleString('id-ID')} baris)${p.table ? ` — ${p.table}` : ''}`;
      if (tty) process.stderr.write(`\r${text.padEnd(100)}`);
      else if (Math.floor(pct / 10) !== lastTenth) {
        lastTenth = Math.floor(pct / 10);
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

const phaseLabel = (p: Progress) => (p.phase === 'write' ? 'Menulis' : p.phase === 'verify' ? 'Memeriksa' : 'Memulihkan');

/** The running server's PID when it holds PGlite's data directory. */
function runningServer(config: Config): number | null {
  if (config.databaseUrl) return null;
  const file = join(config.dataDir, 'balai.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8'));
  if (!pid || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function backupCommand(args: string[], config: Config, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, wait: { type: 'string', default: '1800' } } });
  const settings = backupSettings(env, config.dataDir, config.databaseUrl ? 'postgresql' : 'pglite');
  const out = resolve(values.out ?? join(settings.dir, backupFileName()));

  const pid = runningServer(config);
  if (pid) {
    // PGlite is open in the server: ask it to make the backup, and wait for its answer.
    const id = randomBytes(8).toString('hex');
    writeFileSync(requestFile(config.dataDir), id);
    console.log(`Server Balai berjalan (PID ${pid}); server diminta membuat cadangan…`);
    const until = Date.now() + Number(values.wait) * 1000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      let status: BackupStatus | null = null;
      try {
        status = JSON.parse(readFileSync(statusFile(config.dataDir), 'utf8')) as BackupStatus;
      } catch {
        status = null;
      }
      if (status?.request === id) {
        if (!status.ok) throw new BackupError(`Server gagal membuat cadangan: ${status.error}`);
        if (values.out) {
          mkdirSync(dirname(out), { recursive: true });
          copyFileSync(status.file!, out);
          await verifyBackup(out);
        }
        console.log(`Cadangan selesai: ${values.out ? out : status.file} (${status.rows!.toLocaleString('id-ID')} baris, ${(status.bytes! / 1024 / 1024).toFixed(1)} MB, diperiksa).`);
        return;
      }
      if (Date.now() > until) throw new BackupError('Server tidak menjawab permintaan cadangan. Periksa log server. (The server did not answer the backup request.)');
    }
  }

  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')))
    throw new BackupError(`Tidak ada basis data di ${config.dataDir}. (No database in DATA_DIR.)`);
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const progress = progressPrinter(phaseLabel);
  try {
    const s = await writeBackup(db, out, (p) => progress.update(p));
    progress.done();
    await auditBackup(db, s, 'balai backup');
    console.log(`Cadangan selesai: ${s.file}`);
    console.log(`  ${s.rows.toLocaleString('id-ID')} baris dari ${s.tables.length} tabel, ${(s.bytes / 1024 / 1024).toFixed(1)} MB, ${s.seconds.toFixed(1)} detik; skema ${s.migrations.at(-1) ?? '-'}; SHA-256 ${s.sha256.slice(0, 16)}…`);
    if (!s.tables.some((t) => t.name === 'users' && t.rows > 0)) console.log('  Perhatian: basis data ini belum berisi akun atau data desa.');
    console.log('  Simpan salinannya di luar komputer ini (flashdisk, komputer lain, penyimpanan awan).');
  } finally {
    progress.done();
    await db.close();
  }
}

export async function restoreCommand(args: string[], config: Config): Promise<void> {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) throw new BackupError('Sebutkan berkas cadangan: balai restore BERKAS');
  if (!existsSync(file)) throw new BackupError(`Berkas ${file} tidak ditemukan. (File not found.)`);
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const progress = progressPrinter(phaseLabel);
  try {
    const s = await restoreBackup(db, resolve(file), (p) => progress.update(p));
    progress.done();
    await recordAudit(db.kysely, { actor: null, ip: '' }, { action: 'system.restore', detail: { backup_created_at: s.backupCreatedAt, engine: s.backupEngine, rows: s.rows } }, 'balai restore');
    console.log(`Pemulihan selesai: ${s.rows.toLocaleString('id-ID')} baris dari ${s.tables.length} tabel dalam ${s.seconds.toFixed(1)} detik`);
    console.log(`  (cadangan ${s.backupEngine === 'pglite' ? 'PGlite' : 'PostgreSQL'} dari ${s.backupCreatedAt}${s.upgraded.length ? `; skema diperbarui: ${s.upgraded.join(', ')}` : ''}).`);
    console.log('  Jalankan server: npm start');
  } finally {
    progress.done();
    await db.close();
  }
}

export async function verifyBackupCommand(args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) throw new BackupError('Sebutkan berkas cadangan: balai verify-backup BERKAS');
  const v = await verifyBackup(resolve(file));
  console.log(`Cadangan utuh: ${v.rows.toLocaleString('id-ID')} baris, ${v.header.tables.length} tabel, dibuat ${v.header.created_at} (${v.header.engine}), skema ${v.header.migrations.at(-1) ?? '-'}.`);
  for (const t of v.header.tables) console.log(`  ${t.name.padEnd(24)} ${t.rows.toLocaleString('id-ID').padStart(12)}`);
}

function printPlan(plan: MergePlan) {
  console.log(`Desa ${plan.village}: ${plan.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('id-ID')} baris dari ${plan.tables.length} tabel, ${plan.accounts.length} akun desa.`);
  for (const t of plan.tables) console.log(`  ${t.name.padEnd(32)} ${t.rows.toLocaleString('id-ID').padStart(10)}`);
  for (const a of plan.accounts) console.log(`  akun ${a.username} (${a.role})`);
  if (plan.otherAccountReferences) console.log(`  ${plan.otherAccountReferences} akun lain salinan (mis. pemasang) dicatat atas nama akun yang menggabungkan.`);
  for (const l of plan.leftBehind) console.log(`  tidak ikut: ${l.name} (${l.rows} baris) — ${l.reason}`);
}

export async function mergeVillageCommand(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' }, desa: { type: 'string' }, preview: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) throw new BackupError('Sebutkan berkas cadangan: balai merge-village BERKAS --as AKUN [--desa KODE] [--preview]');
  if (!existsSync(file)) throw new BackupError(`Berkas ${file} tidak ditemukan. (File not found.)`);
  if (!values.preview && !values.as) throw new BackupError('Sebutkan akun server yang menggabungkan: --as AKUN (admin provinsi atau kabupaten). (Name the server account doing the merge.)');
  const pid = runningServer(config);
  if (pid) throw new BackupError(`Server Balai sedang berjalan (PID ${pid}) di DATA_DIR ini: hentikan dulu, lalu gabungkan. (Stop the server first.)`);
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const progress = progressPrinter(() => 'Menggabungkan');
  try {
    if (values.preview) {
      const plan = await planMerge(db, resolve(file), { village: values.desa });
      printPlan(plan);
      if (plan.conflicts.length) {
        console.log(`\n${plan.conflicts.length} bentrokan harus diselesaikan dulu:`);
        for (const c of plan.conflicts) console.log(`- ${c.message}`);
        process.exitCode = 2;
      } else console.log('\nTidak ada bentrokan: jalankan lagi tanpa --preview untuk menggabungkan.');
      return;
    }
    const s = await mergeVillage(db, resolve(file), { village: values.desa, as: values.as!, onProgress: (p) => progress.update(p) });
    progress.done();
    printPlan(s);
    console.log(`Penggabungan selesai: ${s.rows.toLocaleString('id-ID')} baris desa ${s.village} dalam ${s.seconds.toFixed(1)} detik. Angka wilayah ikut diperbarui dalam beberapa detik.`);
  } finally {
    progress.done();
    await db.close();
  }
}
