import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AssistanceProgrammesTable, AssistanceTarget, Database, RecipientStatus } from '../../platform/db/schema.js';
import { areaChainJoins, chainDusunName, COUNTED_IN_POPULATION, HEAD_OF_FAMILY } from '../population/index.js';
import { NOT_WORKING_OCCUPATIONS, STATE_PAID_OCCUPATIONS, type Unit } from './rules.js';

type Q = Kysely<Database> | Transaction<Database>;

export const insertProgramme = (trx: Transaction<Database>, row: Insertable<AssistanceProgrammesTable>) =>
  trx.insertInto('assistance_programmes').values(row).returning('id').executeTakeFirstOrThrow();

export const findProgramme = (db: Q, village: string, id: number) =>
  db.selectFrom('assistance_programmes as p').leftJoin('users as u', 'u.id', 'p.adopted_by').selectAll('p').select('u.full_name as adopted_by_name')
    .where('p.village_code', '=', village).where('p.id', '=', id).executeTakeFirst();

export const lockProgramme = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('assistance_programmes').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const programmeByMeeting = (db: Q, village: string, meeting: number) =>
  db.selectFrom('assistance_programmes').select(['id']).where('village_code', '=', village).where('meeting_id', '=', meeting).executeTakeFirst();

/** The village's programmes, newest year first, with their list sizes and what was paid. */
export const listProgrammes = (db: Q, village: string) =>
  db.selectFrom('assistance_programmes as p')
    .select(['p.id', 'p.kind', 'p.name', 'p.year', 'p.target', 'p.period_kind', 'p.periods', 'p.amount', 'p.status'])
    .select((eb) => [
      eb.selectFrom('assistance_recipients as r').select(sql<string>`count(*)`.as('n')).whereRef('r.village_code', '=', 'p.village_code').whereRef('r.programme_id', '=', 'p.id')
        .where('r.status', 'in', ['proposed', 'adopted']).as('listed'),
      eb.selectFrom('assistance_payouts as o').select(sql<string>`coalesce(sum(o.total), 0)`.as('t')).whereRef('o.village_code', '=', 'p.village_code').whereRef('o.programme_id', '=', 'p.id').as('paid'),
    ])
    .where('p.village_code', '=', village)
    .orderBy('p.year', 'desc').orderBy('p.id', 'desc').execute();

const counted = [...COUNTED_IN_POPULATION];


/**
 * Every household, family card or person of the village as the rules read it, in one grouped
 * query over the register (a few thousand rows for a village of 20,000 people).
 */
