import { sql, type Transaction } from 'kysely';
import { bumpVillageActivity, recordAudit } from '../../platform/audit/audit.js';
import { isVillageRole, type Role } from '../../platform/access/roles.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { redactNiks } from '../../platform/redact.js';
import type { JsonRow } from './digest.js';
import { APPEND_ONLY, quoteIdent, syncedTables, withTextForm, type SyncTable } from './sync-tables.js';

/**
 * The server applies what a village's copy sends: its transactions in order, each once (the
 * id of its first change is recorded), each whole or not at all (a savepoint each). An update
 * is applied field by field against what the copy saw before (the same three-way rule as a
 * correction): a field the server left as it was takes the copy's value; a field both changed
 * to different values keeps the server's and is held as a clash for a person, the copy's value
 * kept with it. A transaction the server refuses (a NIK living in another village, a key
 * taken) is held whole, with every row it carried.
 */

type Trx = Transaction<Database>;

export interface PushedChange {
  id: string;
  tx: string;
  table: string;
  op: 'insert' | 'update' | 'delete';
  /** JSON texts as the copy's database wrote them: passed to SQL as they are, so numbers stay exact. */
  key: string;
  before: string | null;
  after: string | null;
  at: string;
}

export interface PushOutcome {
  transactions: number;
  applied: number;
  duplicates: number;
  conflicts: number;
  refused: number;
}

/** Columns both sides touch on every write: never a clash; merged instead. */
const BOOKKEEPING: Record<string, (server: string, copy: string) => string> = {
  updated_at: (s, c) => `greatest(${s}, ${c})`,
  changed_at: (s, c) => `greatest(${s}, ${c})`,
  version: (s, c) => `greatest(${s}, ${c}) + 1`,
  updated_by: (s) => s,
};

class Refusal extends Error {
  constructor(message: string, readonly otherVillage: string | null = null) {
    super(message);
  }
}

interface FieldClash {
  change: PushedChange;
  field: string | null;
  kind: 'field' | 'missing';
}

const parse = (text: string | null) => (text == null ? null : (JSON.parse(text) as JsonRow));

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const keyMatch = (t: SyncTable, left: string, right: string) =>
  `(${t.key.map((c) => `${left}.${quoteIdent(c)}`).join(', ')}) = (${t.key.map((c) => `${right}.${quoteIdent(c)}`).join(', ')})`;

/** Groups consecutive changes of one transaction. */
export function transactionsOf(changes: PushedChange[]): PushedChange[][] {
  const out: PushedChange[][] = [];
  for (const c of changes) {
    const last = out.at(-1);
    if (last && last[0]!.tx === c.tx) last.push(c);
    else out.push([c]);
  }
  return out;
}

export async function applyPush(db: Db, village: string, changes: PushedChange[], label: string): Promise<PushOutcome> {
  const tables = new Map((await syncedTables(db)).map((t) => [t.name, t]));
  const outcome: PushOutcome = { transactions: 0, applied: 0, duplicates: 0, conflicts: 0, refused: 0 };
  await withTextForm(db, async (trx) => {
    for (const group of transactionsOf(changes)) {
      outcome.transactions++;
      const first = group[0]!.id;
      const seen = await sql`select 1 from sync_applied where village_code = ${village} and change_id = ${first}::uuid`.execute(trx);
      if (seen.rows.length) {
        outcome.duplicates += group.length;
        continue;
      }
      await sql`savepoint sync_tx`.execute(trx);
      let clashes: FieldClash[] = [];
      try {
        for (const change of group) clashes.push(...(await applyOne(trx, village, tables, change)));
        await sql`release savepoint sync_tx`.execute(trx);
      } catch (err) {
        await sql`rollback to savepoint sync_tx`.execute(trx);
        clashes = [];
        const refusal = await explain(trx, err, group);
        await holdRefused(trx, village, group, refusal);
        await sql`insert into sync_applied (village_code, change_id, outcome) values (${village}, ${first}::uuid, 'refused')`.execute(trx);
        outcome.refused++;
        continue;
      }
      for (const c of clashes) await holdClash(trx, village, tables, c);
      outcome.applied += group.length;
      outcome.conflicts += clashes.length;
      await sql`insert into sync_applied (village_code, change_id, outcome) values (${village}, ${first}::uuid, ${clashes.length ? 'partly' : 'applied'})`.execute(trx);
    }
    await recordAudit(trx, { actor: null, ip: 'sync' }, { action: 'sync.push', villageCode: village, subject: `village:${village}`, detail: { ...outcome } }, label);
  });
  return outcome;
}

