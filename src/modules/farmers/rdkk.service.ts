import { sql, type Transaction } from 'kysely';
import { authorize, can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, RdkkStatus } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { clean, text } from '../../platform/http/text-input.js';
import { todayInWib } from '../../platform/format/format.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { within } from '../monitoring/monitoring.repository.js';
import { villageInScope } from '../villages/index.js';
import { commodities, fertiliserTypes, formatQuantity, MAX_SUBSIDISED_HA, parseQuantity, type Refusal } from './catalog.js';
import { groupOf } from './groups.service.js';
import { addAllocated } from './rollup.js';

/**
 * The RDKK (rencana definitif kebutuhan kelompok): a Poktan's fertiliser requirement plan for a
 * year. The group drafts it with the extension officer (PPL) from what its members grow; each
 * line gets the dosage table's quantities, or no fertiliser with the reason (not a member, more
 * than 2 ha, a commodity without subsidy, no longer living in the village). The district
 * verifies it, the regency's agriculture office approves it — each step with who and when —
 * and the approval sets the members' allocations. A revision is a new version; the earlier one
 * stays, superseded, and what was already redeemed carries over.
 */
type Trx = Transaction<Database>;
const counted = [...COUNTED_IN_POPULATION];

async function planOf(db: UseCaseContext['db']['kysely'] | Trx, village: string, id: number, lock = false) {
  let q = db.selectFrom('rdkk_plans').selectAll().where('village_code', '=', village).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const p = await q.executeTakeFirst();
  if (!p) throw notFound('farmers.rdkk_not_found');
  return { ...p, id: Number(p.id), group_id: Number(p.group_id) };
}

/**
 * Lines from what the group's current members grow in the year, each checked and costed by the
 * dosage table. Read, then written: Citus runs the read on the village's shard, where an
 * INSERT … SELECT of this shape would not be planned.
 */
async function generateLines(trx: Trx, village: string, planId: number, groupId: number, year: number) {
  const rows = await sql<{ farmer_id: number; season: number; commodity: string; area_ha: string; fertiliser: string | null; quantity: string; refusal: Refusal | null }>`
    with crops as (
      select c.farmer_id, c.season, c.commodity, c.area_ha, case
          when r.life_status not in (${sql.join(counted)}) then 'not_living'
          when coalesce(p.hectares, 0) > ${MAX_SUBSIDISED_HA}::numeric then 'over_two_ha'
          when not k.eligible then 'not_eligible_commodity' end as refusal
      from farm_crops c
        join farmer_group_members m on m.village_code = c.village_code and m.farmer_id = c.farmer_id and m.group_id = ${groupId} and m.left_on is null
        join farmers f on f.village_code = c.village_code and f.id = c.farmer_id
        join residents r on r.village_code = f.village_code and r.id = f.resident_id
        join farm_commodities k on k.code = c.commodity
        left join (select farmer_id, sum(area_ha) as hectares from farm_parcels where village_code = ${village} and ended_on is null group by farmer_id) p on p.farmer_id = c.farmer_id
      where c.village_code = ${village} and c.year = ${year})
    select x.farmer_id, x.season, x.commodity, x.area_ha::text as area_ha, case when x.refusal is null then d.fertiliser end as fertiliser,
      (case when x.refusal is null then round(x.area_ha * d.kg_per_ha, 2) else 0 end)::text as quantity, x.refusal
    from crops x left join fertiliser_dosages d on d.commodity = x.commodity and x.refusal is null
    where x.refusal is not null or d.fertiliser is not null
    order by x.farmer_id, x.season, x.commodity, d.fertiliser`.execute(trx);
  await insertLines(trx, village, planId, rows.rows);
}

type LineRow = { farmer_id: number; season: number; commodity: string; area_ha: string; fertiliser: string | null; quantity: string; refusal: Refusal | null };
async function insertLines(trx: Trx, village: string, planId: number, rows: LineRow[]) {
  // In slices: a group of a few hundred members is a few thousand lines.
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('rdkk_lines').values(rows.slice(i, i + 1000).map((r) => ({ village_code: village, plan_id: planId, farmer_id: Number(r.farmer_id), season: r.season, commodity: r.commodity, area_ha: r.area_ha, fertiliser: r.fertiliser, quantity: r.quantity, refusal: r.refusal }))).execute();
  }
}

