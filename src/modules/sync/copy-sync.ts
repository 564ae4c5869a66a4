import { gzipSync } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import { appliedMigrations, columnsOf, sequenceColumns } from '../../platform/backup/catalog.js';
import type { Db } from '../../platform/db/connect.js';
import { crossVillage } from '../../platform/db/village-guard.js';
import type { Database } from '../../platform/db/schema.js';
import type { PushedChange, PushOutcome } from './apply.js';
import { bucketDigests, differingBuckets, tableDigests, type JsonRow, type TableDigest } from './digest.js';
import { comparedTables, keyText, quoteIdent, SERVER_ONLY, syncedTables, withTextForm, type SyncTable } from './sync-tables.js';

/**
 * The village's own copy (the embedded database at the village hall) in step with the
 * province's server, run from the copy: its changes go up (oldest first, a use case's rows
 * together), then what differs comes down (hashes first, rows only for buckets that differ)
 * and replaces the copy's rows, all in one transaction — unless the copy wrote something
 * meanwhile, which then goes up first, next round.
 */

type Trx = Transaction<Database>;

/** Ids the copy gives its new rows start here: the server's own never reach it, so the two never clash. */
export const COPY_ID_BASE = 1_000_000_000_000;
/** A push stays well under the server's 1 MB body limit. */
const PUSH_BYTES = 600_000;
const BUCKETS_PER_REQUEST = 64;

export class SyncError extends Error {}

export interface SyncServer {
  url: string;
  key: string;
  /** For tests: the server's fetch (defaults to the real one). */
  fetch?: typeof fetch;
}