export async function unitsOf(db: Q, village: string, target: AssistanceTarget, today: string, only?: number): Promise<(Unit & { name: string | null })[]> {
  const one = (col: string) => (only === undefined ? sql`` : sql`and ${sql.ref(col)} = ${only}`);
  const adultBorn = `${Number(today.slice(0, 4)) - 15}${today.slice(4)}`;
  const memberFacts = sql`
    count(r.id)::int as members,
    min(w.desil)::int as desil,
    coalesce(bool_or(r.disability between 1 and 6), false) as disabled,
    coalesce(bool_or(r.chronic_illness between 1 and 13), false) as chronic,
    extract(year from age(${today}::date, max(r.birth_date)))::int as youngest_age,
    coalesce(bool_or(r.occupation is not null and r.occupation not in (${sql.join(NOT_WORKING_OCCUPATIONS)}) and r.birth_date <= ${adultBorn}::date), false) as working,
    coalesce(bool_or(r.occupation in (${sql.join(STATE_PAID_OCCUPATIONS)})), false) as official`;
  type Row = { id: number; members: number; desil: number | null; disabled: boolean; chronic: boolean; youngest_age: number | null; working: boolean; official: boolean; poor_housing: boolean; kks: string[] | null; head_nik: string | null; name: string | null };
  let rows: Row[];
  if (target === 'household') {
    const head = (col: string) => sql`coalesce(max(${sql.ref(`r.${col}`)}) filter (where r.id = h.head_resident_id), max(${sql.ref(`r.${col}`)}) filter (where r.family_id = h.main_family_id and r.family_relation = ${HEAD_OF_FAMILY}))`;
    rows = (await sql<Row>`
      select h.id, ${memberFacts},
        coalesce(h.floor = 1 or h.sanitation = 1 or h.electricity = 1, false) as poor_housing,
        array_agg(distinct f.kk_number) as kks, ${head('nik')} as head_nik, ${head('name')} as name
      from households h
      join household_families hf on hf.village_code = h.village_code and hf.household_id = h.id and hf.removed_at is null
      join families f on f.village_code = hf.village_code and f.id = hf.family_id
      left join residents r on r.village_code = hf.village_code and r.family_id = hf.family_id and r.life_status in (${sql.join(counted)})
      left join welfare_ranks w on w.village_code = r.village_code and w.nik = r.nik
      where h.village_code = ${village} and h.status = 'active' ${one('h.id')}
      group by h.id, h.floor, h.sanitation, h.electricity, h.head_resident_id, h.main_family_id
      order by h.id`.execute(db)).rows;
  } else if (target === 'family') {
    rows = (await sql<Row>`
      select f.id, ${memberFacts}, false as poor_housing, array[f.kk_number] as kks,
        max(r.nik) filter (where r.family_relation = ${HEAD_OF_FAMILY}) as head_nik, max(r.name) filter (where r.family_relation = ${HEAD_OF_FAMILY}) as name
      from families f
      left join residents r on r.village_code = f.village_code and r.family_id = f.id and r.life_status in (${sql.join(counted)})
      left join welfare_ranks w on w.village_code = r.village_code and w.nik = r.nik
      where f.village_code = ${village} and f.status = 'active' ${one('f.id')}
      group by f.id, f.kk_number
      order by f.id`.execute(db)).rows;
  } else {
    rows = (await sql<Row>`
      select r.id, 1 as members, w.desil::int as desil, coalesce(r.disability between 1 and 6, false) as disabled, coalesce(r.chronic_illness between 1 and 13, false) as chronic,
        extract(year from age(${today}::date, r.birth_date))::int as youngest_age,
        coalesce(r.occupation is not null and r.occupation not in (${sql.join(NOT_WORKING_OCCUPATIONS)}) and r.birth_date <= ${adultBorn}::date, false) as working,
        coalesce(r.occupation in (${sql.join(STATE_PAID_OCCUPATIONS)}), false) as official,
        false as poor_housing, null::text[] as kks, r.nik as head_nik, r.name
      from residents r
      left join welfare_ranks w on w.village_code = r.village_code and w.nik = r.nik
      where r.village_code = ${village} and r.life_status in (${sql.join(counted)}) ${one('r.id')}
      order by r.id`.execute(db)).rows;
  }
  return rows.map((r) => ({
    id: Number(r.id), name: r.name, members: r.members, desil: r.desil, disabled: r.disabled, chronic: r.chronic, youngestAge: r.youngest_age,
    working: r.working, official: r.official, poorHousing: r.poor_housing,
    subjects: [...(r.kks ?? []).map((k) => `kk:${k}`), ...(r.head_nik ? [`nik:${r.head_nik}`] : [])],
  }));
}

/** One unit of the village by its id, for a name added by hand. */
export async function unitOf(db: Q, village: string, target: AssistanceTarget, id: number, today: string) {
  return (await unitsOf(db, village, target, today, id))[0] ?? null;
}

/** Which of these subjects hold a claim under these keys for the year, in any village. */
export const claimsOf = (db: Q, keys: string[], year: number, subjects: string[]) =>
  subjects.length === 0 || keys.length === 0 ? Promise.resolve([]) :
    db.selectFrom('assistance_claims as c').innerJoin('regions as g', 'g.code', 'c.village_code')
      .select(['c.subject', 'c.claim_key', 'c.village_code', 'g.name as village_name', 'g.kind as village_kind'])
      .where('c.claim_key', 'in', keys).where('c.year', '=', year).where('c.subject', 'in', subjects).execute();

