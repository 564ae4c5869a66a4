import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { ALL_VILLAGES } from './format.js';

/**
 * What the backup reads from the database's own catalogue rather than from a list kept by
 * hand: a table added by a later migration is backed up without anyone remembering to.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** Kept by `migrate` itself; the backup records its names in the header instead. */
const NOT_DATA = new Set(['schema_migrations']);

export interface ColumnInfo {
  name: string;
  /** As `format_type` writes it, e.g. `timestamp with time zone`, `character varying(20)`. */
  type: string;
}

/** The tables of the public schema, each after the tables its foreign keys point to. */
export async function dataTables(db: Q): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const names = tables.rows.map((r) => r.name).filter((n) => !NOT_DATA.has(n));
  const refs = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid`.execute(db);
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const r of refs.rows) parents.get(r.child)?.add(r.parent);
  // Depth-first: a table comes out once every table it refers to has.
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle through ${name}`);
    state.set(name, 'visiting');
    for (const p of [...(parents.get(name) ?? [])].sort()) if (parents.has(p)) visit(p);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const n of names) visit(n);
  return ordered;
}

/** A table's columns that hold data, in their order; generated columns are computed again on restore. */
export async function columnsOf(db: Q, table: string): Promise<ColumnInfo[]> {
  const r = await sql<ColumnInfo>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a
    where a.attrelid = (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = ${table})
      and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by a.attnum`.execute(db);
  return r.rows;
}

/**
 * The primary key's columns: rows are written in its order, so a row that refers to an
 * earlier row of its own table (a region's parent, an area's dusun) comes after it.
 */
export async function primaryKeyOf(db: Q, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, pos)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = 'public' and c.relname = ${table}
    order by k.pos`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Sequences (the identity columns' among them) with how far they have counted. */
export async function sequenceValues(db: Q): Promise<{ name: string; last_value: number | null }[]> {
  const r = await sql<{ name: string; last_value: string | number | null }>`
    select sequencename as name, last_value from pg_sequences where schemaname = 'public' order by sequencename`.execute(db);
  return r.rows.map((x) => ({ name: x.name, last_value: x.last_value === null ? null : Number(x.last_value) }));
}

export async function appliedMigrations(db: Q): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('public.schema_migrations')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function countRows(db: Q, table: string): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)} ${sql.raw(ALL_VILLAGES)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Each table's columns that refer to an account (users.id): rewritten when rows move to another installation. */
export async function userReferences(db: Q): Promise<Map<string, string[]>> {
  const r = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f' and n.nspname = 'public' and p.relname = 'users' and array_length(k.conkey, 1) = 1
    order by 1, 2`.execute(db);
  const out = new Map<string, string[]>();
  for (const x of r.rows) out.set(x.table_name, [...(out.get(x.table_name) ?? []), x.column_name]);
  return out;
}

/**
 * A table's unique keys over plain columns that leave out village_code (a NIK in use, a
 * letter's public code, a website's address): keys one village's rows may clash on with another's.
 */
export async function crossVillageKeys(db: Q, table: string): Promise<string[][]> {
  const r = await sql<{ index: string; name: string }>`
    select i.indexrelid::text as index, a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, pos)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisunique and i.indexprs is null and i.indpred is null and n.nspname = 'public' and c.relname = ${table}
    order by i.indexrelid, k.pos`.execute(db);
  const keys = new Map<string, string[]>();
  for (const x of r.rows) keys.set(x.index, [...(keys.get(x.index) ?? []), x.name]);
  return [...keys.values()].filter((k) => !k.includes('village_code'));
}

/** Columns filled from a sequence (serial or identity), with the sequence's name. */
export async function sequenceColumns(db: Q, table: string): Promise<{ column: string; sequence: string }[]> {
  const r = await sql<{ column: string; sequence: string | null }>`
    select a.attname as column, pg_get_serial_sequence(${`public.${table}`}, a.attname) as sequence
    from pg_attribute a
    where a.attrelid = (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = ${table})
      and a.attnum > 0 and not a.attisdropped`.execute(db);
  return r.rows.filter((x): x is { column: string; sequence: string } => x.sequence !== null);
}