/** Starts the year's RDKK of a Poktan: version 1, or a revision of the approved one (its lines copied). */
export async function draftRdkk(ctx: UseCaseContext, villageInput: string, groupId: number, input: { year?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.rdkk.draft');
  const code = village.village_code;
  const year = clean(input.year) ? Number(clean(input.year)) : Number(todayInWib().slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('budget.year', 'year');
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const group = await groupOf(trx, code, groupId);
      if (group.kind !== 'poktan') throw badRequest('farmers.not_poktan', 'group_id');
      const last = await trx.selectFrom('rdkk_plans').select(['id', 'version', 'status']).where('village_code', '=', code).where('group_id', '=', groupId).where('year', '=', year)
        .orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (last && last.status !== 'approved' && last.status !== 'superseded') throw conflict('farmers.rdkk_open', 'year', { version: last.version });
      const version = (last?.version ?? 0) + 1;
      const { id } = await trx.insertInto('rdkk_plans').values({ village_code: code, group_id: groupId, year, version, drafted_by: userIdOf(ctx.actor)! }).returning('id').executeTakeFirstOrThrow();
      const planId = Number(id);
      if (last?.status === 'approved') {
        await sql`insert into rdkk_lines (village_code, plan_id, farmer_id, season, commodity, area_ha, fertiliser, quantity, refusal)
          select village_code, ${planId}, farmer_id, season, commodity, area_ha, fertiliser, quantity, refusal from rdkk_lines where village_code = ${code} and plan_id = ${last.id}`.execute(trx);
      } else {
        await generateLines(trx, code, planId, groupId, year);
      }
      await audit({ action: 'farmers.rdkk_draft', villageCode: code, subject: `rdkk:${planId}`, detail: { group: groupId, year, version } });
      return { id: planId, version };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'rdkk_plans_open') throw conflict('farmers.rdkk_open', 'year', { version: '' });
    throw err;
  }
}

/** A draft is computed again from what the members grow now (after a crop or a member was corrected). */
export async function regenerateRdkk(ctx: UseCaseContext, villageInput: string, planId: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.rdkk.draft');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await planOf(trx, code, planId, true);
    if (plan.status !== 'draft') throw conflict('farmers.rdkk_not_draft', 'plan');
    await trx.deleteFrom('rdkk_lines').where('village_code', '=', code).where('plan_id', '=', planId).execute();
    await generateLines(trx, code, planId, plan.group_id, plan.year);
    await audit({ action: 'farmers.rdkk_regenerate', villageCode: code, subject: `rdkk:${planId}`, detail: {} });
  });
}

