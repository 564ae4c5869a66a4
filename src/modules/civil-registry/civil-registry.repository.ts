import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { CivilRegistryDifferenceKind, Database } from '../../platform/db/schema.js';

/**
 * Every query of the civil registry's reports and reconciliation. Each names its village; the
 * population tables are read through their views and written as `*_rows` (docs/citus.md).
 */
type Q = Kysely<Database> | Transaction<Database>;

/** Rows per statement when many go in at once. */
const CHUNK = 500;

export const REPORTED_KINDS = ['birth', 'death', 'move_in', 'move_out', 'correction'] as const;

// ---------------------------------------------------------------------------------------
// reports

export async function lastReport(db: Q, village: string) {
  const [last, first] = await Promise.all([
    db.selectFrom('civil_registry_reports').select(['number', 'period_to', 'made_at']).where('village_code', '=', village).orderBy('number', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('civil_registry_reports').select('period_from').where('village_code', '=', village).where('number', '=', 1).executeTakeFirst(),
  ]);
  return last ? { number: last.number, periodTo: last.period_to, madeAt: last.made_at, floor: first?.period_from ?? last.period_to } : null;
}

export interface EventRow {
  id: number;
  kind: (typeof REPORTED_KINDS)[number];
  event_date: string;
  details: Record<string, unknown>;
  recorded_at: Date;
  resident_id: number;
  nik: string;
  name: string;
  sex: number;
  birth_place: string | null;
  birth_date: string | null;
  religion: number;
  family_relation: number | null;
  father_name: string | null;
  father_nik: string | null;
  mother_name: string | null;
  mother_nik: string | null;
  birth_certificate: string | null;
  address: string | null;
  area_id: number | null;
  kk_number: string | null;
  family_address: string | null;
  family_area_id: number | null;
}

/**
 * Births, deaths, moves and corrections dated on or after `floor` that no report holds yet, in
 * the order recorded. A correction that came from the civil registry itself, or from a
 * spreadsheet import, is not news to it and is left out.
 */
export async function unreportedEvents(db: Q, village: string, floor: string): Promise<EventRow[]> {
  const r = await sql<EventRow>`
    select e.id, e.kind, e.event_date, e.details, e.recorded_at, e.resident_id,
      r.nik, r.name, r.sex, r.birth_place, r.birth_date, r.religion, r.family_relation, r.father_name, r.father_nik,
      r.mother_name, r.mother_nik, r.birth_certificate, r.address, r.area_id,
      f.kk_number, f.address as family_address, f.area_id as family_area_id
    from population_events e
    join residents r on r.village_code = e.village_code and r.id = e.resident_id
    left join families f on f.village_code = e.village_code and f.id = coalesce(e.family_id, r.family_id)
    where e.village_code = ${village} and e.event_date >= ${floor}::date
      and e.kind in ('birth', 'death', 'move_in', 'move_out', 'correction')
      and (e.kind <> 'correction' or coalesce(e.details->>'source', '') not in ('import', 'civil_registry'))
      and not exists (select 1 from civil_registry_report_events x where x.village_code = e.village_code and x.event_id = e.id)
    order by e.id`.execute(db);
  return r.rows.map((row) => ({ ...row, id: Number(row.id), resident_id: Number(row.resident_id) }));
}

/** How many of each kind wait for the next report (the main page says so before the export). */
export async function unreportedCounts(db: Q, village: string, floor: string) {
  const r = await sql<{ kind: string; n: number }>`
    select e.kind, count(*)::int as n from population_events e
    where e.village_code = ${village} and e.event_date >= ${floor}::date
      and e.kind in ('birth', 'death', 'move_in', 'move_out', 'correction')
      and (e.kind <> 'correction' or coalesce(e.details->>'source', '') not in ('import', 'civil_registry'))
      and not exists (select 1 from civil_registry_report_events x where x.village_code = e.village_code and x.event_id = e.id)
    group by 1`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.kind, Number(x.n)])) as Record<string, number>;
}

export const areasOf = (db: Q, village: string) =>
  db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', village).orderBy('id').execute();

