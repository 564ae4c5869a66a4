import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { appliedMigrations, columnsOf, countRows, dataTables } from './catalog.js';
import type { Progress } from './dump.js';
import { ALL_VILLAGES, BackupError, backupRowLines, CITUS_BACKUP_REFUSED, parseHeader, quoteIdent, readBackupLines, TEXT_FORM_SETTINGS, verifyBackup, type BackupHeader, type BackupTable } from './format.js';

/** Rows sent in one INSERT: one JSON parameter, so the statement stays small whatever the row count. */
const INSERT_ROWS = 2000;

/**
 * Reference data every installation loads by itself (the regions of Indonesia; the budget
 * accounts and activities of Permendagri 20/2018, seeded by migration 0031; the farm commodities,
 * fertiliser types and dosages of migration 0047): an installation
 * counts as empty with it, and the backup's copy replaces it.
 */
const REFERENCE_TABLES = new Set(['regions', 'budget_accounts', 'budget_activities', 'budget_caps', 'farm_commodities', 'fertiliser_types', 'fertiliser_dosages', 'market_categories', 'agent_services']);

export interface RestoreSummary {
  rows: number;
  tables: { name: string; rows: number }[];
  /** Migrations applied after the data was in, to bring it up to this version of Balai. */
  upgraded: string[];
  backupCreatedAt: string;
  backupEngine: string;
  seconds: number;
}

/** The header alone, without reading the whole file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of readBackupLines(file)) return parseHeader(line);
  throw new BackupError('Berkas cadangan kosong. (The backup file is empty.)');
}

const migrationText = (names: string[]) => (names.length ? `${names.at(-1)} (${names.length} migrasi)` : 'tanpa skema');

/**
 * Brings a backup back into an EMPTY installation (PGlite or PostgreSQL, whichever made it):
 * builds the schema the backup was taken at, checks the whole file first, then inserts every
 * row in one transaction (all or nothing), sets the sequences where they were, counts every
 * table again, and finally applies any newer migrations of this version of Balai.
 */
export async function restoreBackup(db: Db, file: string, onProgress: (p: Progress) => void = () => {}): Promise<RestoreSummary> {
  if (db.kind === 'citus') throw new BackupError(CITUS_BACKUP_REFUSED);
  const started = performance.now();
  const header = await readBackupHeader(file);
  const known = listMigrations();
  const wanted = header.migrations;
  const unknown = wanted.filter((m) => !known.includes(m));
  if (unknown.length)
    throw new BackupError(
      `Cadangan ini dibuat oleh versi Balai yang lebih baru (migrasi ${unknown.join(', ')} tidak dikenal versi ini). Perbarui Balai dulu, lalu pulihkan lagi. ` +
        `(The backup was made by a newer Balai; update first.)`,
    );
  if (wanted.some((m, i) => known[i] !== m))
    throw new BackupError(`Urutan migrasi cadangan (${migrationText(wanted)}) tidak cocok dengan versi Balai ini. (The backup's migrations do not match this version.)`);

  const present = await appliedMigrations(db.kysely);
  const fresh = present.length === 0;
  if (fresh) {
    if (wanted.length) await migrate(db, undefined, wanted.at(-1));
  } else if (present.join() !== wanted.join()) {
    throw new BackupError(
      `Skema basis data tujuan (${migrationText(present)}) berbeda dengan skema cadangan (${migrationText(wanted)}). ` +
        `Pulihkan ke instalasi yang benar-benar baru: DATA_DIR yang kosong, atau database PostgreSQL baru yang belum pernah dijalankan Balai. ` +
        `(The target's schema differs from the backup's: restore into a brand-new installation.)`,
    );
  }
  await refuseUnlessEmpty(db, fresh);

  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  onProgress({ phase: 'verify', done: 0, total });
  await verifyBackup(file);
  onProgress({ phase: 'verify', done: total, total });

  await db.kysely.transaction().execute(async (trx) => {
    for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
    const targetTables = await dataTables(trx);
    const missing = header.tables.filter((t) => !targetTables.includes(t.name)).map((t) => t.name);
    if (missing.length) throw new BackupError(`Tabel ${missing.join(', ')} tidak ada di basis data tujuan. (Tables missing in the target.)`);
    const statements = new Map<string, string>();
    for (const t of header.tables) statements.set(t.name, await insertStatement(trx, t));
    // The backup holds what triggers made (rollups, summaries) as rows of their own: the
    // triggers stay off while rows go in, or they would count every resident twice. Only
    // within this transaction, and as the tables' owner (no superuser needed).
    for (const t of header.tables) await sql.raw(`alter table ${quoteIdent(t.name)} disable trigger user`).execute(trx);
    // Reference data loaded by the installation, and anything a migration seeded, give way to the backup's rows.
    for (const t of [...header.tables].reverse()) if (fresh || REFERENCE_TABLES.has(t.name)) await sql.raw(`delete from ${quoteIdent(t.name)} ${ALL_VILLAGES}`).execute(trx);

    let current: BackupTable | undefined;
    let batch: string[] = [];
    let done = 0;
    const flush = async () => {
      if (!current || !batch.length) return;
      await insertRows(trx, statements.get(current.name)!, batch);
      done += batch.length;
      batch = [];
      onProgress({ phase: 'restore', table: current.name, done, total });
    };
    for await (const { table, line } of backupRowLines(file, header)) {
      if (table !== current) {
        await flush();
        current = table;
      }
      batch.push(line);
      if (batch.length >= INSERT_ROWS) await flush();
    }
    await flush();

    for (const t of header.tables) await sql.raw(`alter table ${quoteIdent(t.name)} enable trigger user`).execute(trx);
    for (const s of header.sequences) {
      const exists = await sql<{ ok: boolean }>`select exists (select 1 from pg_sequences where schemaname = 'public' and sequencename = ${s.name}) as ok`.execute(trx);
      if (!exists.rows[0]?.ok) continue;
      const seq = `public.${quoteIdent(s.name)}`;
      if (s.last_value === null) await sql`select setval(${seq}::regclass, 1, false)`.execute(trx);
      else await sql`select setval(${seq}::regclass, ${s.last_value}::bigint, true)`.execute(trx);
    }
    for (const t of header.tables) {
      const n = await countRows(trx, t.name);
      if (n !== t.rows) throw new BackupError(`Tabel ${t.name}: ${n} baris setelah dipulihkan, seharusnya ${t.rows}. Tidak ada yang disimpan. (Row count mismatch; nothing was stored.)`);
    }
  });

  // Newer migrations of this version, now that the data is in; then fresh planner statistics.
  const upgraded = await migrate(db);
  await sql`analyze`.execute(db.kysely);
  return {
    rows: total,
    tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
    upgraded,
    backupCreatedAt: header.created_at,
    backupEngine: header.engine,
    seconds: (performance.now() - started) / 1000,
  };
}

