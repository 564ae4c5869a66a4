import { sql, type Transaction } from 'kysely';
import { can, type Actor } from '../access/access.js';
import { isVillageRole, type Role } from '../access/roles.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { redactNiks } from '../redact.js';
import { appliedMigrations, columnsOf, crossVillageKeys, sequenceColumns, userReferences } from './catalog.js';
import type { Progress } from './dump.js';
import { BackupError, backupRowLines, CITUS_BACKUP_REFUSED, quoteIdent, TEXT_FORM_SETTINGS, verifyBackup, type BackupHeader, type BackupTable } from './format.js';
import { readBackupHeader } from './restore.js';

/**
 * One village's data from a backup (its own copy of Balai, run alone) into an installation
 * that already serves other villages (issue 15). Rows keep their ids: every village table's
 * key leads with village_code, so they cannot clash with another village's; the sequences are
 * then moved past them. Accounts get new ids on the server and every reference to them is
 * rewritten (the foreign keys to users say where). What must stay unique across villages — a
 * NIK living in one village only, a username, a letter's public code, a website's address —
 * is checked first: one clash and nothing is written, the preview lists them all.
 */

/** Tables the copy holds that stay behind, and why (said in the preview). */
const LEFT_BEHIND: Record<string, string> = {
  sessions: 'sesi masuk hanya berlaku di salinan desa',
  staged_imports: 'impor yang belum selesai',
  village_index_scores: 'skor indeks desa diimpor oleh provinsi di server',
  farm_kiosk_villages: 'kios pupuk didaftarkan Dinas Pertanian kabupaten di server',
  sync_changes: 'catatan sinkron salinan desa',
  sync_state: 'sambungan salinan desa ke servernya',
  sync_applied: 'catatan sinkron server',
  monitoring_pending_population: 'dihitung ulang untuk wilayah di server',
  monitoring_pending_events: 'dihitung ulang untuk wilayah di server',
  monitoring_pending_letters: 'dihitung ulang untuk wilayah di server',
  monitoring_pending_letter_ready: 'dihitung ulang untuk wilayah di server',
};

/** The village's rollup rows that the region rows of the server must take in, as pending deltas. */
const REGION_DELTAS: [pending: string, source: string][] = [
  ['monitoring_pending_population', 'monitoring_population'],
  ['monitoring_pending_events', 'monitoring_events'],
  ['monitoring_pending_letters', 'letter_daily'],
  ['monitoring_pending_letter_ready', 'monitoring_letter_ready'],
];

/**
 * Columns the server numbers itself: the copy's values are dropped (the audit log's entries;
 * the outbox's messages, which the server's worker then sends if the copy could not).
 */
const SERVER_NUMBERED: Record<string, string> = { audit_log: 'id', notification_outbox: 'id' };

const UNFINISHED_JOBS = new Set(['staging', 'ready', 'queued', 'running']);
const INSERT_ROWS = 2000;

export interface MergeConflict {
  kind: 'village' | 'account' | 'nik' | 'key' | 'work';
  message: string;
}

export interface MergePlan {
  village: string;
  /** Rows of the village per table, in the order they go in. */
  tables: { name: string; rows: number }[];
  accounts: { username: string; role: string }[];
  /** References to the copy's other accounts (its installer, say): given to the merging officer. */
  otherAccountReferences: number;
  leftBehind: { name: string; rows: number; reason: string }[];
  conflicts: MergeConflict[];
}

export interface MergeSummary extends MergePlan {
  rows: number;
  seconds: number;
}

type Row = (string | null)[];

/** Streams the backup's rows, parsed, each with its table. */
async function* backupRows(file: string): AsyncGenerator<{ table: BackupTable; row: Row }> {
  const header = await readBackupHeader(file);
  for await (const { table, line } of backupRowLines(file, header)) yield { table, row: JSON.parse(line) as Row };
}

/** The village the backup is of: the one asked for, or its only village. */
async function villageOf(file: string, header: BackupHeader, asked: string | undefined): Promise<string> {
  const villages = header.tables.find((t) => t.name === 'villages');
  const codes: string[] = [];
  if (villages && villages.rows > 0) {
    const at = villages.columns.indexOf('village_code');
    for await (const { table, row } of backupRows(file)) {
      if (table.name === 'villages') codes.push(row[at]!);
      else if (codes.length === villages.rows) break;
    }
  }
  if (asked) {
    if (!codes.includes(asked)) throw new BackupError(`Desa ${asked} tidak ada di cadangan ini (yang ada: ${codes.join(', ') || 'tidak ada desa'}). (The village is not in this backup.)`);
    return asked;
  }
  if (codes.length === 1) return codes[0]!;
  if (!codes.length) throw new BackupError('Cadangan ini tidak memuat satu desa pun. (The backup holds no village.)');
  throw new BackupError(`Cadangan ini memuat ${codes.length} desa (${codes.join(', ')}): sebutkan satu dengan --desa KODE. (Name the village to merge.)`);
}

