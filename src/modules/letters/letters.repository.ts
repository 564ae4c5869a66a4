import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, LettersTable, LetterStatus, LetterTypesTable } from '../../platform/db/schema.js';
import { crossVillage } from '../../platform/db/village-guard.js';

type Q = Kysely<Database> | Transaction<Database>;

export const villageLetterTypes = (db: Q, village: string) =>
  db.selectFrom('letter_types').selectAll().where('village_code', '=', village).execute();

export const findVillageLetterType = (db: Q, village: string, code: string) =>
  db.selectFrom('letter_types').selectAll().where('village_code', '=', village).where('code', '=', code).executeTakeFirst();

export const upsertLetterType = (db: Q, row: Insertable<LetterTypesTable>) =>
  db
    .insertInto('letter_types')
    .values(row)
    .onConflict((oc) => oc.columns(['village_code', 'code']).doUpdateSet((eb) => ({
      title: eb.ref('excluded.title'), classification: eb.ref('excluded.classification'), template: eb.ref('excluded.template'),
      fields: eb.ref('excluded.fields'), requirements: eb.ref('excluded.requirements'), validity_days: eb.ref('excluded.validity_days'),
      online: eb.ref('excluded.online'), rule: eb.ref('excluded.rule'), active: eb.ref('excluded.active'),
      certified_signature: eb.ref('excluded.certified_signature'),
      // The row's default time (Citus allows only immutable functions in DO UPDATE SET).
      updated_at: eb.ref('excluded.updated_at'), updated_by: eb.ref('excluded.updated_by'),
    })))
    .execute();

export const deleteVillageLetterType = (db: Q, village: string, code: string) =>
  db.deleteFrom('letter_types').where('village_code', '=', village).where('code', '=', code).execute();

export const findSettings = (db: Q, village: string) =>
  db.selectFrom('letter_settings').selectAll().where('village_code', '=', village).executeTakeFirst();

export const upsertSettings = (db: Q, village: string, s: { number_pattern: string; number_scope: 'village_year' | 'type_year'; paper: 'A4' | 'F4'; citizen_download: boolean; staff_number_label: string; checker_may_sign: boolean; updated_by: number | null }) =>
  db
    .insertInto('letter_settings')
    .values({ village_code: village, ...s })
    .onConflict((oc) => oc.column('village_code').doUpdateSet({ ...s, updated_at: new Date() }))
    .execute();

/**
 * The next running number of a scope. The counter row is created if missing, then locked
 * until the signing transaction ends: concurrent signers wait in line, and a rollback
 * returns the number, so numbers stay unique, in order and without gaps.
 */