/** A line added by hand to a draft (a member's crop not yet recorded): checked like the rest. */
export async function addRdkkLine(ctx: UseCaseContext, villageInput: string, planId: number, input: { nik?: string; season?: string; commodity?: string; area_ha?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.rdkk.draft');
  const code = village.village_code;
  const nik = clean(input.nik).replace(/\s/g, '');
  if (!/^\d{16}$/.test(nik)) throw badRequest('institutions.nik', 'nik');
  const season = Number(clean(input.season));
  if (![1, 2, 3].includes(season)) throw badRequest('validation.choice', 'season');
  const area = parseQuantity(input.area_ha, 'area_ha', 4, 1000);
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await planOf(trx, code, planId, true);
    if (plan.status !== 'draft') throw conflict('farmers.rdkk_not_draft', 'plan');
    const commodity = await trx.selectFrom('farm_commodities').select(['code', 'eligible']).where('code', '=', clean(input.commodity)).executeTakeFirst();
    if (!commodity) throw badRequest('validation.choice', 'commodity');
    const f = await sql<{ id: number; name: string; living: boolean; member: boolean; hectares: string }>`
      select f.id, r.name, r.life_status in (${sql.join(counted)}) as living,
        exists (select 1 from farmer_group_members m where m.village_code = f.village_code and m.farmer_id = f.id and m.group_id = ${plan.group_id} and m.left_on is null) as member,
        coalesce((select sum(p.area_ha) from farm_parcels p where p.village_code = f.village_code and p.farmer_id = f.id and p.ended_on is null), 0)::text as hectares
      from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
      where f.village_code = ${code} and r.nik = ${nik}`.execute(trx);
    const farmer = f.rows[0];
    if (!farmer) throw badRequest('farmers.not_a_farmer', 'nik');
    const refusal: Refusal | null = !farmer.living ? 'not_living' : !farmer.member ? 'not_member' : Number(farmer.hectares) > Number(MAX_SUBSIDISED_HA) ? 'over_two_ha' : !commodity.eligible ? 'not_eligible_commodity' : null;
    if (refusal) {
      await trx.insertInto('rdkk_lines').values({ village_code: code, plan_id: planId, farmer_id: farmer.id, season, commodity: commodity.code, area_ha: area, fertiliser: null, quantity: '0', refusal }).execute();
    } else {
      const doses = await sql<{ fertiliser: string; quantity: string }>`
        select fertiliser, round(${area}::numeric * kg_per_ha, 2)::text as quantity from fertiliser_dosages where commodity = ${commodity.code} order by fertiliser`.execute(trx);
      await insertLines(trx, code, planId, doses.rows.map((d) => ({ farmer_id: Number(farmer.id), season, commodity: commodity.code, area_ha: area, fertiliser: d.fertiliser, quantity: d.quantity, refusal: null })));
    }
    await audit({ action: 'farmers.rdkk_line_add', villageCode: code, subject: `rdkk:${planId}`, detail: { farmer: Number(farmer.id), season, commodity: commodity.code, area, refusal } });
    return { name: farmer.name, refusal };
  });
}

/** Lines of a draft are taken out by farmer, season and commodity (all its fertilisers). */
export async function removeRdkkLine(ctx: UseCaseContext, villageInput: string, planId: number, input: { farmer_id?: string; season?: string; commodity?: string }) {
  const village = await villageInScope(ctx, villageInput, 'farmers.rdkk.draft');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await planOf(trx, code, planId, true);
    if (plan.status !== 'draft') throw conflict('farmers.rdkk_not_draft', 'plan');
    const done = await trx.deleteFrom('rdkk_lines').where('village_code', '=', code).where('plan_id', '=', planId)
      .where('farmer_id', '=', Number(clean(input.farmer_id)) || 0).where('season', '=', Number(clean(input.season)) || 0).where('commodity', '=', clean(input.commodity)).executeTakeFirst();
    if (Number(done.numDeletedRows) === 0) throw notFound('farmers.rdkk_line_not_found');
    await audit({ action: 'farmers.rdkk_line_remove', villageCode: code, subject: `rdkk:${planId}`, detail: { farmer: Number(input.farmer_id), season: Number(input.season), commodity: clean(input.commodity) } });
  });
}

const STEP: Record<'submit' | 'verify' | 'approve', { from: RdkkStatus; to: RdkkStatus; permission: 'farmers.rdkk.draft' | 'farmers.rdkk.verify' | 'farmers.rdkk.approve' }> = {
  submit: { from: 'draft', to: 'submitted', permission: 'farmers.rdkk.draft' },
  verify: { from: 'submitted', to: 'verified', permission: 'farmers.rdkk.verify' },
  approve: { from: 'verified', to: 'approved', permission: 'farmers.rdkk.approve' },
};

