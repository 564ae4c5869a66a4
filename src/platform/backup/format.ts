import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * A Balai backup is one gzip file of JSON lines, the same on PGlite and PostgreSQL:
 *
 *   {"format":"balai-backup", … header: migrations, tables with their columns and row counts}
 *   {"table":"regions","rows":91000}
 *   ["11","","1","provinsi","ACEH"]          one row: every column in PostgreSQL's text form, or null
 *   …
 *   {"end":true,"rows":…,"sha256":"…"}      the SHA-256 of every line above, newline included
 *
 * Text forms are what PostgreSQL itself reads back (bytea as \x…, jsonb as JSON text,
 * timestamps in UTC), so a backup of one engine restores into the other unchanged.
 */

export const BACKUP_FORMAT = 'balai-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = '.balai.gz';

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  /** null: the sequence was never used. */
  last_value: number | null;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  created_at: string;
  engine: 'pglite' | 'postgresql' | 'citus';
  server_version: string;
  /** The schema the data fits: schema_migrations at the time of the backup, in order. */
  migrations: string[];
  /** In the order they are written and restored: a table after the tables it refers to. */
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupTrailer {
  end: true;
  rows: number;
  sha256: string;
}

/** A problem with a backup or a restore, said in Bahasa Indonesia first, then English. */
export class BackupError extends Error {}

/** Session settings both sides use, so every value's text form is the same wherever it is read. */
export const TEXT_FORM_SETTINGS = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, YMD'`,
  `set local intervalstyle = 'postgres'`,
  `set local bytea_output = 'hex'`,
  `set local extra_float_digits = 3`,
];

/** A backup reads and writes every village's rows on purpose: said so to the village guard (db/village-guard.ts). */
export const ALL_VILLAGES = '/* cross-village: a backup copies every village */';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads a backup line by line (what `verifyBackup` and the restore share). */
export async function* readBackupLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const input = createGunzip();
  // pipeline passes a read error (missing file) on to the gunzip stream, and so to the reader.
  pipeline(source, input, () => {});
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (err) {
    throw new BackupError(`Berkas cadangan rusak atau bukan cadangan Balai: ${(err as Error).message} (The backup file is damaged or not a Balai backup.)`);
  } finally {
    // A reader that stops early (the header alone) lets go of the file.
    lines.close();
    input.destroy();
    source.destroy();
  }
}

/** Each row line of a backup (JSON text, unparsed) with the table it belongs to; the header and markers are read, not yielded. */
export async function* backupRowLines(file: string, header: BackupHeader): AsyncGenerator<{ table: BackupTable; line: string }> {
  let current: BackupTable | undefined;
  let first = true;
  for await (const line of readBackupLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith('[')) {
      yield { table: current!, line };
      continue;
    }
    const marker = JSON.parse(line) as { table?: string; end?: boolean };
    if (marker.end) return;
    current = header.tables.find((t) => t.name === marker.table);
  }
}

export function parseHeader(line: string | undefined): BackupHeader {
  let header: BackupHeader | undefined;
  try {
    header = line ? (JSON.parse(line) as BackupHeader) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || header.format !== BACKUP_FORMAT)
    throw new BackupError('Berkas ini bukan cadangan Balai. (This file is not a Balai backup.)');
  if (header.version !== BACKUP_VERSION)
    throw new BackupError(`Cadangan ini memakai format versi ${header.version}; versi Balai ini membaca versi ${BACKUP_VERSION}. Perbarui Balai dulu. (Unsupported backup format version.)`);
  return header;
}

export interface VerifiedBackup {
  header: BackupHeader;
  rows: number;
  sha256: string;
}

/**
 * Reads the whole file: every table's rows counted against the header, the checksum
 * against the trailer. A backup that passes is complete; one that does not is refused.
 */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  let current: BackupTable | undefined;
  const counted = new Map<string, number>();
  let rows = 0;
  const h = createHash('sha256');
  for await (const line of readBackupLines(file)) {
    if (trailer) throw damaged('ada data setelah penutup berkas');
    if (!header) {
      header = parseHeader(line);
      h.update(line + '\n');
      continue;
    }
    if (line.startsWith('[')) {
      if (!current) throw damaged('baris data di luar tabel');
      counted.set(current.name, (counted.get(current.name) ?? 0) + 1);
      rows++;
      h.update(line + '\n');
      continue;
    }
    const marker = JSON.parse(line) as { table?: string; end?: boolean } & Partial<BackupTrailer>;
    if (marker.end) {
      trailer = marker as BackupTrailer;
      continue;
    }
    current = header.tables.find((t) => t.name === marker.table);
    if (!current) throw damaged(`tabel tak dikenal ${marker.table}`);
    h.update(line + '\n');
  }
  if (!header) throw new BackupError('Berkas cadangan kosong. (The backup file is empty.)');
  if (!trailer) throw damaged('berkas terpotong: penutupnya tidak ada');
  const sha256 = h.digest('hex');
  if (sha256 !== trailer.sha256) throw damaged('checksum tidak cocok');
  for (const t of header.tables) {
    const n = counted.get(t.name) ?? 0;
    if (n !== t.rows) throw damaged(`tabel ${t.name}: ${n} baris, seharusnya ${t.rows}`);
  }
  if (rows !== trailer.rows) throw damaged(`${rows} baris, seharusnya ${trailer.rows}`);
  return { header, rows, sha256 };
}

export const damaged = (why: string) =>
  new BackupError(`Berkas cadangan rusak atau tidak lengkap (${why}). Jangan memakainya; pakai salinan lain. (The backup is damaged or incomplete.)`);

/**
 * Balai's backup file holds one server's tables. A Citus cluster spreads them over several
 * servers, each with its own copy of the schema and shards: it is backed up by the cluster's
 * tools (pg_dump of each node, pgBackRest, or the provider's snapshots), never by this file.
 */
export const CITUS_BACKUP_REFUSED =
  'Basis data ini kluster Citus: cadangkan dan pulihkan dengan alat kluster (pg_dump tiap node, pgBackRest, atau snapshot penyedia), bukan dengan balai backup/restore. (A Citus cluster is backed up with the cluster\'s tools.)';