async function call<T>(server: SyncServer, path: string, body?: unknown): Promise<T> {
  const f = server.fetch ?? fetch;
  // A push goes gzipped (the server unpacks it); the answers come gzipped as fetch asks.
  const packed = body === undefined ? undefined : path.endsWith('/push') ? gzipSync(JSON.stringify(body)) : JSON.stringify(body);
  let res: Response;
  try {
    res = await f(`${server.url.replace(/\/+$/, '')}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${server.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(typeof packed === 'object' ? { 'content-encoding': 'gzip' } : {}),
      },
      body: packed,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    throw new SyncError(`Server ${server.url} tidak dapat dihubungi (${err instanceof Error ? err.message : String(err)}). Perubahan tetap tersimpan di salinan dan dikirim saat sambungan ada.`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {}
    throw new SyncError(`Server menjawab ${res.status}: ${message}`);
  }
  return (JSON.parse(text) as { data: T }).data;
}

export interface VillageInfo {
  village: JsonRow;
  migrations: string[];
  accounts: JsonRow[];
}

// ---- Up -------------------------------------------------------------------------------------

interface ChangeRow {
  seq: string;
  id: string;
  tx: string;
  table_name: string;
  op: PushedChange['op'];
  row_key: string;
  before: string | null;
  after: string | null;
  at: string;
}

/** The next batch of waiting changes, never cutting a transaction in two. */
async function nextBatch(db: Db, village: string): Promise<ChangeRow[]> {
  return withTextForm(db, async (trx) => {
    const read = (extra: ReturnType<typeof sql>) => sql<ChangeRow>`
      select seq::text, id::text, tx::text, table_name, op, row_key::text, before::text, after::text, at::text
      from sync_changes where village_code = ${village} and pushed_at is null ${extra} order by sync_changes.seq`.execute(trx);
    const rows = (await read(sql`and seq in (select seq from sync_changes where village_code = ${village} and pushed_at is null order by seq limit 400)`)).rows;
    const last = rows.at(-1);
    if (last) rows.push(...(await read(sql`and tx = ${last.tx}::bigint and seq > ${last.seq}::bigint`)).rows);
    // Keep the body small: stop at a transaction's end once the batch is big enough.
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      bytes += JSON.stringify(rows[i]).length;
      if (bytes > PUSH_BYTES && i + 1 < rows.length && rows[i + 1]!.tx !== rows[i]!.tx) return rows.slice(0, i + 1);
    }
    return rows;
  });
}

export async function pushChanges(db: Db, village: string, server: SyncServer): Promise<PushOutcome & { sent: number }> {
  const total: PushOutcome & { sent: number } = { sent: 0, transactions: 0, applied: 0, duplicates: 0, conflicts: 0, refused: 0 };
  const staged = await sql`select 1 from staged_imports where village_code = ${village} limit 1`.execute(db.kysely);
  if (staged.rows.length) throw new SyncError('Ada impor yang sedang ditinjau di salinan ini: selesaikan atau batalkan dulu, lalu sinkronkan.');
  for (;;) {
    const batch = await nextBatch(db, village);
    if (!batch.length) return total;
    const changes: PushedChange[] = batch.map((c) => ({
      id: c.id, tx: c.tx, table: c.table_name, op: c.op, key: c.row_key, before: c.before, after: c.after, at: c.at,
    }));
    const r = await call<PushOutcome>(server, '/api/v1/sync/push', { changes });
    // Sent and applied (or already there): marked. Lost on the way back? Sent again, applied once.
    await sql`update sync_changes set pushed_at = now() where village_code = ${village} and pushed_at is null
      and seq between ${batch[0]!.seq}::bigint and ${batch.at(-1)!.seq}::bigint`.execute(db.kysely);
    total.sent += batch.length;
    for (const k of ['transactions', 'applied', 'duplicates', 'conflicts', 'refused'] as const) total[k] += r[k];
  }
}

// ---- Down -----------------------------------------------------------------------------------

interface Fetched {
  table: SyncTable;
  buckets: string[];
  /** The server's rows of those buckets, as JSON texts (one per request). */
  chunks: string[];
  rows: number;
}

interface RowsReply {
  rows: number;
  json: string;
}

async function fetchBuckets(server: SyncServer, t: SyncTable, buckets: string[]): Promise<Fetched> {
  const f: Fetched = { table: t, buckets, chunks: [], rows: 0 };
  for (let i = 0; i < buckets.length; i += BUCKETS_PER_REQUEST) {
    const r = await call<RowsReply>(server, '/api/v1/sync/rows', { table: t.name, buckets: buckets.slice(i, i + BUCKETS_PER_REQUEST) });
    f.chunks.push(r.json);
    f.rows += r.rows;
  }
  return f;
}

/** What differs from the server, fetched (nothing written yet). */
async function fetchDifferences(db: Db, village: string, server: SyncServer): Promise<Fetched[]> {
  const tables = await comparedTables(db);
  const remote = await call<Record<string, TableDigest>>(server, '/api/v1/sync/digest', {});
  const local = await withTextForm(db, (trx) => tableDigests(trx, village, tables));
  const out: Fetched[] = [];
  for (const t of tables) {
    if (!remote[t.name]) throw new SyncError(`Tabel ${t.name} tidak ada di server: perbarui Balai di server dan di salinan desa ke versi yang sama.`);
    if (remote[t.name]!.hash === local[t.name]!.hash) continue;
    const theirs = await call<Record<string, string>>(server, '/api/v1/sync/digest', { table: t.name });
    const ours = await withTextForm(db, (trx) => bucketDigests(trx, village, t));
    out.push(await fetchBuckets(server, t, differingBuckets(theirs, ours)));
  }
  return out;
}

/** Makes the copy's rows of these buckets the server's; the capture is off meanwhile. */
async function replaceBuckets(trx: Trx, village: string, fetched: Fetched[]) {
  for (const f of [...fetched].reverse()) {
    const t = f.table;
    // Rows of those buckets the server no longer has (their keys, as the database writes them).
    const theirKeys = `jsonb_build_array(${t.key.map((c) => `r -> '${c.replaceAll("'", "''")}'`).join(', ')})::text`;
    await sql`delete from ${sql.table(t.name)} t where t.village_code = ${village}
      and substr(md5(${sql.raw(keyText(t))}), 1, 2) = any(${f.buckets}::text[])
      and ${sql.raw(keyText(t))} not in (select ${sql.raw(theirKeys)} from unnest(${f.chunks}::text[]) c, jsonb_array_elements(c::jsonb) r)`.execute(trx);
  }
  for (const f of fetched) for (const chunk of f.chunks) await upsertRows(trx, f.table, chunk);
}

async function upsertRows(trx: Trx, t: SyncTable, rows: string) {
  if (rows === '[]') return;
  const cols = t.columns.map((c) => quoteIdent(c.name));
  const rest = t.columns.map((c) => c.name).filter((c) => !t.key.includes(c)).map(quoteIdent);
  const onConflict = rest.length ? `do update set ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'do nothing';
  await sql`insert into ${sql.table(t.name)} (${sql.raw(cols.join(', '))}) overriding system value
    select ${sql.raw(cols.map((c) => `r.${c}`).join(', '))} from jsonb_populate_recordset(null::${sql.table(t.name)}, ${rows}::jsonb) r
    on conflict (${sql.raw(t.key.map(quoteIdent).join(', '))}) ${sql.raw(onConflict)}`.execute(trx);
}

/** The accounts the village's rows name: the village's own log in on the copy with their passwords. */
async function upsertAccounts(trx: Trx, accounts: JsonRow[]) {
  if (!accounts.length) return;
  const cols = (await columnsOf(trx, 'users')).map((c) => quoteIdent(c.name));
  const known = new Set(accounts.map((a) => String(a.id)));
  const rows = accounts.map((a) => ({ ...a, created_by: a.created_by != null && known.has(String(a.created_by)) ? a.created_by : null }));
  await sql`insert into users (${sql.raw(cols.join(', '))}) overriding system value
    select ${sql.raw(cols.map((c) => `r.${c}`).join(', '))} from jsonb_populate_recordset(null::users, ${JSON.stringify(rows)}::jsonb) r
    on conflict (id) do update set ${sql.raw(cols.filter((c) => c !== '"id"').map((c) => `${c} = excluded.${c}`).join(', '))}`.execute(trx);
}

async function applyDown(db: Db, village: string, fetched: Fetched[], accounts: JsonRow[]): Promise<boolean> {
  return withTextForm(db, async (trx) => {
    await sql`select set_config('balai.sync_applying', 'on', true)`.execute(trx);
    // Something written since the push goes up first: nothing of the copy's is overwritten.
    const waiting = await sql`select 1 from sync_changes where village_code = ${village} and pushed_at is null limit 1`.execute(trx);
    if (waiting.rows.length) return false;
    await upsertAccounts(trx, accounts);
    await replaceBuckets(trx, village, fetched);
    return true;
  });
}

export interface PullOutcome {
  tables: number;
  rows: number;
  /** False when the copy wrote something meanwhile: it goes up first, next round. */
  done: boolean;
}

export async function pullChanges(db: Db, village: string, server: SyncServer): Promise<PullOutcome> {
  const info = await call<VillageInfo>(server, '/api/v1/sync/village');
  await sameVersion(db, info);
  const fetched = await fetchDifferences(db, village, server);
  const done = await applyDown(db, village, fetched, info.accounts);
  return { tables: fetched.length, rows: fetched.reduce((n, f) => n + f.rows, 0), done };
}

async function sameVersion(db: Db, info: VillageInfo) {
  const here = await appliedMigrations(db.kysely);
  if (here.join() !== info.migrations.join())
    throw new SyncError(`Versi Balai di salinan (${here.at(-1) ?? '-'}) dan di server (${info.migrations.at(-1) ?? '-'}) berbeda. Perbarui keduanya ke versi yang sama, lalu sinkronkan.`);
}

// ---- One round, and the clone ---------------------------------------------------------------

export interface SyncRound {
  village: string;
  pushed: PushOutcome & { sent: number };
  pulled: PullOutcome;
  seconds: number;
}

const running = new WeakSet<object>();

/** The link of this installation to its server, if it is a village's copy (a copy holds one village). */
export const copyLink = (db: Db) =>
  db.kysely.selectFrom('sync_state').selectAll().$call(crossVillage('an installation is the copy of at most one village: which one is the question')).executeTakeFirst();

/** Up, then down; repeated once if the copy wrote meanwhile. The state row says how it went. `transport`: a bench's in-process server. */
export async function syncOnce(db: Db, transport?: typeof fetch): Promise<SyncRound> {
  const state = await copyLink(db);
  if (!state) throw new SyncError('Instalasi ini bukan salinan desa: buat dengan `balai sync-clone --server URL --key KUNCI`.');
  if (running.has(db)) throw new SyncError('Sinkron sedang berjalan.');
  running.add(db);
  const village = state.village_code;
  const server: SyncServer = { url: state.server_url, key: state.sync_key, fetch: transport };
  const started = performance.now();
  await db.kysely.updateTable('sync_state').set({ last_attempt_at: sql`now()` }).where('village_code', '=', village).execute();
  try {
    await ensureCapture(db);
    let pushed = await pushChanges(db, village, server);
    let pulled = await pullChanges(db, village, server);
    if (!pulled.done) {
      const again = await pushChanges(db, village, server);
      pushed = { ...again, sent: pushed.sent + again.sent, applied: pushed.applied + again.applied, conflicts: pushed.conflicts + again.conflicts, refused: pushed.refused + again.refused, duplicates: pushed.duplicates + again.duplicates, transactions: pushed.transactions + again.transactions };
      pulled = await pullChanges(db, village, server);
    }
    const round = { village, pushed, pulled, seconds: (performance.now() - started) / 1000 };
    await db.kysely.updateTable('sync_state').set({
      last_push_at: sql`now()`, last_pull_at: pulled.done ? sql`now()` : sql`last_pull_at`, last_error: null, last_result: JSON.stringify(round),
    }).where('village_code', '=', village).execute();
    return round;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.kysely.updateTable('sync_state').set({ last_error: message }).where('village_code', '=', village).execute();
    throw err;
  } finally {
    running.delete(db);
  }
}

/**
 * Makes this installation the village's copy: the village, its accounts and every row from the
 * server, in one transaction; then the copy's ids move to COPY_ID_BASE and the capture starts.
 * The installation must not hold the village yet.
 */
export async function cloneVillage(db: Db, server: SyncServer): Promise<{ village: string; rows: number; seconds: number }> {
  const started = performance.now();
  const info = await call<VillageInfo>(server, '/api/v1/sync/village');
  await sameVersion(db, info);
  const village = String(info.village.village_code);
  if (await copyLink(db))
    throw new SyncError('Instalasi ini sudah menjadi salinan desa.');
  if (await db.kysely.selectFrom('villages').select('village_code').where('village_code', '=', village).executeTakeFirst())
    throw new SyncError(`Desa ${village} sudah ada di instalasi ini. Salinan dibuat di instalasi yang kosong; desa yang mulai sendiri digabungkan dulu ke server (balai merge-village).`);
  // Nothing of the village here yet: every bucket differs.
  const tables = await syncedTables(db);
  const fetched: Fetched[] = [];
  for (const t of await comparedTables(db)) {
    const buckets = Object.keys(await call<Record<string, string>>(server, '/api/v1/sync/digest', { table: t.name })).sort();
    fetched.push(await fetchBuckets(server, t, buckets));
  }
  await withTextForm(db, async (trx) => {
    await sql`select set_config('balai.sync_applying', 'on', true)`.execute(trx);
    await upsertAccounts(trx, info.accounts);
    const cols = (await columnsOf(trx, 'villages')).map((c) => quoteIdent(c.name));
    await sql`insert into villages (${sql.raw(cols.join(', '))}) select ${sql.raw(cols.map((c) => `r.${c}`).join(', '))}
      from jsonb_populate_record(null::villages, ${JSON.stringify(info.village)}::jsonb) r`.execute(trx);
    await replaceBuckets(trx, village, fetched);
    await moveSequences(trx, tables);
    await startCapture(trx, tables);
    await trx.insertInto('sync_state').values({ village_code: village, server_url: server.url, sync_key: server.key }).execute();
  });
  return { village, rows: fetched.reduce((n, f) => n + f.rows, 0), seconds: (performance.now() - started) / 1000 };
}

/** On a copy: the capture in place on every table that moves (nothing elsewhere). */
export async function ensureCapture(db: Db): Promise<void> {
  if (!(await copyLink(db))) return;
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const tables = await syncedTables(db);
  await db.kysely.transaction().execute((trx) => startCapture(trx, tables));
}

async function moveSequences(trx: Trx, tables: SyncTable[]) {
  for (const t of [...tables.map((x) => x.name), 'users']) {
    for (const { sequence } of await sequenceColumns(trx, t))
      await sql`select setval(${sequence}::regclass, greatest(${COPY_ID_BASE}::int8, (select last_value from ${sql.raw(sequence)})))`.execute(trx);
  }
}

/**
 * A row trigger per table that moves: the copy records its own changes from now on. Made again
 * where missing — a table a later migration added, a copy restored from its backup (triggers
 * are schema, not data) — at every round and at start.
 */
async function startCapture(trx: Trx, tables: SyncTable[]) {
  const present = new Set((await sql<{ t: string }>`
    select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where g.tgname = 'balai_sync_capture' and n.nspname = 'public'`.execute(trx)).rows.map((r) => r.t));
  for (const t of tables) {
    if (present.has(t.name)) continue;
    const args = t.key.map((c) => `'${c.replaceAll("'", "''")}'`).join(', ');
    await sql.raw(`create trigger balai_sync_capture after insert or update or delete on ${quoteIdent(t.name)}
      for each row execute function balai_sync_capture(${args})`).execute(trx);
  }
  // The work done on the server is refused here rather than kept where the server never sees it.
  const guarded = new Set((await sql<{ t: string }>`
    select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where g.tgname = 'balai_server_only' and n.nspname = 'public'`.execute(trx)).rows.map((r) => r.t));
  const existing = new Set((await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public'`.execute(trx)).rows.map((r) => r.t));
  for (const name of SERVER_ONLY) {
    if (guarded.has(name) || !existing.has(name)) continue;
    await sql.raw(`create trigger balai_server_only before insert or update or delete on ${quoteIdent(name)}
      for each statement execute function balai_server_only()`).execute(trx);
  }
}