/** Tables of the backup that move with the village: those with a village_code, less what stays behind. */
const moving = (header: BackupHeader) => header.tables.filter((t) => t.columns.includes('village_code') && !(t.name in LEFT_BEHIND));

async function checkServer(db: Db, header: BackupHeader) {
  const present = await appliedMigrations(db.kysely);
  if (present.join() !== header.migrations.join())
    throw new BackupError(
      `Versi Balai di salinan desa (${header.migrations.at(-1) ?? 'tanpa skema'}) dan di server (${present.at(-1) ?? 'tanpa skema'}) berbeda. ` +
        'Perbarui keduanya ke versi yang sama, buat cadangan baru di desa, lalu gabungkan lagi. (The copy and the server run different versions of Balai.)',
    );
}

/**
 * Reads the backup and the server, writes nothing: what would move, and every clash that
 * would stop it. The backup is checked whole (row counts, checksum) first.
 */
export async function planMerge(db: Db, file: string, options: { village?: string } = {}): Promise<MergePlan> {
  if (db.kind === 'citus') throw new BackupError(CITUS_BACKUP_REFUSED);
  const header = await readBackupHeader(file);
  await checkServer(db, header);
  await verifyBackup(file);
  const village = await villageOf(file, header, options.village);
  const k = db.kysely;
  const tables = moving(header);
  const keys = new Map<string, string[][]>();
  for (const t of tables)
    keys.set(t.name, (await crossVillageKeys(k, t.name)).filter((key) => key.every((c) => t.columns.includes(c) && SERVER_NUMBERED[t.name] !== c)));

  const counts = new Map<string, number>(tables.map((t) => [t.name, 0]));
  const leftBehind = new Map<string, number>();
  const tuples = new Map<string, Map<string, string[]>>(); // "table|key" → serialised tuple → values
  const accounts: { id: string; username: string; role: string }[] = [];
  const niks = new Map<string, string>(); // NIK → name, for the messages
  const userColumns = await userReferences(k);
  const referenced = new Set<string>();
  let unfinished = 0;
  for await (const { table, row } of backupRows(file)) {
    if (table.name === 'users') {
      const col = (c: string) => row[table.columns.indexOf(c)]!;
      if (col('region_code') === village && isVillageRole(col('role') as Role)) accounts.push({ id: col('id'), username: col('username'), role: col('role') });
      continue;
    }
    const vc = table.columns.indexOf('village_code');
    if (vc < 0 || row[vc] !== village) continue;
    if (table.name in LEFT_BEHIND) {
      leftBehind.set(table.name, (leftBehind.get(table.name) ?? 0) + 1);
      continue;
    }
    counts.set(table.name, counts.get(table.name)! + 1);
    for (const c of userColumns.get(table.name) ?? []) {
      const v = row[table.columns.indexOf(c)];
      if (v != null) referenced.add(v);
    }
    if (table.name === 'residents_rows') niks.set(row[table.columns.indexOf('nik')]!, row[table.columns.indexOf('name')] ?? '');
    if (table.name === 'jobs' && UNFINISHED_JOBS.has(row[table.columns.indexOf('status')]!)) unfinished++;
    for (const key of keys.get(table.name) ?? []) {
      const values = key.map((c) => row[table.columns.indexOf(c)]!);
      const id = `${table.name}|${key.join(',')}`;
      if (!tuples.has(id)) tuples.set(id, new Map());
      tuples.get(id)!.set(JSON.stringify(values), values);
    }
  }

  const conflicts: MergeConflict[] = [];
  if (await k.selectFrom('villages').select('village_code').where('village_code', '=', village).executeTakeFirst())
    conflicts.push({ kind: 'village', message: `Desa ${village} sudah aktif di server. Penggabungan hanya untuk desa yang belum memakai server ini; hubungi admin provinsi. (The village is already active on the server.)` });
  if (unfinished || leftBehind.get('staged_imports'))
    conflicts.push({ kind: 'work', message: `Ada pekerjaan yang belum selesai di salinan desa (impor atau ekspor: ${unfinished + (leftBehind.get('staged_imports') ?? 0)}). Selesaikan atau batalkan dulu, lalu buat cadangan baru. (Finish the work in progress first.)` });
  if (accounts.length) {
    const taken = await sql<{ username: string }>`
      select username from users where lower(username) in (${sql.join(accounts.map((a) => a.username.toLowerCase()))})`.execute(k);
    for (const t of taken.rows) conflicts.push({ kind: 'account', message: `Nama pengguna "${t.username}" sudah dipakai di server. Ganti nama pengguna itu di salinan desa, lalu buat cadangan baru. (Username already taken on the server.)` });
  }
  for (const [id, values] of tuples) {
    const [table, keyText] = id.split('|') as [string, string];
    const key = keyText.split(',');
    const hasVillage = header.tables.find((t) => t.name === table)!.columns.includes('village_code');
    const list = [...values.values()];
    for (let i = 0; i < list.length; i += 1000) {
      const part = list.slice(i, i + 1000);
      const cols = key.map((c) => `${quoteIdent(c)}::text`).join(', ');
      const wanted = key.map((_, j) => `x->>${j}`).join(', ');
      const found = await sql<{ v: string[]; village_code: string | null }>`
        select json_build_array(${sql.raw(cols)})::text as v, ${sql.raw(hasVillage ? 'village_code' : 'null')} as village_code
        from ${sql.table(table)} where (${sql.raw(cols)}) in (select ${sql.raw(wanted)} from json_array_elements(${JSON.stringify(part)}::json) as x)
        /* cross-village: a key one village's rows must not share with another's */`.execute(k);
      for (const f of found.rows) {
        const v = (typeof f.v === 'string' ? JSON.parse(f.v) : f.v) as string[];
        if (table === 'active_niks')
          conflicts.push({ kind: 'nik', message: `NIK ${redactNiks(v[0]!)} (${niks.get(v[0]!) ?? 'tanpa nama'}) tercatat hidup di desa ${f.village_code} di server. Satu NIK hanya hidup di satu desa: selesaikan pindahnya dulu di salah satu desa. (NIK already living elsewhere.)` });
        else conflicts.push({ kind: 'key', message: `${table} (${key.join(', ')}) = ${redactNiks(v.join(', '))} sudah dipakai di server${f.village_code ? ` oleh desa ${f.village_code}` : ''}. (Key already used on the server.)` });
      }
    }
  }
  const own = new Set(accounts.map((a) => a.id));
  return {
    village,
    tables: tables.map((t) => ({ name: t.name, rows: counts.get(t.name)! })).filter((t) => t.rows > 0),
    accounts: accounts.map((a) => ({ username: a.username, role: a.role })),
    otherAccountReferences: [...referenced].filter((id) => !own.has(id)).length,
    leftBehind: [...leftBehind].map(([name, rows]) => ({ name, rows, reason: LEFT_BEHIND[name]! })),
    conflicts,
  };
}

