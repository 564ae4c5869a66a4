import { CompiledQuery, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, ResidentsTable } from '../../platform/db/schema.js';
import { HOLDS_NIK } from './codes.js';
import { nikWarnings } from './nik.js';

/**
 * Loading many families and residents at once (the generator, the spreadsheet import):
 * one `insert … select from unnest(arrays)` per table and chunk instead of one statement
 * a row. The same SQL runs on PostgreSQL and PGlite; arrays travel as single parameters.
 */

export interface NewFamily {
  kk_number: string;
  address: string | null;
  area_id: number | null;
}

/** A resident as the caller has it: the insertable columns, with the family by its index in the families array. */
export type NewResident = Omit<Insertable<ResidentsTable>, 'village_code' | 'id' | 'family_id' | 'created_at' | 'updated_at'> & {
  familyIndex: number | null;
};

export interface BulkInsertOptions {
  /** The date of the `registration` event of every resident (YYYY-MM-DD). */
  registrationDate: string;
  /** Who recorded them (users.id); null for the command line. */
  userId?: number | null;
  /** Kept in each event's details, e.g. 'generator' or 'import'. */
  source?: string;
  /** Rows per statement: large enough to amortise a round trip, small enough to keep parameters in memory. */
  chunkSize?: number;
  /**
   * The staged import these rows belong to: they stay out of sight (and out of the rollups)
   * until it is published (migration 0018). Without it they are visible at commit.
   */
  importJob?: string;
  /** Refresh the planner's statistics after a big load (default true); a staged import does it once, at the end. */
  analyze?: boolean;
}

export interface BulkInsertResult {
  /** The new families' ids, in the order of the input. */
  familyIds: number[];
  /** The new residents' ids, in the order of the input. */
  residentIds: number[];
  activeNiks: number;
  events: number;
}

type ArrayType = 'text' | 'int2' | 'int8' | 'bool';
interface Column {
  name: keyof NewResident & string;
  type: ArrayType;
  /** Cast of the text element in the select list, for types sent as text. */
  cast?: 'date' | 'numeric' | 'jsonb' | 'bytea';
  /** What an omitted value means (the column's default), when it has one. */
  fallback?: unknown;
}

const RESIDENT_COLUMNS: Column[] = [
  { name: 'nik', type: 'text' },
  { name: 'nik_temporary', type: 'bool', fallback: false },
  { name: 'name', type: 'text' },
  { name: 'sex', type: 'int2' },
  { name: 'birth_place', type: 'text' },
  { name: 'birth_date', type: 'text', cast: 'date' },
  { name: 'religion', type: 'int2' },
  { name: 'education_kk', type: 'int2' },
  { name: 'education_current', type: 'int2' },
  { name: 'occupation', type: 'int2' },
  { name: 'marital_status', type: 'int2' },
  { name: 'family_relation', type: 'int2' },
  { name: 'citizenship', type: 'int2', fallback: 1 },
  { name: 'passport_number', type: 'text' },
  { name: 'passport_expiry', type: 'text', cast: 'date' },
  { name: 'kitas_number', type: 'text' },
  { name: 'father_nik', type: 'text' },
  { name: 'father_name', type: 'text' },
  { name: 'mother_nik', type: 'text' },
  { name: 'mother_name', type: 'text' },
  { name: 'blood_type', type: 'int2' },
  { name: 'disability', type: 'int2' },
  { name: 'chronic_illness', type: 'int2' },
  { name: 'contraception', type: 'int2' },
  { name: 'pregnant', type: 'int2' },
  { name: 'insurance_type', type: 'int2' },
  { name: 'insurance_number', type: 'text' },
  { name: 'ektp', type: 'int2' },
  { name: 'ektp_recording', type: 'int2' },
  { name: 'ektp_tag', type: 'text' },
  { name: 'birth_certificate', type: 'text' },
  { name: 'marriage_certificate', type: 'text' },
  { name: 'marriage_date', type: 'text', cast: 'date' },
  { name: 'divorce_certificate', type: 'text' },
  { name: 'divorce_date', type: 'text', cast: 'date' },
  { name: 'phone', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'ethnicity', type: 'text' },
  { name: 'area_id', type: 'int8' },
  { name: 'address', type: 'text' },
  { name: 'current_address', type: 'text' },
  { name: 'previous_address', type: 'text' },
  { name: 'lat', type: 'text', cast: 'numeric' },
  { name: 'lng', type: 'text', cast: 'numeric' },
  { name: 'photo', type: 'text', cast: 'bytea' },
  { name: 'photo_type', type: 'text' },
  { name: 'life_status', type: 'int2', fallback: 1 },
];

