import { sql, type Transaction } from 'kysely';
import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, text } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import { refreshFarmRollup } from './rollup.js';

/**
 * Farmer groups: the Poktan, with its leader and members, and the Gapoktan that federates the
 * village's Poktan. A farmer belongs to one Poktan at a time; joining another ends the first
 * membership that day, and every membership stays as history.
 */
type Trx = Transaction<Database>;
type Db = UseCaseContext['db']['kysely'] | Trx;
const counted = [...COUNTED_IN_POPULATION];

export async function groupOf(db: Db, village: string, id: number) {
  const g = await db.selectFrom('farmer_groups').selectAll().where('village_code', '=', village).where('id', '=', id).executeTakeFirst();
  if (!g) throw notFound('farmers.group_not_found');
  return { ...g, id: Number(g.id), gapoktan_id: g.gapoktan_id === null ? null : Number(g.gapoktan_id), leader_farmer_id: g.leader_farmer_id === null ? null : Number(g.leader_farmer_id) };
}

/** Puts a farmer in a Poktan from `day`, ending a membership elsewhere; a member already is left as is. */
export async function joinGroup(trx: Trx, village: string, groupId: number, farmerId: number, day: string, userId: number) {
  const group = await groupOf(trx, village, groupId);
  if (group.kind !== 'poktan') throw badRequest('farmers.not_poktan', 'group_id');
  const current = await trx.selectFrom('farmer_group_members').select(['id', 'group_id']).where('village_code', '=', village).where('farmer_id', '=', farmerId)
    .where('left_on', 'is', null).forUpdate().executeTakeFirst();
  if (current && Number(current.group_id) === groupId) return { moved: false, already: true };
  if (current) await trx.updateTable('farmer_group_members').set({ left_on: day }).where('village_code', '=', village).where('id', '=', current.id).execute();
  await trx.insertInto('farmer_group_members').values({ village_code: village, group_id: groupId, farmer_id: farmerId, joined_on: day, created_by: userId }).execute();
  return { moved: Boolean(current), already: false };
}

export async function groupsPage(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const year = Number(todayInWib().slice(0, 4));
  const r = await sql<{ id: number; kind: 'poktan' | 'gapoktan'; name: string; gapoktan: string | null; leader: string | null; members: number; rdkk_status: string | null; rdkk_version: number | null }>`
    select g.id, g.kind, g.name, p.name as gapoktan, lr.name as leader,
      (case when g.kind = 'poktan' then (select count(*)::int from farmer_group_members m where m.village_code = g.village_code and m.group_id = g.id and m.left_on is null)
            else (select count(*)::int from farmer_groups c where c.village_code = g.village_code and c.gapoktan_id = g.id) end) as members,
      k.status as rdkk_status, k.version as rdkk_version
    from farmer_groups g
      left join farmer_groups p on p.village_code = g.village_code and p.id = g.gapoktan_id
      left join farmers lf on lf.village_code = g.village_code and lf.id = g.leader_farmer_id
      left join residents lr on lr.village_code = lf.village_code and lr.id = lf.resident_id
      left join lateral (select status, version from rdkk_plans k where k.village_code = g.village_code and k.group_id = g.id and k.year = ${year} and k.status <> 'superseded'
        order by k.version desc limit 1) k on true
    where g.village_code = ${code} order by g.kind desc, g.name`.execute(ctx.db.kysely);
  return { village, year, groups: r.rows.map((g) => ({ ...g, id: Number(g.id) })), canWrite: can(ctx.actor, 'farmers.write', code) };
}