export async function takeNextNumber(trx: Transaction<Database>, village: string, scopeKey: string): Promise<number> {
  await trx.insertInto('letter_counters').values({ village_code: village, scope_key: scopeKey, last_number: 0 }).onConflict((oc) => oc.doNothing()).execute();
  const row = await trx
    .updateTable('letter_counters')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('village_code', '=', village)
    .where('scope_key', '=', scopeKey)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/**
 * The number the next letter of a scope would get, read without taking it: a certified
 * signing signs the PDF with it first, then takes it in its transaction only if no other
 * letter took it meanwhile (letters/certified.ts).
 */
export async function peekNextNumber(db: Q, village: string, scopeKey: string): Promise<number> {
  const row = await db.selectFrom('letter_counters').select('last_number').where('village_code', '=', village).where('scope_key', '=', scopeKey).executeTakeFirst();
  return (row?.last_number ?? 0) + 1;
}

/** The day's next queue number for walk-ins, under the same kind of lock. */
export async function takeQueueNumber(trx: Transaction<Database>, village: string, day: string): Promise<number> {
  return takeNextNumber(trx, village, `antrian:${day}`);
}

export const insertLetter = (db: Q, row: Insertable<LettersTable>) =>
  db.insertInto('letters').values(row).returning(['id']).executeTakeFirstOrThrow();

export const findLetter = (db: Q, village: string, id: number) =>
  db.selectFrom('letters').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

export const lockLetter = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('letters').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const findLetterByIdempotencyKey = (db: Q, village: string, key: string) =>
  db.selectFrom('letters').select(['id']).where('village_code', '=', village).where('idempotency_key', '=', key).executeTakeFirst();

export const updateLetter = (db: Q, village: string, id: number, changes: Updateable<LettersTable>) =>
  db.updateTable('letters').set(changes).where('village_code', '=', village).where('id', '=', id).execute();

/** A certified letter's signed PDF, kept whole in the transaction that issues it. */
export const insertSignature = (db: Q, row: Insertable<Database['letter_signatures']>) => db.insertInto('letter_signatures').values(row).execute();

/** That a letter carries a certified signature, by which provider and when (not the PDF). */
export const signatureFacts = (db: Q, village: string, letterId: number) =>
  db.selectFrom('letter_signatures').select(['provider', 'signed_at']).where('village_code', '=', village).where('letter_id', '=', letterId).executeTakeFirst();

export const findSignature = (db: Q, village: string, letterId: number) =>
  db.selectFrom('letter_signatures').selectAll().where('village_code', '=', village).where('letter_id', '=', letterId).executeTakeFirst();

/** A signed letter's public code, unique across every village (the check does not know the village). */
export const recordVerifyCode = (db: Q, village: string, letterId: number, code: string) =>
  db.insertInto('letter_verify_codes').values({ verify_code: code, village_code: village, letter_id: letterId }).execute();

export async function findLetterByVerifyCode(db: Q, code: string) {
  // Whoever holds the letter checks it without knowing its village: the code (72 random bits) is the key.
  const ref = await db.selectFrom('letter_verify_codes').select(['village_code', 'letter_id'])
    .where('verify_code', '=', code)
    .$call(crossVillage('public letter verification by its unguessable code'))
    .executeTakeFirst();
  if (!ref) return undefined;
  return db
    .selectFrom('letters as l')
    .innerJoin('regions as g', 'g.code', 'l.village_code')
    .select(['l.village_code', 'l.id', 'l.type_title', 'l.status', 'l.number', 'l.signed_at', 'l.valid_until', 'l.revoked_at', 'l.revoke_reason', 'l.issued', 'g.name as village_name', 'g.kind as village_kind'])
    .where('l.village_code', '=', ref.village_code)
    .where('l.id', '=', ref.letter_id)
    .where('l.verify_code', '=', code)
    .executeTakeFirst();
}

export interface LetterListFilter {
  status?: LetterStatus | 'open' | 'issued';
  type?: string;
  q?: string;
  from?: string;
  to?: string;
  residentIds?: number[];
  limit: number;
  offset: number;
}

/** Requests and the archive (buku agenda surat keluar): newest first, with the subject's name. */
export function listLetters(db: Q, village: string, f: LetterListFilter) {
  let q = db
    .selectFrom('letters as l')
    .innerJoin('residents as r', (j) => j.onRef('r.village_code', '=', 'l.village_code').onRef('r.id', '=', 'l.resident_id'))
    .where('l.village_code', '=', village);
  if (f.status === 'open') q = q.where('l.status', 'in', ['requested', 'checked', 'signed']);
  else if (f.status === 'issued') q = q.where('l.number', 'is not', null);
  else if (f.status) q = q.where('l.status', '=', f.status);
  if (f.type) q = q.where('l.type_code', '=', f.type);
  if (f.residentIds) q = q.where('l.resident_id', 'in', f.residentIds.length ? f.residentIds : [-1]);
  if (f.from) q = q.where('l.requested_at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('l.requested_at', '<', sql<Date>`${`${f.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  if (f.q) {
    const term = f.q.trim();
    q = /^\d{16}$/.test(term)
      ? q.where('r.nik', '=', term)
      : q.where((eb) => eb.or([eb('l.number', 'ilike', `%${term}%`), eb(sql`balai_search_text(r.name)`, 'like', sql`'%' || balai_search_text(${term}) || '%'`)]));
  }
  return q
    .select(['l.id', 'l.type_code', 'l.type_title', 'l.status', 'l.channel', 'l.number', 'l.queue_date', 'l.queue_number', 'l.requested_at', 'l.signed_at',
      'l.ready_at', 'l.collected_at', 'l.rejected_at', 'l.reject_reason', 'l.revoked_at', 'l.valid_until', 'l.resident_id', 'l.sign_mode',
      'r.name as resident_name', 'r.nik as resident_nik', sql<number>`count(*) over ()`.as('total')])
    .orderBy('l.requested_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

/** One figure row per village, day and type, changed in the transaction of each step. */
export async function bumpDaily(
  db: Q,
  village: string,
  day: string,
  type: string,
  change: Partial<Record<'requested' | 'requested_online' | 'issued' | 'ready' | 'ready_seconds' | 'rejected', number>>,
) {
  const cols = Object.entries(change).filter(([, v]) => v) as [keyof typeof change, number][];
  if (!cols.length) return;
  await db
    .insertInto('letter_daily')
    .values({ village_code: village, day, type_code: type, ...Object.fromEntries(cols) })
    .onConflict((oc) =>
      oc.columns(['village_code', 'day', 'type_code']).doUpdateSet((eb) =>
        Object.fromEntries(cols.map(([k]) => [k, eb(eb.ref(`letter_daily.${k}`), '+', eb.ref(`excluded.${k}`))])),
      ),
    )
    .execute();
}

export const dailyFigures = (db: Q, village: string, from: string, to: string) =>
  db
    .selectFrom('letter_daily')
    .selectAll()
    .where('village_code', '=', village)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('type_code')
    .execute();

/** Median hours from request to ready over letters made ready in the period. */
export const medianHoursToReady = (db: Q, village: string, from: string, to: string) =>
  db
    .selectFrom('letters')
    .select(sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from ready_at - requested_at) / 3600)`.as('median'))
    .where('village_code', '=', village)
    .where('ready_at', '>=', new Date(`${from}T00:00:00+07:00`))
    .where('ready_at', '<', sql<Date>`${`${to}T00:00:00+07:00`}::timestamptz + interval '1 day'`)
    .executeTakeFirst();

/** Village users who may sign, for the signer's block and the sign form. */
export const villageSigners = (db: Q, village: string) =>
  db
    .selectFrom('users')
    .select(['id', 'full_name', 'role', 'position_title', 'nip'])
    .where('region_code', '=', village)
    .where('active', '=', true)
    .where('role', 'in', ['village_head', 'village_secretary', 'village_operator'])
    .orderBy('id')
    .execute();

/** How many letters wait at each step of the desk: the officers' home page shows the work. */
export function countWaiting(db: Q, village: string) {
  return db
    .selectFrom('letters')
    .where('village_code', '=', village)
    .where('status', 'in', ['requested', 'checked', 'signed', 'ready'])
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}