export const DEFAULT_CHUNK_SIZE = 10_000;

/**
 * Inserts families, then residents (with `active_niks` for those holding their NIK and one
 * `registration` event each) inside the caller's transaction: a failure anywhere (a NIK
 * already active elsewhere, a bad code) rolls the whole load back with it.
 */
export async function bulkInsertPopulation(
  trx: Transaction<Database>,
  villageCode: string,
  families: NewFamily[],
  residents: NewResident[],
  opts: BulkInsertOptions,
): Promise<BulkInsertResult> {
  const chunk = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
  for (let i = 0; i < residents.length; i++) {
    const f = residents[i]!.familyIndex;
    if (f !== null && (!Number.isInteger(f) || f < 0 || f >= families.length)) {
      throw new Error(`resident ${i}: familyIndex ${f} is not an index of the ${families.length} families`);
    }
  }

  // Ids are drawn from the identity sequences first, so each row's id is known before it is
  // inserted: no reliance on the order RETURNING yields rows, and children rows can follow at once.
  const importJob = opts.importJob ?? null;
  const familyIds = await allocateIds(trx, 'families', families.length);
  const residentIds = await allocateIds(trx, 'residents', residents.length);

  for (let start = 0; start < families.length; start += chunk) {
    const part = families.slice(start, start + chunk);
    await run(
      trx,
      `insert into families_rows (village_code, id, kk_number, address, area_id, import_job) overriding system value
       select $1, u.id, u.kk, u.address, u.area_id, $6
       from unnest($2::int8[], $3::text[], $4::text[], $5::int8[]) as u(id, kk, address, area_id)`,
      [villageCode, familyIds.slice(start, start + chunk), part.map((f) => f.kk_number), part.map((f) => f.address ?? null), part.map((f) => f.area_id ?? null), importJob],
    );
  }

  let activeNiks = 0;
  const source = opts.source ? JSON.stringify({ source: opts.source }) : '{}';
  for (let start = 0; start < residents.length; start += chunk) {
    const part = residents.slice(start, start + chunk);
    const ids = residentIds.slice(start, start + chunk);
    const familyOf = part.map((r) => (r.familyIndex === null ? null : familyIds[r.familyIndex]!));
    await insertResidents(trx, villageCode, ids, familyOf, part, importJob);

    const holders = part.flatMap((r, i) => (HOLDS_NIK.includes(r.life_status ?? 1) ? [i] : []));
    if (holders.length) {
      await run(
        trx,
        `insert into active_niks (nik, village_code, resident_id)
         select u.nik, $1, u.id from unnest($2::text[], $3::int8[]) as u(nik, id)`,
        [villageCode, holders.map((i) => part[i]!.nik), holders.map((i) => ids[i]!)],
      );
      activeNiks += holders.length;
    }

    await run(
      trx,
      `insert into population_events_rows (village_code, resident_id, family_id, kind, event_date, population_change, details, recorded_by, import_job)
       select $1, u.resident_id, u.family_id, 'registration', $2::date, 1, $3::jsonb, $4::int8, $7
       from unnest($5::int8[], $6::int8[]) as u(resident_id, family_id)`,
      [villageCode, opts.registrationDate, source, opts.userId ?? null, ids, familyOf, importJob],
    );
  }
  // Without fresh statistics a page plans nested loops over "one row" and takes seconds.
  if (residents.length >= 100 && opts.analyze !== false) await analyzePopulation(trx);
  return { familyIds, residentIds, activeNiks, events: residents.length };
}

