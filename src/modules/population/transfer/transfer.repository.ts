import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { allocateIds } from '../bulk-insert.js';
import { COLUMNS, IMPORT_FIELDS, type ImportField } from './opensid.js';

/** The SQL of import and export. Arrays travel as single parameters: one statement per chunk, not per row. */

type Q = Kysely<Database> | Transaction<Database>;
const run = <R = unknown>(db: Q, text: string, params: unknown[]) => db.executeQuery<R>(CompiledQuery.raw(text, params));

/** Column types of the importable fields, for unnest() arrays and casts: codes are smallint, dates and coordinates travel as text. */
const FIELD_SQL = Object.fromEntries(
  COLUMNS.flatMap((c) => {
    if (!c.field) return [];
    const kind = c.type.kind;
    return [[c.field, kind === 'code' ? { array: 'int2' } : kind === 'date' ? { array: 'date' } : kind === 'coordinate' ? { array: 'numeric' } : { array: 'text' }]];
  }),
) as Record<ImportField, { array: string; cast?: string }>;

export type ExistingResident = { id: number; nik: string; family_id: number | null; area_id: number | null; life_status: number } & Record<ImportField, string | number | null>;

/** Look-ups of many keys go this many at a time: each statement stays short, so others get the embedded database in between. */
const LOOKUP_CHUNK = 1000;
async function chunked<K, R>(keys: K[], look: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(keys)];
  const out: R[] = [];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) for (const r of await look(unique.slice(i, i + LOOKUP_CHUNK))) out.push(r);
  return out;
}

/** Residents of the village with these NIKs, whatever their status (newest first, so the current record wins). */
export async function residentsByNik(db: Q, village: string, niks: string[]): Promise<ExistingResident[]> {
  const cols = IMPORT_FIELDS.filter((f) => f !== 'life_status').map((f) => `r.${f}`).join(', ');
  const rows = await chunked(niks, async (part) =>
    (await run<ExistingResident>(db, `select r.id, r.nik, r.family_id, r.area_id, r.life_status, ${cols} from residents r where r.village_code = $1 and r.nik = any($2::text[])`, [village, part])).rows,
  );
  return rows.sort((a, b) => b.id - a.id);
}

/** Which of these NIKs a living resident of another village holds, and that village's name. */
export async function activeNiksElsewhere(db: Q, village: string, niks: string[]) {
  return chunked(niks, async (part) =>
    (
      await run<{ nik: string; village_code: string; name: string; kind: string }>(
        db,
        `select a.nik, a.village_code, g.name, g.kind from active_niks a join regions g on g.code = a.village_code
         where a.nik = any($1::text[]) and a.village_code <> $2`,
        [part, village],
      )
    ).rows,
  );
}

export async function activeFamiliesByKk(db: Q, village: string, kks: string[]) {
  return chunked(kks, async (part) =>
    (
      await run<{ id: number; kk_number: string; address: string | null; area_id: number | null }>(
        db,
        `select id, kk_number, address, area_id from families where village_code = $1 and status = 'active' and kk_number = any($2::text[])`,
        [village, part],
      )
    ).rows,
  );
}

export async function membersOfFamilies(db: Q, village: string, familyIds: number[]) {
  return chunked(familyIds, async (part) =>
    (
      await run<{ id: number; family_id: number; nik: string; name: string; family_relation: number | null; life_status: number }>(
        db,
        `select id, family_id, nik, name, family_relation, life_status from residents where village_code = $1 and family_id = any($2::int8[])`,
        [village, part],
      )
    ).rows,
  );
}

export const listAreas = (db: Q, village: string) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', village).orderBy('id').execute();