/** The next step of the plan: submit (the group and PPL), verify (the district), approve (the regency). */
export async function advanceRdkk(ctx: UseCaseContext, villageInput: string, planId: number, step: 'submit' | 'verify' | 'approve') {
  const s = STEP[step];
  const village = await villageInScope(ctx, villageInput, s.permission);
  const code = village.village_code;
  const userId = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await planOf(trx, code, planId, true);
    if (plan.status !== s.from) throw conflict(`farmers.rdkk_not_${s.from}` as 'farmers.rdkk_not_draft', 'plan');
    if (step === 'submit') {
      const eligible = await trx.selectFrom('rdkk_lines').select('id').where('village_code', '=', code).where('plan_id', '=', planId).where('refusal', 'is', null).limit(1).executeTakeFirst();
      if (!eligible) throw badRequest('farmers.rdkk_empty', 'plan');
      await trx.updateTable('rdkk_plans').set({ status: 'submitted', submitted_by: userId, submitted_at: new Date(), returned_by: null, returned_at: null, return_reason: null })
        .where('village_code', '=', code).where('id', '=', planId).execute();
    } else if (step === 'verify') {
      await trx.updateTable('rdkk_plans').set({ status: 'verified', verified_by: userId, verified_at: new Date() }).where('village_code', '=', code).where('id', '=', planId).execute();
    } else {
      await applyAllocations(trx, code, plan);
      await trx.updateTable('rdkk_plans').set({ status: 'superseded', superseded_at: new Date() })
        .where('village_code', '=', code).where('group_id', '=', plan.group_id).where('year', '=', plan.year).where('status', '=', 'approved').execute();
      await trx.updateTable('rdkk_plans').set({ status: 'approved', approved_by: userId, approved_at: new Date() }).where('village_code', '=', code).where('id', '=', planId).execute();
    }
    await audit({ action: `farmers.rdkk_${step}`, villageCode: code, subject: `rdkk:${planId}`, detail: { group: plan.group_id, year: plan.year, version: plan.version } });
  });
}

/**
 * The approved plan becomes the allocations of its farmers: per farmer, season and fertiliser the
 * sum of its lines. An allocation below what was already redeemed is refused, naming the farmer
 * (so a farmer left out of a revision must not have redeemed yet); the earlier version's rows are
 * first brought down to what was redeemed, so a farmer left out gets nothing more.
 */
async function applyAllocations(trx: Trx, village: string, plan: { id: number; group_id: number; year: number }) {
  const previous = await trx.selectFrom('rdkk_plans').select('id').where('village_code', '=', village).where('group_id', '=', plan.group_id).where('year', '=', plan.year)
    .where('status', '=', 'approved').executeTakeFirst();
  const plans = previous ? [plan.id, Number(previous.id)] : [plan.id];
  const before = await totalsByFertiliser(trx, village, plan.year, plans);
  const below = await sql<{ name: string; fertiliser: string; redeemed: string; allocated: string }>`
    select r.name, t.name as fertiliser, a.redeemed::text as redeemed, coalesce(n.quantity, 0)::text as allocated
    from farm_allocations a
      join farmers f on f.village_code = a.village_code and f.id = a.farmer_id
      join residents r on r.village_code = f.village_code and r.id = f.resident_id
      join fertiliser_types t on t.code = a.fertiliser
      left join (select farmer_id, season, fertiliser, sum(quantity) as quantity from rdkk_lines where village_code = ${village} and plan_id = ${plan.id} and refusal is null group by 1, 2, 3) n
        on n.farmer_id = a.farmer_id and n.season = a.season and n.fertiliser = a.fertiliser
    where a.village_code = ${village} and a.year = ${plan.year} and a.plan_id in (${sql.join(plans)}) and a.redeemed > coalesce(n.quantity, 0)
    limit 1`.execute(trx);
  if (below.rows[0]) throw conflict('farmers.rdkk_below_redeemed', 'plan', { ...below.rows[0], allocated: formatQuantity(below.rows[0].allocated), redeemed: formatQuantity(below.rows[0].redeemed) });
  if (previous) {
    await trx.updateTable('farm_allocations').set((eb) => ({ allocated: eb.ref('redeemed'), plan_id: plan.id }))
      .where('village_code', '=', village).where('year', '=', plan.year).where('plan_id', '=', Number(previous.id)).execute();
  }
  await sql`insert into farm_allocations (village_code, farmer_id, year, season, fertiliser, allocated, plan_id)
    select village_code, farmer_id, ${plan.year}, season, fertiliser, sum(quantity), ${plan.id}
    from rdkk_lines where village_code = ${village} and plan_id = ${plan.id} and refusal is null group by village_code, farmer_id, season, fertiliser
    on conflict (village_code, farmer_id, year, season, fertiliser) do update set allocated = excluded.allocated, plan_id = excluded.plan_id`.execute(trx);
  const after = await totalsByFertiliser(trx, village, plan.year, [plan.id]);
  for (const f of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(f) ?? 0n) - (before.get(f) ?? 0n);
    if (delta !== 0n) await addAllocated(trx, village, plan.year, f, fromCents(delta));
  }
}