/** The claims of adopted recipients; a subject already held (another village, or the same village at the same moment) is not written and comes back missing. */
export async function insertClaims(trx: Transaction<Database>, rows: { subject: string; claim_key: string; year: number; village_code: string; programme_id: number; recipient_id: number }[], at: Date) {
  const written = new Set<string>();
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000).map((r) => ({ ...r, claimed_at: at }));
    const got = await trx.insertInto('assistance_claims').values(part).onConflict((oc) => oc.columns(['subject', 'claim_key', 'year']).doNothing()).returning('subject').execute();
    for (const g of got) written.add(g.subject);
  }
  return written;
}

export const releaseClaims = (trx: Transaction<Database>, village: string, recipient: number) =>
  trx.deleteFrom('assistance_claims').where('village_code', '=', village).where('recipient_id', '=', recipient).execute();

/**
 * The programme's rows of these statuses in list order (priority, then when added), without
 * names: what the use cases work on. A page of them when `page` is given.
 */
export function recipientRows(db: Q, village: string, programme: number, statuses: RecipientStatus[], page?: { limit: number; offset: number }) {
  let q = db.selectFrom('assistance_recipients as a')
    .leftJoin('users as u', 'u.id', 'a.changed_by')
    .select(['a.id', 'a.household_id', 'a.family_id', 'a.resident_id', 'a.reasons', 'a.priority', 'a.source', 'a.status', 'a.note', 'a.change_reason', 'a.changed_at', 'u.full_name as changed_by_name', 'a.claim_subjects'])
    .where('a.village_code', '=', village).where('a.programme_id', '=', programme).where('a.status', 'in', statuses)
    .orderBy('a.priority').orderBy('a.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}
export type RecipientRow = Awaited<ReturnType<typeof recipientRows>>[number];

export const countRecipients = async (db: Q, village: string, programme: number, statuses: RecipientStatus[]) =>
  Number((await db.selectFrom('assistance_recipients').select(sql<string>`count(*)`.as('n')).where('village_code', '=', village).where('programme_id', '=', programme).where('status', 'in', statuses).executeTakeFirstOrThrow()).n);

const unitIdOf = (target: AssistanceTarget, r: RecipientRow) => (target === 'household' ? r.household_id : target === 'family' ? r.family_id : r.resident_id)!;

/** Rows with the name and NIK each is listed under and its dusun. */
export async function withHeads(db: Q, village: string, target: AssistanceTarget, rows: RecipientRow[]) {
  if (rows.length === 0) return [];
  const heads = await headsOf(db, village, target, rows.map((r) => unitIdOf(target, r)));
  return rows.map((r) => ({ ...r, ...(heads.get(unitIdOf(target, r)) ?? { name: null, nik: null, area: null, number: null }) }));
}

/** For each unit: the name and NIK it is listed under and the dusun it lives in. */
async function headsOf(db: Q, village: string, target: AssistanceTarget, ids: number[]) {
  type Row = { id: number; name: string | null; nik: string | null; area: string | null; number: number | null };
  let rows: Row[];
  if (target === 'person') {
    rows = (await sql<Row>`select r.id, r.name, r.nik, ${chainDusunName} as area, null::int as number from residents r ${areaChainJoins(village, sql.ref('r.area_id'))}
      where r.village_code = ${village} and r.id in (${sql.join(ids)})`.execute(db)).rows;
  } else {
    const families = target === 'family'
      ? sql`select f.id as unit, f.id as family_id, null::int as number from families f where f.village_code = ${village} and f.id in (${sql.join(ids)})`
      : sql`select h.id as unit, coalesce((select r.family_id from residents r where r.village_code = h.village_code and r.id = h.head_resident_id and r.life_status in (${sql.join(counted)})), h.main_family_id) as family_id, h.number
              from households h where h.village_code = ${village} and h.id in (${sql.join(ids)})`;
    rows = (await sql<Row>`
      select u.unit as id, u.number, r.name, r.nik, ${chainDusunName} as area
      from (${families}) u
      left join residents r on r.village_code = ${village} and r.family_id = u.family_id and r.family_relation = ${HEAD_OF_FAMILY} and r.life_status in (${sql.join(counted)})
      left join families f on f.village_code = ${village} and f.id = u.family_id
      ${areaChainJoins(village, sql.ref('f.area_id'))}`.execute(db)).rows;
  }
  return new Map(rows.map(({ id, ...r }) => [Number(id), r]));
}

/** The dusun (top-level area) each listed unit lives in: the public totals per dusun. */
export const listedByArea = (db: Q, village: string, programme: number) =>
  sql<{ area: string | null; n: string }>`
    select ${chainDusunName} as area, count(*) as n
    from assistance_recipients x
    left join households h on h.village_code = x.village_code and h.id = x.household_id
    left join families f on f.village_code = x.village_code and f.id = coalesce(x.family_id, h.main_family_id)
    left join residents p on p.village_code = x.village_code and p.id = x.resident_id
    ${areaChainJoins(village, sql`coalesce(f.area_id, p.area_id)`)}
    where x.village_code = ${village} and x.programme_id = ${programme} and x.status = 'adopted'
    group by 1 order by 1`.execute(db);

/** Payouts of a programme, the latest period last. */
export const payoutsOf = (db: Q, village: string, programme: number) =>
  db.selectFrom('assistance_payouts as o').leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.id', 'o.period', 'o.paid_on', 'o.proof', 'o.note', 'o.recipients', 'o.total', 'o.created_at', 'u.full_name as created_by_name'])
    .where('o.village_code', '=', village).where('o.programme_id', '=', programme).orderBy('o.period').execute();

/** Whether anything was paid to this recipient (a benefit received stays counted for the year). */
export const paidTo = async (db: Q, village: string, recipient: number) =>
  (await db.selectFrom('assistance_payments').select('recipient_id').where('village_code', '=', village).where('recipient_id', '=', recipient).limit(1).executeTakeFirst()) !== undefined;

/** Recounts every rollup row of the village from its adopted lists and payouts (rebuild-rollups). */
export async function refreshAllRollups(trx: Transaction<Database>, village: string) {
  const keys = await trx.selectFrom('assistance_programmes').select(['year', 'kind']).distinct().where('village_code', '=', village).where('status', '=', 'adopted').execute();
  for (const k of keys) await refreshRollup(trx, village, k.year, k.kind);
}

/** Recounts the village's rollup row for a year and kind from its adopted lists and payouts. */
export async function refreshRollup(trx: Transaction<Database>, village: string, year: number, kind: string) {
  await sql`insert into monitoring_assistance (village_code, year, kind, recipients, paid, payouts, updated_at)
    select ${village}, ${year}, ${kind},
      (select count(*) from assistance_recipients r join assistance_programmes p on p.village_code = r.village_code and p.id = r.programme_id
        where r.village_code = ${village} and p.year = ${year} and p.kind = ${kind} and r.status in ('adopted', 'ended')),
      (select coalesce(sum(o.total), 0) from assistance_payouts o join assistance_programmes p on p.village_code = o.village_code and p.id = o.programme_id
        where o.village_code = ${village} and p.year = ${year} and p.kind = ${kind}),
      (select count(*) from assistance_payouts o join assistance_programmes p on p.village_code = o.village_code and p.id = o.programme_id
        where o.village_code = ${village} and p.year = ${year} and p.kind = ${kind}),
      ${new Date()}::timestamptz
    on conflict (village_code, year, kind) do update set recipients = excluded.recipients, paid = excluded.paid, payouts = excluded.payouts, updated_at = excluded.updated_at`.execute(trx);
}

type NewRecipient = { village_code: string; programme_id: number; household_id?: number; family_id?: number; resident_id?: number; claim_subjects: string[]; reasons: string; priority: number; source: 'generated' | 'manual'; note?: string; added_by: number };
export async function insertRecipients(trx: Transaction<Database>, rows: NewRecipient[]) {
  const ids: { id: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) ids.push(...(await trx.insertInto('assistance_recipients').values(rows.slice(i, i + 500)).returning('id').execute()));
  return ids;
}

/** A household by its number, a family card by its KK number, a person by NIK: the id of the village's one. */
export async function unitIdByKey(db: Q, village: string, target: AssistanceTarget, key: string): Promise<number | null> {
  if (target === 'household') {
    if (!/^\d{1,7}$/.test(key)) return null;
    const h = await db.selectFrom('households').select('id').where('village_code', '=', village).where('number', '=', Number(key)).where('status', '=', 'active').executeTakeFirst();
    return h ? Number(h.id) : null;
  }
  if (!/^\d{16}$/.test(key)) return null;
  if (target === 'family') {
    const f = await db.selectFrom('families').select('id').where('village_code', '=', village).where('kk_number', '=', key).where('status', '=', 'active').executeTakeFirst();
    return f ? Number(f.id) : null;
  }
  const r = await db.selectFrom('residents').select('id').where('village_code', '=', village).where('nik', '=', key).where('life_status', 'in', counted).executeTakeFirst();
  return r ? Number(r.id) : null;
}

export const lockRecipient = (trx: Transaction<Database>, village: string, programme: number, id: number) =>
  trx.selectFrom('assistance_recipients').selectAll().where('village_code', '=', village).where('programme_id', '=', programme).where('id', '=', id).forUpdate().executeTakeFirst();

export const changeRecipient = (trx: Transaction<Database>, village: string, id: number, values: { status: 'dropped' | 'ended'; changed_by: number; changed_at: Date; change_reason: string }) =>
  trx.updateTable('assistance_recipients').set(values).where('village_code', '=', village).where('id', '=', id).execute();

export const setMeeting = (trx: Transaction<Database>, village: string, id: number, meeting: number) =>
  trx.updateTable('assistance_programmes').set({ meeting_id: meeting }).where('village_code', '=', village).where('id', '=', id).execute();

export const adoptRecipients = (trx: Transaction<Database>, village: string, programme: number) =>
  trx.updateTable('assistance_recipients').set({ status: 'adopted' }).where('village_code', '=', village).where('programme_id', '=', programme).where('status', '=', 'proposed').execute();

export const markAdopted = (trx: Transaction<Database>, village: string, id: number, by: number) =>
  trx.updateTable('assistance_programmes').set({ status: 'adopted', adopted_by: by, adopted_at: new Date() }).where('village_code', '=', village).where('id', '=', id).execute();

export const insertPayout = (trx: Transaction<Database>, row: { village_code: string; programme_id: number; period: number; paid_on: string; proof: 'photo' | 'signature'; photo: Uint8Array | null; note: string | null; recipients: number; total: string; created_by: number }) =>
  trx.insertInto('assistance_payouts').values(row).returning('id').executeTakeFirstOrThrow();

export async function insertPayments(trx: Transaction<Database>, rows: { village_code: string; payout_id: number; recipient_id: number; amount: string }[]) {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('assistance_payments').values(rows.slice(i, i + 1000)).execute();
}

export const payoutPhoto = (db: Q, village: string, programme: number, payout: number) =>
  db.selectFrom('assistance_payouts').select(['photo']).where('village_code', '=', village).where('programme_id', '=', programme).where('id', '=', payout).executeTakeFirst();

/** Who was paid in a payout (its recipient ids). */
export const paidIn = (db: Q, village: string, payout: number) =>
  db.selectFrom('assistance_payments').select('recipient_id').where('village_code', '=', village).where('payout_id', '=', payout).execute();