/**
 * Moves the village in: all rows or none, in one transaction. `as` is the server account
 * doing it; the copy's accounts that are not the village's (its installer) become it.
 * Triggers stay off while rows go in (the backup holds their rollups already); the village's
 * rollups are then queued for the region rows, as every write's are.
 */
export async function mergeVillage(db: Db, file: string, options: { village?: string; as: string; onProgress?: (p: Progress) => void }): Promise<MergeSummary> {
  const started = performance.now();
  const plan = await planMerge(db, file, options);
  if (plan.conflicts.length)
    throw new BackupError(`Penggabungan ditolak, tidak ada yang disimpan:\n${plan.conflicts.map((c) => `- ${c.message}`).join('\n')}`);
  const actor = await db.kysely.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'region_code', 'language'])
    .where(sql<string>`lower(username)`, '=', options.as.toLowerCase()).where('active', '=', true).executeTakeFirst();
  if (!actor) throw new BackupError(`Akun "${options.as}" tidak ada atau tidak aktif di server. (Unknown account.)`);
  // Merging a village in is activating it on the server: the same right.
  const who: Actor = { kind: 'user', id: Number(actor.id), username: actor.username, fullName: actor.full_name, role: actor.role as Role, regionCode: actor.region_code, language: actor.language };
  if (!can(who, 'village.activate', plan.village))
    throw new BackupError(`Akun "${actor.username}" tidak berwenang mengaktifkan desa ${plan.village} (perlu admin provinsi atau nasional yang wilayahnya memuat desa itu). (Not allowed to activate this village.)`);
  const header = await readBackupHeader(file);
  const village = plan.village;
  const tables = moving(header).filter((t) => plan.tables.some((p) => p.name === t.name));
  const total = plan.tables.reduce((n, t) => n + t.rows, 0);
  const progress = options.onProgress ?? (() => {});

  await db.kysely.transaction().execute(async (trx) => {
    for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
    const refs = await userReferences(trx);
    const ids = await moveAccounts(trx, file, village, Number(actor.id));
    const accountOf = (v: string | null) => (v == null ? null : String(ids.get(v) ?? actor.id));
    const statements = new Map<string, { text: string; keep: number[]; users: number[] }>();
    for (const t of tables) {
      // The audit log's ids are the server's own; every other key is the village's.
      const keep = t.columns.map((_, i) => i).filter((i) => SERVER_NUMBERED[t.name] !== t.columns[i]);
      const types = new Map((await columnsOf(trx, t.name)).map((c) => [c.name, c.type]));
      const cols = keep.map((i) => quoteIdent(t.columns[i]!)).join(', ');
      const values = keep.map((i, j) => `(r->>${j})::${types.get(t.columns[i]!)}`).join(', ');
      statements.set(t.name, {
        text: `insert into ${quoteIdent(t.name)} (${cols}) overriding system value select ${values} from json_array_elements($1::json) as r`,
        keep,
        users: (refs.get(t.name) ?? []).map((c) => t.columns.indexOf(c)),
      });
      await sql.raw(`alter table ${quoteIdent(t.name)} disable trigger user`).execute(trx);
    }
    let batch: Row[] = [];
    let batchTable: string | undefined;
    let done = 0;
    const flush = async () => {
      if (!batch.length) return;
      const s = statements.get(batchTable!)!;
      const [before, after] = s.text.split('$1');
      await sql`${sql.raw(before!)}${JSON.stringify(batch)}${sql.raw(after!)}`.execute(trx);
      done += batch.length;
      progress({ phase: 'restore', table: batchTable, done, total });
      batch = [];
    };
    for await (const { table, row } of backupRows(file)) {
      const s = statements.get(table.name);
      if (!s || row[table.columns.indexOf('village_code')] !== village) continue;
      if (batchTable !== table.name) {
        await flush();
        batchTable = table.name;
      }
      for (const i of s.users) row[i] = accountOf(row[i]!);
      batch.push(s.keep.map((i) => row[i]!));
      if (batch.length >= INSERT_ROWS) await flush();
    }
    await flush();
    for (const t of tables) await sql.raw(`alter table ${quoteIdent(t.name)} enable trigger user`).execute(trx);

    for (const [pending, source] of REGION_DELTAS) {
      const cols = sql.raw((await columnsOf(trx, source)).map((c) => quoteIdent(c.name)).join(', '));
      await sql`insert into ${sql.table(pending)} (${cols}) select ${cols} from ${sql.table(source)} where village_code = ${village}`.execute(trx);
    }
    // Sequences past the village's ids, so the server's next row never takes one of them.
    for (const t of tables) {
      for (const { column, sequence } of await sequenceColumns(trx, t.name)) {
        if (SERVER_NUMBERED[t.name] === column) continue;
        await sql`select setval(${sequence}::regclass, greatest(m.n, s.last_value))
          from (select max(${sql.ref(column)})::int8 as n from ${sql.table(t.name)} where village_code = ${village}) m,
            (select case when is_called then last_value else 0 end as last_value from ${sql.raw(sequence)}) s
          where m.n is not null`.execute(trx);
      }
    }
    for (const t of plan.tables) {
      const n = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t.name)} where village_code = ${village}`.execute(trx);
      if (Number(n.rows[0]!.n) !== t.rows) throw new BackupError(`Tabel ${t.name}: ${n.rows[0]!.n} baris desa setelah digabung, seharusnya ${t.rows}. Tidak ada yang disimpan. (Row count mismatch; nothing was stored.)`);
    }
    await trx.insertInto('audit_log').values({
      actor_id: Number(actor.id), actor_label: options.as, action: 'backup.merge', outcome: 'ok', village_code: village, region_code: village,
      subject: village, detail: JSON.stringify({ rows: total, accounts: plan.accounts.length, backup_created_at: header.created_at }), ip: null,
    }).execute();
  });
  await sql`analyze`.execute(db.kysely);
  return { ...plan, rows: total, seconds: (performance.now() - started) / 1000 };
}

/** The village's accounts, under new ids; returns old id → new id. */
async function moveAccounts(trx: Transaction<Database>, file: string, village: string, actorId: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const types = new Map((await columnsOf(trx, 'users')).map((c) => [c.name, c.type]));
  const createdBy: [newId: number, oldCreator: string | null][] = [];
  for await (const { table, row } of backupRows(file)) {
    if (table.name !== 'users') continue;
    const col = (c: string) => row[table.columns.indexOf(c)] ?? null;
    if (col('region_code') !== village || !isVillageRole((col('role') ?? '') as Role)) continue;
    const cols = table.columns.filter((c) => c !== 'id' && c !== 'created_by');
    const r = await sql<{ id: string | number }>`
      insert into users (${sql.join(cols.map((c) => sql.ref(c)))})
      values (${sql.join(cols.map((c) => sql`${col(c)}::${sql.raw(types.get(c)!)}`))}) returning id`.execute(trx);
    const id = Number(r.rows[0]!.id);
    ids.set(col('id')!, id);
    createdBy.push([id, col('created_by')]);
  }
  for (const [id, old] of createdBy)
    await trx.updateTable('users').set({ created_by: old == null ? null : (ids.get(old) ?? actorId) }).where('id', '=', id).execute();
  return ids;
}