/** One publication at a time per village: a second waits for the first to commit, then sees its rows. */
export const lockVillageImport = (trx: Transaction<Database>, village: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${`population-import:${village}`}))`.execute(trx);

/**
 * Staged imports (migration 0018): the rows an import writes, in short transactions, stay
 * out of every read while their job is listed in `staged_imports`. Writes to the staged rows
 * themselves go to the tables behind the views (`*_rows`), since the views hide them.
 */
export async function beginStaging(db: Q, village: string, job: string) {
  await run(db, `insert into staged_imports (village_code, job_id) values ($1, $2) on conflict (job_id) do nothing`, [village, job]);
}

/** Makes a staged import visible and counts it in the rollups, in the caller's transaction. */
export async function publishStaged(trx: Transaction<Database>, village: string, job: string) {
  await run(trx, `select population_publish_import($1, $2)`, [village, job]);
  await run(trx, `select population_publish_breakdowns($1, $2)`, [village, job]);
  await run(trx, `select population_count_family_members($1, format('import_job = %L', $2::text))`, [village, job]);
  // Its events enter the change feed now, stamped with this transaction (docs/change-feed.md).
  await run(trx, `select change_feed_publish_import($1, $2)`, [village, job]);
  // The register changed without a row being written: kept monthly reports no longer hold.
  await run(trx, `select population_move_version(array[$1::text])`, [village]);
}

/** Rows per delete statement when a staged import is thrown away: short statements, others get the database between them. */
const DISCARD_CHUNK = 2000;

/**
 * Deletes what a failed or abandoned import staged (never seen by anyone), children first,
 * a chunk per statement, and then its `staged_imports` entry. Does nothing for a published one.
 */
export async function discardStaged(db: Kysely<Database>, village: string, job: string) {
  const staged = await run<{ job_id: string }>(db, `select job_id from staged_imports where job_id = $1 and village_code = $2`, [job, village]);
  if (!staged.rows.length) return;
  const ids = async (table: string) =>
    (await run<{ id: number }>(db, `select id from ${table} where village_code = $1 and import_job = $2 order by id`, [village, job])).rows.map((r) => r.id);
  const inChunks = async (all: number[], statement: string) => {
    for (let i = 0; i < all.length; i += DISCARD_CHUNK) await run(db, statement, [village, all.slice(i, i + DISCARD_CHUNK)]);
  };
  const residents = await ids('residents_rows');
  await inChunks(residents, `delete from active_niks where village_code = $1 and resident_id = any($2::int8[])`);
  await inChunks(residents, `delete from population_events_rows where village_code = $1 and resident_id = any($2::int8[])`);
  await inChunks(residents, `delete from residents_rows where village_code = $1 and id = any($2::int8[])`);
  await inChunks(await ids('families_rows'), `delete from families_rows where village_code = $1 and id = any($2::int8[])`);
  // Areas refer to their parents: RTs first, then RWs, then dusun.
  for (const level of ['rt', 'rw', 'dusun']) {
    await run(db, `delete from village_areas_rows where village_code = $1 and import_job = $2 and level = $3`, [village, job, level]);
  }
  await run(db, `delete from staged_imports where job_id = $1 and village_code = $2`, [job, village]);
}

/**
 * True when the residents the import is to correct are still as the plan read them: an
 * officer who changed one meanwhile would otherwise see the change silently overwritten.
 */
export async function residentsUnchanged(trx: Transaction<Database>, village: string, planned: ExistingResident[]): Promise<boolean> {
  const now = new Map((await residentsByNik(trx, village, planned.map((r) => r.nik))).map((r) => [r.id, r]));
  return planned.every((r) => {
    const current = now.get(r.id);
    return current !== undefined && JSON.stringify(current) === JSON.stringify(r);
  });
}

/** True when every one of these families is still active (none dissolved or split meanwhile). */
export async function familiesStillActive(trx: Transaction<Database>, village: string, ids: number[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  const found = await chunked(unique, async (part) =>
    (await run<{ id: number }>(trx, `select id from families where village_code = $1 and status = 'active' and id = any($2::int8[])`, [village, part])).rows,
  );
  return found.length === unique.length;
}

export async function insertAreas(trx: Transaction<Database>, village: string, areas: { level: 'dusun' | 'rw' | 'rt'; name: string; parentIndex: number | null; parentId: number | null }[], importJob: string): Promise<number[]> {
  const ids = await allocateIds(trx, 'village_areas', areas.length);
  if (!areas.length) return ids;
  await run(
    trx,
    `insert into village_areas_rows (village_code, id, parent_id, level, name, import_job) overriding system value
     select $1, u.id, u.parent_id, u.level, u.name, $6 from unnest($2::int8[], $3::int8[], $4::text[], $5::text[]) as u(id, parent_id, level, name)`,
    [village, ids, areas.map((a) => (a.parentIndex !== null ? ids[a.parentIndex]! : a.parentId)), areas.map((a) => a.level), areas.map((a) => a.name), importJob],
  );
  return ids;
}

export async function updateFamilies(trx: Transaction<Database>, village: string, rows: { id: number; address: string | null; area_id: number | null }[]) {
  if (!rows.length) return;
  await run(
    trx,
    `update families_rows f set address = u.address, area_id = u.area_id, updated_at = now()
     from unnest($2::int8[], $3::text[], $4::int8[]) as u(id, address, area_id) where f.village_code = $1 and f.id = u.id`,
    [village, rows.map((r) => r.id), rows.map((r) => r.address), rows.map((r) => r.area_id)],
  );
}

/** New (staged) residents who joined a family that was already there: their row and registration event get its id. */
export async function attachToFamilies(trx: Transaction<Database>, village: string, residentIds: number[], familyIds: number[]) {
  if (!residentIds.length) return;
  const params = [village, residentIds, familyIds];
  await run(trx, `update residents_rows r set family_id = u.family_id from unnest($2::int8[], $3::int8[]) as u(id, family_id) where r.village_code = $1 and r.id = u.id`, params);
  await run(
    trx,
    `update population_events_rows e set family_id = u.family_id from unnest($2::int8[], $3::int8[]) as u(id, family_id)
     where e.village_code = $1 and e.resident_id = u.id and e.kind = 'registration' and e.family_id is null`,
    params,
  );
}

/** New (staged) families recorded as dissolved: none of their members is still here (all dead or moved). */
export async function dissolveFamilies(trx: Transaction<Database>, village: string, familyIds: number[]) {
  await run(trx, `update families_rows set status = 'dissolved' where village_code = $1 and id = any($2::int8[])`, [village, familyIds]);
}

export type ResidentUpdate = { id: number; family_id: number | null; area_id: number | null; warnings: string } & Record<ImportField, string | number | null>;

/** Writes the given residents' importable fields (their whole new state) in one statement. */
export async function updateResidents(trx: Transaction<Database>, village: string, rows: ResidentUpdate[]) {
  if (!rows.length) return;
  const fields = IMPORT_FIELDS.filter((f) => f !== 'life_status');
  const params: unknown[] = [village, rows.map((r) => r.id), rows.map((r) => r.family_id), rows.map((r) => r.area_id), rows.map((r) => r.warnings)];
  const names = ['id', 'family_id', 'area_id', 'warnings'];
  const arrays = ['$2::int8[]', '$3::int8[]', '$4::int8[]', '$5::text[]'];
  const sets = ['family_id = u.family_id', 'area_id = u.area_id', 'warnings = u.warnings::jsonb', 'updated_at = now()'];
  for (const f of fields) {
    params.push(rows.map((r) => r[f] ?? null));
    names.push(f);
    arrays.push(`$${params.length}::${FIELD_SQL[f].array}[]`);
    sets.push(`${f} = u.${f}${FIELD_SQL[f].cast ? `::${FIELD_SQL[f].cast}` : ''}`);
  }
  await run(
    trx,
    `update residents_rows r set ${sets.join(', ')} from unnest(${arrays.join(', ')}) as u(${names.join(', ')}) where r.village_code = $1 and r.id = u.id`,
    params,
  );
}

export async function insertCorrections(
  trx: Transaction<Database>,
  village: string,
  rows: { resident_id: number; family_id: number | null; details: string }[],
  eventDate: string,
  userId: number | null,
) {
  if (!rows.length) return;
  await run(
    trx,
    `insert into population_events_rows (village_code, resident_id, family_id, kind, event_date, population_change, details, recorded_by)
     select $1, u.resident_id, u.family_id, 'correction', $2::date, 0, u.details::jsonb, $3::int8
     from unnest($4::int8[], $5::int8[], $6::text[]) as u(resident_id, family_id, details)`,
    [village, eventDate, userId, rows.map((r) => r.resident_id), rows.map((r) => r.family_id), rows.map((r) => r.details)],
  );
}

export type ExportRow = Record<ImportField, string | number | null> & {
  id: number;
  nik: string;
  area_id: number | null;
  family_id: number | null;
  kk_number: string | null;
  family_address: string | null;
  family_area_id: number | null;
};

const EXPORT_ORDER = `order by f.kk_number nulls last, r.family_id, (r.family_relation is distinct from 1), r.family_relation nulls last, r.birth_date nulls last, r.id`;
const exportColumns = () => `r.id, r.nik, r.area_id, r.family_id, ${IMPORT_FIELDS.map((f) => `r.${f}`).join(', ')}, f.kk_number, f.address as family_address, f.area_id as family_area_id`;

/**
 * Residents of the village with their family card, a family together and its head first,
 * `pageSize` at a time: first the ids alone (small), then each page by id. Every statement is short, so on the embedded database other requests
 * get the connection between pages instead of waiting for one huge query.
 */
export async function* exportRowPages(db: Q, village: string, statuses: readonly number[] | null, pageSize = 1000): AsyncGenerator<ExportRow[]> {
  const ids = (
    await run<{ id: number }>(
      db,
      `select r.id from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
       where r.village_code = $1 and ($2::int2[] is null or r.life_status = any($2::int2[])) ${EXPORT_ORDER}`,
      [village, statuses],
    )
  ).rows.map((x) => x.id);
  for (let start = 0; start < ids.length; start += pageSize) {
    const page = ids.slice(start, start + pageSize);
    const r = await run<ExportRow>(
      db,
      `select ${exportColumns()} from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
       where r.village_code = $1 and r.id = any($2::int8[])`,
      [village, page],
    );
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    yield page.flatMap((id) => byId.get(id) ?? []);
  }
}

/** The village's name and the names of the regions above it, for the register's heading. */
export async function villageHeading(db: Q, village: string) {
  const codes = [village, village.slice(0, 8), village.slice(0, 5), village.slice(0, 2)];
  const rows = await db.selectFrom('regions').select(['code', 'name', 'kind']).where('code', 'in', codes).execute();
  const by = new Map(rows.map((r) => [r.code, r]));
  return { village: by.get(village), district: by.get(codes[1]!), regency: by.get(codes[2]!), province: by.get(codes[3]!) };
}

/** The ids of this officer's previews of this village still waiting for confirmation. */
export async function readyImports(db: Q, village: string, owner: number): Promise<string[]> {
  const r = await run<{ id: string }>(db, `select id from jobs where village_code = $1 and owner_id = $2 and kind = 'population.import' and status = 'ready'`, [village, owner]);
  return r.rows.map((x) => x.id);
}