/** Hundredths of a kilogram as the decimal text the database takes ("-12.50"). */
export function fromCents(c: bigint): string {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** Allocated kilograms per fertiliser of the allocations set by these plans, in hundredths (exact). */
async function totalsByFertiliser(trx: Trx, village: string, year: number, plans: number[]) {
  const r = await sql<{ fertiliser: string; cents: string }>`
    select fertiliser, (sum(allocated) * 100)::bigint::text as cents from farm_allocations
    where village_code = ${village} and year = ${year} and plan_id in (${sql.join(plans)}) group by fertiliser`.execute(trx);
  return new Map(r.rows.map((x) => [x.fertiliser, BigInt(x.cents)]));
}

/** Sent back to the group with the reason (by the district or the regency): a draft again. */
export async function returnRdkk(ctx: UseCaseContext, villageInput: string, planId: number, input: { reason?: string }) {
  const code = parseRegionCodeOrFail(villageInput);
  const verify = can(ctx.actor, 'farmers.rdkk.verify', code);
  const village = await villageInScope(ctx, code, verify ? 'farmers.rdkk.verify' : 'farmers.rdkk.approve');
  const reason = text(input.reason, 'reason', 3, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const plan = await planOf(trx, village.village_code, planId, true);
    const mayReturn = (plan.status === 'submitted' && verify) || (plan.status === 'verified' && can(ctx.actor, 'farmers.rdkk.approve', code));
    if (!mayReturn) throw conflict('farmers.rdkk_cannot_return', 'reason');
    await trx.updateTable('rdkk_plans').set({ status: 'draft', returned_by: userIdOf(ctx.actor)!, returned_at: new Date(), return_reason: reason, submitted_at: null, submitted_by: null, verified_at: null, verified_by: null })
      .where('village_code', '=', village.village_code).where('id', '=', planId).execute();
    await audit({ action: 'farmers.rdkk_return', villageCode: village.village_code, subject: `rdkk:${planId}`, detail: { reason } });
  });
}