async function insertStatement(trx: Parameters<typeof columnsOf>[0], t: BackupTable): Promise<string> {
  const target = await columnsOf(trx, t.name);
  const types = new Map(target.map((c) => [c.name, c.type]));
  const extra = t.columns.filter((c) => !types.has(c));
  if (extra.length || target.length !== t.columns.length)
    throw new BackupError(`Kolom tabel ${t.name} di cadangan tidak cocok dengan basis data tujuan. (Column mismatch in ${t.name}.)`);
  const cols = t.columns.map(quoteIdent).join(', ');
  const values = t.columns.map((c, i) => `(r->>${i})::${types.get(c)}`).join(', ');
  // Identity columns keep their ids ("generated always" needs the override); sequences are set after.
  return `insert into ${quoteIdent(t.name)} (${cols}) overriding system value select ${values} from json_array_elements($1::json) as r`;
}

async function insertRows(trx: Parameters<typeof columnsOf>[0], statement: string, lines: string[]) {
  const [before, after] = statement.split('$1');
  await sql`${sql.raw(before!)}${`[${lines.join(',')}]`}${sql.raw(after!)}`.execute(trx);
}

/**
 * Restores go into an empty installation only: never over a village's data. The regions
 * (loaded by every installation) do not count; a freshly built schema is empty by making.
 */
async function refuseUnlessEmpty(db: Db, fresh: boolean) {
  if (fresh) return;
  const filled: string[] = [];
  for (const t of await dataTables(db.kysely)) {
    if (REFERENCE_TABLES.has(t)) continue;
    const n = await countRows(db.kysely, t);
    if (n > 0) filled.push(`${t} (${n.toLocaleString('id-ID')} baris)`);
  }
  if (filled.length)
    throw new BackupError(
      `Instalasi tujuan tidak kosong: ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', dan lainnya' : ''}. ` +
        `Pemulihan hanya ke instalasi kosong, agar tidak ada data yang tertimpa: pakai DATA_DIR baru (atau kosongkan), atau database PostgreSQL baru. ` +
        `(The target installation is not empty; restore into an empty one.)`,
    );
}