async function applyOne(trx: Trx, village: string, tables: Map<string, SyncTable>, change: PushedChange): Promise<FieldClash[]> {
  const t = tables.get(change.table);
  if (!t) throw new Refusal(`Tabel ${change.table} tidak dikenal di server: perbarui Balai di server dan di salinan desa ke versi yang sama.`);
  const row = parse(change.after ?? change.before);
  if (!row || row.village_code !== village) throw new Refusal(`Perubahan pada ${change.table} bukan milik desa ${village}.`);
  const name = sql.table(t.name);
  const cols = t.columns.map((c) => quoteIdent(c.name));
  if (APPEND_ONLY.has(t.name)) return appendEntry(trx, village, t, change);
  if (change.op === 'insert') {
    const found = await sql<{ same: boolean }>`
      select to_jsonb(t) = to_jsonb(a) as same from ${name} t, jsonb_populate_record(null::${name}, ${change.after}::jsonb) a
      where t.village_code = ${village} and ${sql.raw(keyMatch(t, 't', 'a'))}`.execute(trx);
    if (found.rows[0]?.same) return [];
    if (found.rows.length) throw new Refusal(`Baris ${change.table} ${JSON.stringify(change.key)} sudah ada di server dengan isi lain.`);
    await sql`insert into ${name} (${sql.raw(cols.join(', '))}) overriding system value
      select ${sql.raw(cols.map((c) => `a.${c}`).join(', '))} from jsonb_populate_record(null::${name}, ${change.after}::jsonb) a`.execute(trx);
    return [];
  }
  if (change.op === 'delete') {
    await sql`delete from ${name} t using jsonb_populate_record(null::${name}, ${change.key}::jsonb) k
      where t.village_code = ${village} and ${sql.raw(keyMatch(t, 't', 'k'))}`.execute(trx);
    return [];
  }
  // An update: only the fields the copy changed, each against what the copy saw before.
  const before = parse(change.before)!;
  const after = parse(change.after)!;
  // The key and the village never change by sync (a row does not move to another village).
  const changed = t.columns.map((c) => c.name).filter((c) => !t.key.includes(c) && c !== 'village_code' && !same(before[c], after[c]));
  if (!changed.length) return [];
  const probe = changed.map((c) => {
    const q = quoteIdent(c);
    return `'${c.replaceAll("'", "''")}', jsonb_build_array(to_jsonb(b.${q}) is not distinct from to_jsonb(t.${q}), to_jsonb(a.${q}) is not distinct from to_jsonb(t.${q}))`;
  });
  const current = await sql<{ f: Record<string, [boolean, boolean]> | string }>`
    select jsonb_build_object(${sql.raw(probe.join(', '))}) as f
    from ${name} t, jsonb_populate_record(null::${name}, ${change.before}::jsonb) b, jsonb_populate_record(null::${name}, ${change.after}::jsonb) a
    where t.village_code = ${village} and ${sql.raw(keyMatch(t, 't', 'b'))} for update of t`.execute(trx);
  if (!current.rows.length) return [{ change, field: null, kind: 'missing' }];
  const f = typeof current.rows[0]!.f === 'string' ? JSON.parse(current.rows[0]!.f) : current.rows[0]!.f;
  const sets: string[] = [];
  const clashes: FieldClash[] = [];
  for (const c of changed) {
    const [untouched, alreadyThere] = f[c] as [boolean, boolean];
    const q = quoteIdent(c);
    if (untouched) sets.push(`${q} = a.${q}`);
    else if (alreadyThere) continue;
    else if (BOOKKEEPING[c]) sets.push(`${q} = ${BOOKKEEPING[c]!(`t.${q}`, `a.${q}`)}`);
    else clashes.push({ change, field: c, kind: 'field' });
  }
  if (sets.length)
    await sql`update ${name} t set ${sql.raw(sets.join(', '))} from jsonb_populate_record(null::${name}, ${change.after}::jsonb) a
      where t.village_code = ${village} and ${sql.raw(keyMatch(t, 't', 'a'))}`.execute(trx);
  return clashes;
}