export async function insertReport(
  trx: Transaction<Database>,
  row: { village_code: string; number: number; period_from: string; period_to: string; counts: Record<string, number>; total: number; sheets: unknown; file: Uint8Array; file_sha256: string; made_by: number },
) {
  const { id } = await trx
    .insertInto('civil_registry_reports')
    .values({ ...row, counts: JSON.stringify(row.counts), sheets: JSON.stringify(row.sheets) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function insertReportEvents(trx: Transaction<Database>, village: string, reportId: number, eventIds: number[]) {
  for (let i = 0; i < eventIds.length; i += CHUNK) {
    await trx.insertInto('civil_registry_report_events').values(eventIds.slice(i, i + CHUNK).map((event_id) => ({ village_code: village, event_id, report_id: reportId }))).execute();
  }
}

/** The village's row for the levels above: one more report, made on `day`. The time goes as a value (Citus: no now() in an update). */
export async function countReport(trx: Transaction<Database>, village: string, day: string) {
  await sql`insert into monitoring_civil_registry as m (village_code, reports, last_report_on, updated_at)
    values (${village}, 1, ${day}::date, ${new Date()}::timestamptz)
    on conflict (village_code) do update set reports = m.reports + 1, last_report_on = excluded.last_report_on, updated_at = excluded.updated_at`.execute(trx);
}

export async function countImport(trx: Transaction<Database>, village: string, day: string) {
  await sql`insert into monitoring_civil_registry as m (village_code, reports, last_import_on, updated_at)
    values (${village}, 0, ${day}::date, ${new Date()}::timestamptz)
    on conflict (village_code) do update set last_import_on = excluded.last_import_on, updated_at = excluded.updated_at`.execute(trx);
}

export async function listReports(db: Q, village: string, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('civil_registry_reports as r')
      .leftJoin('users as u', 'u.id', 'r.made_by')
      .select(['r.id', 'r.number', 'r.period_from', 'r.period_to', 'r.counts', 'r.total', 'r.made_at', 'u.full_name as made_by_name'])
      .where('r.village_code', '=', village)
      .orderBy('r.number', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('civil_registry_reports').select((e) => e.fn.countAll<string>().as('n')).where('village_code', '=', village).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id) })), total: Number(total.n) };
}

export const findReport = (db: Q, village: string, id: number) =>
  db.selectFrom('civil_registry_reports').select(['id', 'number', 'period_from', 'period_to', 'counts', 'total', 'sheets', 'file', 'made_at']).where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

// ---------------------------------------------------------------------------------------
// the register as the comparison needs it

export interface RegisterRow {
  id: number;
  nik: string;
  nik_temporary: boolean;
  name: string;
  sex: number;
  birth_place: string | null;
  birth_date: string | null;
  religion: number;
  marital_status: number | null;
  family_relation: number | null;
  education_kk: number | null;
  occupation: number | null;
  blood_type: number | null;
  father_name: string | null;
  mother_name: string | null;
  area_id: number | null;
  life_status: number;
  updated_at: Date;
  family_id: number | null;
  kk_number: string | null;
  family_area_id: number | null;
}

/** Every resident of the village (any status) with the fields the civil registry also keeps. */
export async function registerRows(db: Q, village: string): Promise<RegisterRow[]> {
  const rows = await db
    .selectFrom('residents as r')
    .leftJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
    .select([
      'r.id', 'r.nik', 'r.nik_temporary', 'r.name', 'r.sex', 'r.birth_place', 'r.birth_date', 'r.religion', 'r.marital_status', 'r.family_relation', 'r.education_kk',
      'r.occupation', 'r.blood_type', 'r.father_name', 'r.mother_name', 'r.area_id', 'r.life_status', 'r.updated_at', 'r.family_id', 'f.kk_number', 'f.area_id as family_area_id',
    ])
    .where('r.village_code', '=', village)
    .orderBy('r.id')
    .execute();
  const id = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({ ...r, id: Number(r.id), area_id: id(r.area_id), family_id: id(r.family_id), family_area_id: id(r.family_area_id) })) as RegisterRow[];
}