export async function createGroup(ctx: UseCaseContext, villageInput: string, input: { kind?: string; name?: string; gapoktan_id?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const kind = clean(input.kind) || 'poktan';
  if (kind !== 'poktan' && kind !== 'gapoktan') throw badRequest('validation.choice', 'kind');
  const name = text(input.name, 'name', 3, 120);
  const gapoktanId = kind === 'poktan' && clean(input.gapoktan_id) ? parseId(clean(input.gapoktan_id)) : null;
  if (kind === 'poktan' && clean(input.gapoktan_id) && gapoktanId === null) throw badRequest('validation.choice', 'gapoktan_id');
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      if (gapoktanId !== null && (await groupOf(trx, code, gapoktanId)).kind !== 'gapoktan') throw badRequest('validation.choice', 'gapoktan_id');
      const { id } = await trx.insertInto('farmer_groups').values({ village_code: code, kind, name, gapoktan_id: gapoktanId, created_by: userIdOf(ctx.actor)! }).returning('id').executeTakeFirstOrThrow();
      await refreshFarmRollup(trx, code);
      await audit({ action: 'farmers.group_create', villageCode: code, subject: `farmer_group:${id}`, detail: { kind, name } });
      return { id: Number(id) };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'farmer_groups_name') throw conflict('farmers.group_exists', 'name', { name });
    throw err;
  }
}

/** A group's page: its leader, members now and before (NIK masked, the read logged), its Poktan (a Gapoktan) and its RDKK versions. */
export async function groupPage(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const group = await groupOf(db, code, id);
  const [members, poktan, plans, gapoktans] = await Promise.all([
    sql<{ id: number; farmer_id: number; resident_id: number; name: string; nik: string; living: boolean; joined_on: string; left_on: string | null; hectares: string }>`
      select m.id, m.farmer_id, r.id as resident_id, r.name, r.nik, r.life_status in (${sql.join(counted)}) as living, m.joined_on::text as joined_on, m.left_on::text as left_on,
        coalesce((select sum(p.area_ha) from farm_parcels p where p.village_code = m.village_code and p.farmer_id = m.farmer_id and p.ended_on is null), 0)::text as hectares
      from farmer_group_members m join farmers f on f.village_code = m.village_code and f.id = m.farmer_id
        join residents r on r.village_code = f.village_code and r.id = f.resident_id
      where m.village_code = ${code} and m.group_id = ${id} order by m.left_on is not null, r.name, m.id`.execute(db),
    db.selectFrom('farmer_groups').select(['id', 'name']).where('village_code', '=', code).where('gapoktan_id', '=', id).orderBy('name').execute(),
    db.selectFrom('rdkk_plans').select(['id', 'year', 'version', 'status', 'drafted_at', 'approved_at']).where('village_code', '=', code).where('group_id', '=', id)
      .orderBy('year', 'desc').orderBy('version', 'desc').execute(),
    db.selectFrom('farmer_groups').select(['id', 'name']).where('village_code', '=', code).where('kind', '=', 'gapoktan').orderBy('name').execute(),
  ]);
  await recordAudit(db, ctx, { action: 'farmers.group_read', villageCode: code, subject: `farmer_group:${id}`, detail: { residents: [...new Set(members.rows.map((m) => Number(m.resident_id)))] } });
  const mask = (rows: typeof members.rows) => rows.map(({ nik, ...m }) => ({ ...m, farmer_id: Number(m.farmer_id), nik: maskNik(nik) }));
  return {
    village, group, year: Number(todayInWib().slice(0, 4)),
    current: mask(members.rows.filter((m) => m.left_on === null)),
    history: mask(members.rows.filter((m) => m.left_on !== null)),
    poktan: poktan.map((p) => ({ ...p, id: Number(p.id) })),
    plans: plans.map((p) => ({ ...p, id: Number(p.id) })),
    gapoktans: gapoktans.map((g) => ({ ...g, id: Number(g.id) })),
    canWrite: can(ctx.actor, 'farmers.write', code),
    canDraft: can(ctx.actor, 'farmers.rdkk.draft', code),
  };
}