/**
 * Fresh statistics for the planner: PGlite has no autovacuum, and PostgreSQL's comes too late
 * after a big load. With `vacuum` (outside a transaction: after a load has committed) the new
 * rows are also marked visible to all, so the list's index-only scans stop reading the table
 * for each entry (2,550 table reads for page 50 of a fresh 100,000-resident load).
 */
export async function analyzePopulation(db: Kysely<Database>, o: { vacuum?: boolean } = {}) {
  // A statement per table: on the embedded database others get the connection in between.
  for (const table of ['village_areas_rows', 'residents_rows', 'families_rows', 'population_events_rows', 'active_niks']) {
    await sql.raw(`${o.vacuum ? 'vacuum (analyze)' : 'analyze'} ${table}`).execute(db);
  }
}

async function insertResidents(trx: Transaction<Database>, villageCode: string, ids: number[], familyOf: (number | null)[], rows: NewResident[], importJob: string | null) {
  const names = ['id', 'family_id'];
  const params: unknown[] = [villageCode, ids, familyOf];
  const arrays = ['$2::int8[]', '$3::int8[]'];
  const selects = ['u.id', 'u.family_id'];
  for (const col of RESIDENT_COLUMNS) {
    // A column nobody filled in is left out: the database default applies, and less travels.
    if (!rows.some((r) => r[col.name] !== undefined && r[col.name] !== null)) continue;
    const values = rows.map((r) => {
      const v = r[col.name];
      if (v === undefined || v === null) return col.fallback ?? null;
      if (col.cast === 'bytea') return Buffer.from(v as Uint8Array).toString('hex');
      return v;
    });
    params.push(values);
    names.push(col.name);
    arrays.push(`$${params.length}::${col.type}[]`);
    selects.push(col.cast === 'bytea' ? `decode(u.${col.name}, 'hex')` : col.cast ? `u.${col.name}::${col.cast}` : `u.${col.name}`);
  }
  // Warnings follow from the NIK unless the caller worked them out already.
  params.push(rows.map((r) => r.warnings ?? JSON.stringify(nikWarnings(r.nik, r.birth_date, r.sex))));
  names.push('warnings');
  arrays.push(`$${params.length}::text[]`);
  selects.push('u.warnings::jsonb');

  params.push(importJob);
  await run(
    trx,
    `insert into residents_rows (village_code, ${names.join(', ')}, import_job) overriding system value
     select $1, ${selects.join(', ')}, $${params.length}
     from unnest(${arrays.join(', ')}) as u(${names.join(', ')})`,
    params,
  );
}

/**
 * Draws `count` ids from a table's identity sequence (safe beside other writers: each
 * nextval is atomic). The sequence is looked up once and the ids come back as one string:
 * a row per id, or the lookup per row, costs ten times more on PGlite.
 */
export async function allocateIds(trx: Transaction<Database>, table: 'families' | 'residents' | 'village_areas', count: number): Promise<number[]> {
  if (count === 0) return [];
  // The table behind the view (migration 0018) owns the sequence.
  const seq = await trx.executeQuery<{ seq: string }>(CompiledQuery.raw(`select pg_get_serial_sequence($1, 'id') as seq`, [`${table}_rows`]));
  const result = await trx.executeQuery<{ ids: string }>(
    CompiledQuery.raw(`select string_agg(nextval($1::regclass)::text, ',') as ids from generate_series(1, $2::int)`, [seq.rows[0]!.seq, count]),
  );
  return result.rows[0]!.ids.split(',').map(Number);
}

const run = (trx: Transaction<Database>, text: string, params: unknown[]) => trx.executeQuery(CompiledQuery.raw(text, params));