/** The village's active family cards and their numbers. */
export async function activeFamilies(db: Q, village: string) {
  const rows = await db.selectFrom('families').select(['id', 'kk_number']).where('village_code', '=', village).where('status', '=', 'active').execute();
  return rows.map((f) => ({ id: Number(f.id), kk_number: f.kk_number }));
}

/** A family card a KK correction changes or moves someone onto, locked until the transaction ends. */
export async function lockFamily(trx: Transaction<Database>, village: string, id: number) {
  const f = await trx.selectFrom('families_rows').select(['id', 'kk_number', 'status']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
  return f ? { ...f, id: Number(f.id) } : undefined;
}

/** Whether an active card of the village other than `except` holds this number. */
export async function kkHeldElsewhere(trx: Transaction<Database>, village: string, kk: string, except: number) {
  const f = await trx.selectFrom('families').select('id').where('village_code', '=', village).where('kk_number', '=', kk).where('status', '=', 'active').where('id', '<>', except).executeTakeFirst();
  return f !== undefined;
}

/** The present members of a family (holding their NIK here), by id. */
export async function presentMembers(trx: Transaction<Database>, village: string, familyId: number, holding: readonly number[]) {
  const rows = await trx
    .selectFrom('residents')
    .select(['id', 'name', 'family_relation'])
    .where('village_code', '=', village)
    .where('family_id', '=', familyId)
    .where('life_status', 'in', [...holding])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The residents a correction touches, locked until the transaction ends, with the fields it may change. */
export async function lockResidents(trx: Transaction<Database>, village: string, ids: number[]) {
  if (!ids.length) return [];
  const rows = await trx
    .selectFrom('residents_rows')
    .select(['id', 'nik', 'name', 'sex', 'birth_place', 'birth_date', 'religion', 'marital_status', 'education_kk', 'occupation', 'blood_type', 'father_name', 'mother_name', 'area_id', 'family_id', 'family_relation', 'life_status'])
    .where('village_code', '=', village)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), area_id: r.area_id === null ? null : Number(r.area_id), family_id: r.family_id === null ? null : Number(r.family_id) }));
}

export async function updateResident(trx: Transaction<Database>, village: string, id: number, set: Record<string, unknown>) {
  await trx.updateTable('residents_rows').set({ ...set, updated_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();
}

/** Events of the residents' history: a correction of their data, or a change of their family card (as population records one). */
export async function insertEvents(trx: Transaction<Database>, village: string, rows: { kind: 'correction' | 'family_change'; resident_id: number; family_id: number | null; details: unknown }[], day: string, by: number) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('population_events_rows')
      .values(rows.slice(i, i + CHUNK).map((r) => ({
        village_code: village, resident_id: r.resident_id, family_id: r.family_id, kind: r.kind, event_date: day, population_change: 0 as const,
        details: JSON.stringify(r.details), recorded_by: by,
      })))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------
// imports and their differences

/** Open comparisons of the village are superseded by a new one; their differences (personal data) go. */
export async function supersedeOpen(trx: Transaction<Database>, village: string) {
  const gone = await trx.updateTable('civil_registry_imports').set({ status: 'superseded' }).where('village_code', '=', village).where('status', '=', 'open').returning('id').execute();
  if (gone.length) await trx.deleteFrom('civil_registry_differences').where('village_code', '=', village).where('import_id', 'in', gone.map((g) => g.id)).execute();
}

export async function insertImport(
  trx: Transaction<Database>,
  row: { village_code: string; file_name: string; file_sha256: string; format: 'xlsx' | 'csv'; rows: number; counts: Record<string, number>; uploaded_by: number },
) {
  const { id } = await trx.insertInto('civil_registry_imports').values({ ...row, counts: JSON.stringify(row.counts) }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export interface DifferenceRow {
  seq: number;
  kind: CivilRegistryDifferenceKind;
  resident_id: number | null;
  nik: string;
  name: string;
  line: number | null;
  fields: unknown;
}

export async function insertDifferences(trx: Transaction<Database>, village: string, importId: number, rows: DifferenceRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('civil_registry_differences')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, village_code: village, import_id: importId, fields: JSON.stringify(r.fields) })))
      .execute();
  }
}