/** A registered farmer of the village by NIK (the form asks for the NIK, as everywhere). */
async function farmerByNik(trx: Trx, village: string, nikInput: string | undefined) {
  const nik = clean(nikInput).replace(/\s/g, '');
  if (!nik) throw badRequest('validation.required', 'nik');
  if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', 'nik');
  const row = await sql<{ id: number; name: string }>`
    select f.id, r.name from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
    where f.village_code = ${village} and r.nik = ${nik} and r.life_status in (${sql.join(counted)})`.execute(trx);
  if (!row.rows[0]) throw badRequest('farmers.not_a_farmer', 'nik');
  return { id: Number(row.rows[0].id), name: row.rows[0].name };
}

export async function addGroupMember(ctx: UseCaseContext, villageInput: string, id: number, input: { nik?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const farmer = await farmerByNik(trx, code, input.nik);
    const r = await joinGroup(trx, code, id, farmer.id, todayInWib(), userIdOf(ctx.actor)!);
    if (r.already) throw conflict('farmers.already_member', 'nik', { name: farmer.name });
    await audit({ action: 'farmers.member_add', villageCode: code, subject: `farmer_group:${id}`, detail: { farmer: farmer.id, moved: r.moved } });
    return { name: farmer.name, moved: r.moved };
  });
}

/** A member leaves (today): the membership stays as history; a leader who leaves is no longer the leader. */
export async function endGroupMember(ctx: UseCaseContext, villageInput: string, id: number, memberId: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const m = await trx.updateTable('farmer_group_members').set({ left_on: todayInWib() }).where('village_code', '=', code).where('group_id', '=', id)
      .where('id', '=', memberId).where('left_on', 'is', null).returning('farmer_id').executeTakeFirst();
    if (!m) throw notFound('farmers.member_not_found');
    await trx.updateTable('farmer_groups').set({ leader_farmer_id: null }).where('village_code', '=', code).where('id', '=', id).where('leader_farmer_id', '=', m.farmer_id).execute();
    await audit({ action: 'farmers.member_end', villageCode: code, subject: `farmer_group:${id}`, detail: { farmer: Number(m.farmer_id) } });
  });
}

/** The Poktan's leader: one of its current members. */
export async function setGroupLeader(ctx: UseCaseContext, villageInput: string, id: number, input: { farmer_id?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const farmerId = parseId(clean(input.farmer_id));
  if (farmerId === null) throw badRequest('validation.choice', 'farmer_id');
  return writeWithAudit(ctx, async (trx, audit) => {
    const member = await trx.selectFrom('farmer_group_members').select('id').where('village_code', '=', code).where('group_id', '=', id).where('farmer_id', '=', farmerId)
      .where('left_on', 'is', null).executeTakeFirst();
    if (!member) throw badRequest('farmers.leader_not_member', 'farmer_id');
    await trx.updateTable('farmer_groups').set({ leader_farmer_id: farmerId }).where('village_code', '=', code).where('id', '=', id).execute();
    await audit({ action: 'farmers.group_leader', villageCode: code, subject: `farmer_group:${id}`, detail: { farmer: farmerId } });
  });
}

/** A Poktan joins (or leaves, with an empty choice) the village's Gapoktan. */
export async function setGapoktan(ctx: UseCaseContext, villageInput: string, id: number, input: { gapoktan_id?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const gapoktanId = clean(input.gapoktan_id) ? parseId(clean(input.gapoktan_id)) : null;
  if (clean(input.gapoktan_id) && gapoktanId === null) throw badRequest('validation.choice', 'gapoktan_id');
  return writeWithAudit(ctx, async (trx, audit) => {
    const group = await groupOf(trx, code, id);
    if (group.kind !== 'poktan') throw badRequest('farmers.not_poktan', 'gapoktan_id');
    if (gapoktanId !== null && (await groupOf(trx, code, gapoktanId)).kind !== 'gapoktan') throw badRequest('validation.choice', 'gapoktan_id');
    await trx.updateTable('farmer_groups').set({ gapoktan_id: gapoktanId }).where('village_code', '=', code).where('id', '=', id).execute();
    await audit({ action: 'farmers.group_gapoktan', villageCode: code, subject: `farmer_group:${id}`, detail: { gapoktan: gapoktanId } });
  });
}