/** An audit entry of the copy: a new entry under the server's numbering, and the village's activity of that day. */
async function appendEntry(trx: Trx, village: string, t: SyncTable, change: PushedChange): Promise<FieldClash[]> {
  if (change.op !== 'insert') return [];
  const cols = t.columns.map((c) => quoteIdent(c.name)).filter((c) => c !== '"id"');
  const entry = parse(change.after)!;
  await sql`insert into ${sql.table(t.name)} (${sql.raw(cols.join(', '))})
    select ${sql.raw(cols.map((c) => `a.${c}`).join(', '))} from jsonb_populate_record(null::${sql.table(t.name)}, ${change.after}::jsonb) a`.execute(trx);
  if (entry.outcome !== 'ok') return [];
  const citizen = String(entry.actor_label ?? '').startsWith('warga:');
  let officer = false;
  if (!citizen && entry.actor_id != null) {
    const u = await trx.selectFrom('users').select('role').where('id', '=', Number(entry.actor_id)).executeTakeFirst();
    officer = !!u && isVillageRole(u.role as Role);
  }
  if (citizen || officer) await bumpVillageActivity(trx, village, citizen, String(entry.at));
  return [];
}

/** Why the server refused a transaction, in words an officer can act on. */
async function explain(trx: Trx, err: unknown, group: PushedChange[]): Promise<Refusal> {
  if (err instanceof Refusal) return err;
  const index = violatedUniqueIndex(err);
  const nikRow = group.find((c) => c.table === 'active_niks' && c.op === 'insert');
  if (index?.startsWith('active_niks') && nikRow) {
    const nik = String(parse(nikRow.after)!.nik);
    const other = await sql<{ village_code: string; name: string }>`
      select a.village_code, g.name from active_niks a join regions g on g.code = a.village_code where a.nik = ${nik}`.execute(trx);
    const o = other.rows[0];
    return new Refusal(
      `NIK ${redactNiks(nik)} tercatat hidup di desa ${o ? `${o.name} (${o.village_code})` : 'lain'} di server. Satu NIK hanya hidup di satu desa: selesaikan pindahnya di salah satu desa, lalu catat lagi.`,
      o?.village_code ?? null,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new Refusal(`Server menolak perubahan ini (${redactNiks(message)}).`);
}

async function holdRefused(trx: Trx, village: string, group: PushedChange[], refusal: Refusal) {
  const main = group.find((c) => !APPEND_ONLY.has(c.table)) ?? group[0]!;
  const rows = [village, ...(refusal.otherVillage && refusal.otherVillage !== village ? [refusal.otherVillage] : [])];
  for (const v of rows) {
    await sql`insert into sync_conflicts (village_code, change_id, table_name, row_key, kind, copy_value, message, other_village)
      values (${v}, ${group[0]!.id}::uuid, ${main.table}, ${main.key}::jsonb, 'refused',
        ${v === village ? `[${group.map((g) => `{"table":${JSON.stringify(g.table)},"op":"${g.op}","key":${g.key},"before":${g.before ?? 'null'},"after":${g.after ?? 'null'}}`).join(',')}]` : null}::jsonb, ${refusal.message}, ${v === village ? refusal.otherVillage : village})`.execute(trx);
  }
}

async function holdClash(trx: Trx, village: string, tables: Map<string, SyncTable>, c: FieldClash) {
  const message = c.kind === 'missing'
    ? 'Baris ini sudah tidak ada di server, tetapi diubah di salinan desa. Perubahan salinan disimpan di sini.'
    : 'Diubah di server dan di salinan desa dengan nilai berbeda. Nilai server dipakai sampai petugas memilih.';
  const ch = c.change;
  if (c.kind === 'missing') {
    await sql`insert into sync_conflicts (village_code, change_id, table_name, row_key, kind, base_value, copy_value, message)
      values (${village}, ${ch.id}::uuid, ${ch.table}, ${ch.key}::jsonb, 'missing', ${ch.before}::jsonb, ${ch.after}::jsonb, ${message})`.execute(trx);
    return;
  }
  // The three values as each database wrote them; the server's read back from its row.
  const t = tables.get(ch.table)!;
  const f = c.field!;
  await sql`insert into sync_conflicts (village_code, change_id, table_name, row_key, kind, field, base_value, server_value, copy_value, message)
    select ${village}, ${ch.id}::uuid, ${ch.table}, ${ch.key}::jsonb, 'field', ${f},
      coalesce(${ch.before}::jsonb -> ${f}, 'null'::jsonb), coalesce(to_jsonb(t) -> ${f}, 'null'::jsonb), coalesce(${ch.after}::jsonb -> ${f}, 'null'::jsonb), ${message}
    from ${sql.table(t.name)} t, jsonb_populate_record(null::${sql.table(t.name)}, ${ch.key}::jsonb) k
    where t.village_code = ${village} and ${sql.raw(keyMatch(t, 't', 'k'))}`.execute(trx);
}