export const findImport = (db: Q, village: string, id: number) =>
  db
    .selectFrom('civil_registry_imports as i')
    .leftJoin('users as u', 'u.id', 'i.uploaded_by')
    .select(['i.id', 'i.file_name', 'i.format', 'i.rows', 'i.status', 'i.counts', 'i.applied', 'i.uploaded_at', 'u.full_name as uploaded_by_name'])
    .where('i.village_code', '=', village)
    .where('i.id', '=', id)
    .executeTakeFirst();

export const lockImport = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('civil_registry_imports').select(['id', 'status', 'file_name']).where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export async function recentImports(db: Q, village: string, limit: number) {
  const rows = await db
    .selectFrom('civil_registry_imports as i')
    .leftJoin('users as u', 'u.id', 'i.uploaded_by')
    .select(['i.id', 'i.file_name', 'i.rows', 'i.status', 'i.counts', 'i.applied', 'i.uploaded_at', 'u.full_name as uploaded_by_name'])
    .where('i.village_code', '=', village)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function differencesPage(db: Q, village: string, importId: number, kind: CivilRegistryDifferenceKind, limit: number, offset: number) {
  const rows = await db
    .selectFrom('civil_registry_differences')
    .select(['seq', 'kind', 'resident_id', 'nik', 'name', 'line', 'fields', 'applied_at'])
    .where('village_code', '=', village)
    .where('import_id', '=', importId)
    .where('kind', '=', kind)
    .orderBy('seq')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, resident_id: r.resident_id === null ? null : Number(r.resident_id) }));
}

/** Differences to correct from: those chosen (`seqs`), or every person whose data differs (null). Locked with the import. */
export async function differencesToApply(trx: Transaction<Database>, village: string, importId: number, seqs: number[] | null) {
  let q = trx
    .selectFrom('civil_registry_differences')
    .select(['seq', 'kind', 'resident_id', 'nik', 'name', 'fields'])
    .where('village_code', '=', village)
    .where('import_id', '=', importId)
    .where('kind', '=', 'differs');
  if (seqs) q = q.where('seq', 'in', seqs.length ? seqs : [-1]);
  const rows = await q.orderBy('seq').forUpdate().execute();
  return rows.map((r) => ({ ...r, resident_id: r.resident_id === null ? null : Number(r.resident_id) }));
}

export async function markApplied(trx: Transaction<Database>, village: string, importId: number, seq: number, fields: unknown, by: number, at: Date) {
  await trx
    .updateTable('civil_registry_differences')
    .set({ fields: JSON.stringify(fields), applied_at: at, applied_by: by })
    .where('village_code', '=', village)
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .execute();
}

export async function addApplied(trx: Transaction<Database>, village: string, importId: number, n: number) {
  await trx.updateTable('civil_registry_imports').set((e) => ({ applied: sql`${e.ref('applied')} + ${n}` })).where('village_code', '=', village).where('id', '=', importId).execute();
}

// ---------------------------------------------------------------------------------------
// the levels above

/**
 * Per child region (the first `childLength` characters of the code): villages that ever reported,
 * those whose last report is on or after `recent` (a day written into the statement, not bound:
 * docs/architecture.md rule 8), and the latest report's day. From the rollup, never the reports.
 */
export async function reportsByChild(db: Q, within: RawBuilder<boolean>, childLength: number, recent: string) {
  const r = await sql<{ child: string; reported: number; recent: number; latest: string | null }>`
    select left(village_code, ${sql.lit(childLength)}) as child, (count(*) filter (where reports > 0))::int as reported,
      (count(*) filter (where last_report_on >= ${sql.lit(recent)}::date))::int as recent, max(last_report_on) as latest
    from monitoring_civil_registry where ${within} group by 1`.execute(db);
  return r.rows;
}