/** The plan as the group, the district and the regency read it: lines by farmer (NIK masked), totals per fertiliser, each step. */
export async function rdkkPage(ctx: UseCaseContext, villageInput: string, planId: number) {
  const village = await villageInScope(ctx, villageInput, 'farmers.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const plan = await planOf(db, code, planId);
  const [group, lines, people, types, versions, commodityList] = await Promise.all([
    groupOf(db, code, plan.group_id),
    sql<{ farmer_id: number; resident_id: number; name: string; nik: string; season: number; commodity: string; commodity_name: string; area_ha: string; fertiliser: string | null; quantity: string; refusal: Refusal | null }>`
      select l.farmer_id, r.id as resident_id, r.name, r.nik, l.season, l.commodity, k.name as commodity_name, l.area_ha::text as area_ha, l.fertiliser, l.quantity::text as quantity, l.refusal
      from rdkk_lines l join farmers f on f.village_code = l.village_code and f.id = l.farmer_id
        join residents r on r.village_code = f.village_code and r.id = f.resident_id
        join farm_commodities k on k.code = l.commodity
      where l.village_code = ${code} and l.plan_id = ${planId} order by r.name, l.farmer_id, l.season, k.sort`.execute(db),
    db.selectFrom('users').select(['id', 'full_name', 'position_title'])
      .where('id', 'in', [plan.drafted_by, plan.submitted_by, plan.verified_by, plan.approved_by, plan.returned_by].filter((x): x is number => x !== null).map(Number)).execute(),
    fertiliserTypes(db),
    db.selectFrom('rdkk_plans').select(['id', 'version', 'status', 'approved_at']).where('village_code', '=', code).where('group_id', '=', plan.group_id).where('year', '=', plan.year).orderBy('version').execute(),
    commodities(db),
  ]);
  await recordAudit(db, ctx, { action: 'farmers.rdkk_read', villageCode: code, subject: `rdkk:${planId}`, detail: { residents: [...new Set(lines.rows.map((l) => Number(l.resident_id)))] } });
  // One row per farmer, season and commodity, with its quantity per fertiliser.
  const rows = new Map<string, { farmer_id: number; name: string; nik: string; season: number; commodity: string; commodity_name: string; area_ha: string; refusal: Refusal | null; quantities: Record<string, string> }>();
  for (const l of lines.rows) {
    const key = `${l.farmer_id}:${l.season}:${l.commodity}`;
    const row = rows.get(key) ?? { farmer_id: Number(l.farmer_id), name: l.name, nik: maskNik(l.nik), season: l.season, commodity: l.commodity, commodity_name: l.commodity_name, area_ha: l.area_ha, refusal: l.refusal, quantities: {} };
    if (l.fertiliser) row.quantities[l.fertiliser] = l.quantity;
    rows.set(key, row);
  }
  const totals = Object.fromEntries(types.map((t) => [t.code, lines.rows.filter((l) => l.fertiliser === t.code).reduce((s, l) => s + BigInt(Math.round(Number(l.quantity) * 100)), 0n)]));
  const who = (id: number | null) => (id === null ? null : people.find((p) => Number(p.id) === Number(id)) ?? null);
  return {
    village, plan, group, types, versions: versions.map((v) => ({ ...v, id: Number(v.id) })), commodities: commodityList,
    rows: [...rows.values()],
    farmers: new Set(lines.rows.filter((l) => l.refusal === null).map((l) => Number(l.farmer_id))).size,
    refused: [...rows.values()].filter((r) => r.refusal !== null).length,
    totals,
    steps: { drafted: who(plan.drafted_by), submitted: who(plan.submitted_by), verified: who(plan.verified_by), approved: who(plan.approved_by), returned: who(plan.returned_by) },
    can: {
      draft: can(ctx.actor, 'farmers.rdkk.draft', code) && plan.status === 'draft',
      submit: can(ctx.actor, 'farmers.rdkk.draft', code) && plan.status === 'draft',
      revise: can(ctx.actor, 'farmers.rdkk.draft', code) && plan.status === 'approved',
      verify: can(ctx.actor, 'farmers.rdkk.verify', code) && plan.status === 'submitted',
      approve: can(ctx.actor, 'farmers.rdkk.approve', code) && plan.status === 'verified',
      return: (can(ctx.actor, 'farmers.rdkk.verify', code) && plan.status === 'submitted') || (can(ctx.actor, 'farmers.rdkk.approve', code) && plan.status === 'verified'),
    },
  };
}

/** The RDKK waiting on this officer across the scope: submitted ones for the district, verified ones for the regency. */
export async function rdkkQueue(ctx: UseCaseContext, regionInput: string) {
  const actor = authorize(ctx.actor, 'farmers.read');
  const code = parseRegionCodeOrFail(regionInput);
  authorize(actor, 'farmers.read', code);
  const statuses: RdkkStatus[] = [
    ...(can(actor, 'farmers.rdkk.draft') ? (['draft'] as const) : []),
    ...(can(actor, 'farmers.rdkk.verify') ? (['submitted'] as const) : []),
    ...(can(actor, 'farmers.rdkk.approve') ? (['verified'] as const) : []),
  ];
  const r = await sql<{ id: number; village_code: string; village: string; group_name: string; year: number; version: number; status: RdkkStatus; submitted_at: Date | null; verified_at: Date | null }>`
    select p.id, p.village_code, v.name as village, g.name as group_name, p.year, p.version, p.status, p.submitted_at, p.verified_at
    from rdkk_plans p join farmer_groups g on g.village_code = p.village_code and g.id = p.group_id join regions v on v.code = p.village_code
    where ${within('p.village_code', code)} and p.status in (${sql.join(statuses.length ? statuses : ['none'])})
    order by p.status, coalesce(p.verified_at, p.submitted_at, p.drafted_at), p.id limit 200`.execute(ctx.db.kysely);
  const villages = await sql<{ village_code: string; name: string; farmers: number }>`
    select v.village_code, r.name, coalesce(m.farmers, 0)::int as farmers
    from villages v join regions r on r.code = v.village_code left join monitoring_farmers m on m.village_code = v.village_code
    where ${within('v.village_code', code)}
    order by r.name limit 500`.execute(ctx.db.kysely);
  return { code, rows: r.rows.map((x) => ({ ...x, id: Number(x.id) })), villages: villages.rows };
}
