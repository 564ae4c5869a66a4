import { createHash } from 'node:crypto';
import { createWriteStream, fsyncSync, mkdirSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { appliedMigrations, columnsOf, countRows, dataTables, primaryKeyOf, sequenceValues } from './catalog.js';
import { ALL_VILLAGES, BACKUP_FORMAT, BACKUP_VERSION, BackupError, CITUS_BACKUP_REFUSED, quoteIdent, TEXT_FORM_SETTINGS, verifyBackup, type BackupHeader, type BackupTable } from './format.js';

/** Rows fetched from the cursor at a time: little memory, few round trips. */
const FETCH_ROWS = 2000;

export interface Progress {
  phase: 'write' | 'verify' | 'restore';
  table?: string;
  /** Rows done of all rows. */
  done: number;
  total: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  rows: number;
  tables: { name: string; rows: number }[];
  migrations: string[];
  sha256: string;
  seconds: number;
}

/**
 * Writes a consistent backup of the whole database to `file`: every table read inside one
 * REPEATABLE READ transaction (one snapshot, while the village keeps working on PostgreSQL;
 * on PGlite other requests wait their turn). The file is written beside its name, read back
 * in full (row counts per table and checksum), synced to disk, and only then given its name:
 * a backup that exists is complete.
 */
export async function writeBackup(db: Db, file: string, onProgress: (p: Progress) => void = () => {}): Promise<BackupSummary> {
  if (db.kind === 'citus') throw new BackupError(CITUS_BACKUP_REFUSED);
  const started = performance.now();
  // Owner-only whatever the umask (`balai backup --out` from a shell): it holds every resident.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(out);
  const finished = once(out, 'close');
  const hash = createHash('sha256');
  const write = async (line: string, hashed = true) => {
    const text = line + '\n';
    if (hashed) hash.update(text);
    if (!gzip.write(text)) await once(gzip, 'drain');
  };

  let header: BackupHeader;
  try {
    header = await db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
        const names = await dataTables(trx);
        const tables: (BackupTable & { select: string })[] = [];
        for (const name of names) {
          const columns = await columnsOf(trx, name);
          const pk = await primaryKeyOf(trx, name);
          const order = (pk.length ? pk : columns.map((c) => c.name)).map(quoteIdent).join(', ');
          // Every value in its text form (null stays null), the row as one JSON array.
          const values = columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
          tables.push({
            name,
            columns: columns.map((c) => c.name),
            rows: await countRows(trx, name),
            select: `select array_to_json(array[${values}]::text[])::text as line from ${quoteIdent(name)} order by ${order} ${ALL_VILLAGES}`,
          });
        }
        const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(trx);
        const head: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          created_at: new Date().toISOString(),
          engine: db.kind,
          server_version: version.rows[0]!.v,
          migrations: await appliedMigrations(trx),
          tables: tables.map(({ name, columns, rows }) => ({ name, columns, rows })),
          sequences: await sequenceValues(trx),
        };
        await write(JSON.stringify(head));
        const total = tables.reduce((n, t) => n + t.rows, 0);
        let done = 0;
        onProgress({ phase: 'write', done, total });
        for (const t of tables) {
          await write(JSON.stringify({ table: t.name, rows: t.rows }));
          await sql.raw(`declare balai_backup no scroll cursor for ${t.select}`).execute(trx);
          let written = 0;
          for (;;) {
            const batch = await sql.raw<{ line: string }>(`fetch forward ${FETCH_ROWS} from balai_backup`).execute(trx);
            for (const r of batch.rows) await write(r.line);
            written += batch.rows.length;
            done += batch.rows.length;
            onProgress({ phase: 'write', table: t.name, done, total });
            if (batch.rows.length < FETCH_ROWS) break;
          }
          await sql.raw('close balai_backup').execute(trx);
          // The same snapshot counted them: anything else is a bug, never a short backup.
          if (written !== t.rows) throw new BackupError(`Tabel ${t.name}: ${written} baris tertulis, seharusnya ${t.rows}. (Row count mismatch while writing.)`);
        }
        await write(JSON.stringify({ end: true, rows: done, sha256: hash.copy().digest('hex') }), false);
        return head;
      });
    gzip.end();
    await finished;
  } catch (err) {
    gzip.destroy();
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }

  try {
    const total = header.tables.reduce((n, t) => n + t.rows, 0);
    onProgress({ phase: 'verify', done: 0, total });
    const verified = await verifyBackup(partial);
    onProgress({ phase: 'verify', done: verified.rows, total });
    // On disk before it gets its name: a crash right after cannot leave a named but empty file.
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
    return {
      file,
      bytes: statSync(file).size,
      rows: verified.rows,
      tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
      migrations: header.migrations,
      sha256: verified.sha256,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}
