import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { clean, pastDayOf, text } from '../../platform/http/text-input.js';
import { maskNik, type FamilySplitHook } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import { headOf } from './head.js';
import * as repo from './households.repository.js';
import { ASSETS, HOUSING } from './housing.js';

/**
 * Households: made of family cards, their members the people of those cards counted in the
 * population. Officers of the register read and change them (population.read / .write);
 * the levels above see only the rollup's counts.
 */

const kkOf = (input: string | undefined) => {
  const kk = clean(input);
  if (!/^\d{16}$/.test(kk)) throw badRequest('households.kk', 'kk_number');
  return kk;
};

/** A family card not yet in a household, by its KK number; refused naming the household it is in. */
async function freeFamily(db: UseCaseContext['db']['kysely'], village: string, input: string | undefined) {
  const family = await repo.familyByKk(db, village, kkOf(input));
  if (!family) throw badRequest('households.kk_unknown', 'kk_number');
  const taken = await repo.householdOfFamily(db, village, family.id);
  if (taken) throw conflict('households.family_taken', 'kk_number', { number: taken.number });
  return family;
}

/** A new household from a family card: the card becomes its main card, its head the household's head. */
export async function createHousehold(ctx: UseCaseContext, villageInput: string, input: { kk_number?: string; address?: string }) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  const address = clean(input.address);
  if (address.length > 200) throw badRequest('validation.too_long', 'address', { max: 200 });
  const me = userIdOf(ctx.actor)!;
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const family = await freeFamily(trx, village, input.kk_number);
      const number = await repo.nextNumber(trx, village);
      const { id } = await repo.insertHousehold(trx, { village_code: village, number, main_family_id: family.id, address: address || family.address, created_by: me });
      await repo.addFamily(trx, village, id, family.id, me);
      await repo.refreshRollup(trx, village);
      await audit({ action: 'household.create', villageCode: village, subject: `household:${id}`, detail: { number, family: family.id } });
      return { id, number };
    });
  } catch (err) {
    // Two officers at once: the same card, or the same next number.
    if (violatedUniqueIndex(err) === 'household_families_current') throw conflict('households.family_taken_now', 'kk_number');
    if (violatedUniqueIndex(err) === 'households_number') throw conflict('households.busy');
    throw err;
  }
}

/** Another family card under the same roof (a married child's family, say). */
export async function addFamily(ctx: UseCaseContext, villageInput: string, id: number, input: { kk_number?: string }) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const household = await repo.lockHousehold(trx, village, id);
      if (!household || household.status !== 'active') throw notFound('households.not_found');
      const family = await freeFamily(trx, village, input.kk_number);
      await repo.addFamily(trx, village, id, family.id, userIdOf(ctx.actor)!);
      await repo.updateHousehold(trx, village, id, {});
      await audit({ action: 'household.family_add', villageCode: village, subject: `household:${id}`, detail: { family: family.id } });
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'household_families_current') throw conflict('households.family_taken_now', 'kk_number');
    throw err;
  }
}

/**
 * A family card moves out of the household (kept in its history, with why). The main card
 * leaving hands that role to the earliest remaining card; the last card leaving dissolves the household.
 */
export async function removeFamily(ctx: UseCaseContext, villageInput: string, id: number, familyId: number, reasonInput: string | undefined) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  const reason = text(reasonInput, 'reason', 5, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const household = await repo.lockHousehold(trx, village, id);
    if (!household || household.status !== 'active') throw notFound('households.not_found');
    const removed = await repo.removeFamily(trx, village, id, familyId, userIdOf(ctx.actor)!, reason);
    if (Number(removed.numUpdatedRows) !== 1) throw notFound('households.family_not_in');
    const left = (await repo.familiesOf(trx, village, id)).filter((f) => f.removed_at === null);
    const dissolved = left.length === 0;
    await repo.updateHousehold(trx, village, id, dissolved ? { status: 'dissolved' } : household.main_family_id === familyId ? { main_family_id: left[0]!.family_id } : {});
    await repo.refreshRollup(trx, village);
    await audit({ action: 'household.family_remove', villageCode: village, subject: `household:${id}`, detail: { family: familyId, reason, dissolved } });
    return { dissolved };
  });
}

/** A card split from one in a household: the new card lives under the same roof until an officer moves it out. */
export const keepSplitCardInHousehold: FamilySplitHook = async (trx, village, from, to, by) => {
  const household = await repo.householdOfFamily(trx, village, from);
  if (household) await repo.addFamily(trx, village, household.id, to, by);
};

/** The head chosen among the living members. */
export async function setHead(ctx: UseCaseContext, villageInput: string, id: number, residentInput: string | undefined) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  const residentId = Number(residentInput);
  return writeWithAudit(ctx, async (trx, audit) => {
    const household = await repo.lockHousehold(trx, village, id);
    if (!household || household.status !== 'active') throw notFound('households.not_found');
    if (!(await repo.membersOf(trx, village, id)).some((m) => m.id === residentId)) throw badRequest('households.head_not_member', 'head_resident_id');
    await repo.updateHousehold(trx, village, id, { head_resident_id: residentId });
    await audit({ action: 'household.head', villageCode: village, subject: `household:${id}`, detail: { head: residentId } });
  });
}

export type HousingInput = Record<string, string | string[] | undefined>;

/** The housing survey of a household: each item a code of its list (or left blank), the floor area, the assets, the day surveyed. */
export async function updateHousing(ctx: UseCaseContext, villageInput: string, id: number, input: HousingInput, today: string) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  const one = (key: string) => (typeof input[key] === 'string' ? input[key] : undefined);
  const values: Record<string, number | null> = {};
  for (const item of HOUSING) {
    const raw = clean(one(item.field));
    if (raw === '') values[item.field] = null;
    else if (item.codes.some(([c]) => String(c) === raw)) values[item.field] = Number(raw);
    else throw badRequest('validation.choice', item.field);
  }
  const areaRaw = clean(one('floor_area')).replace(',', '.');
  if (areaRaw !== '' && !/^\d{1,5}(\.\d{1,2})?$/.test(areaRaw)) throw badRequest('households.floor_area', 'floor_area');
  const floorArea = areaRaw === '' ? null : Number(areaRaw) > 0 ? areaRaw : null;
  const assets = [input.assets ?? []].flat().map((a) => clean(a)).filter((a) => a !== '');
  for (const a of assets) if (!ASSETS.some(([k]) => k === a)) throw badRequest('validation.choice', 'assets');
  const surveyed = clean(one('surveyed_on')) === '' ? today : pastDayOf(one('surveyed_on'), 'surveyed_on', today);
  return writeWithAudit(ctx, async (trx, audit) => {
    const household = await repo.lockHousehold(trx, village, id);
    if (!household || household.status !== 'active') throw notFound('households.not_found');
    await repo.updateHousehold(trx, village, id, { ...values, floor_area: floorArea, assets: [...new Set(assets)], surveyed_on: surveyed });
    await repo.refreshRollup(trx, village);
    await audit({ action: 'household.housing', villageCode: village, subject: `household:${id}`, detail: { ...values, floor_area: floorArea, assets, surveyed_on: surveyed } });
  });
}

/** A page of households, with the village's housing counts. */
export async function householdList(ctx: UseCaseContext, villageInput: string, pageInput: string | undefined, poorInput: string | undefined) {
  const village = await villageInScope(ctx, villageInput, 'population.read');
  const page = /^\d{1,5}$/.test(pageInput ?? '') && Number(pageInput) > 0 ? Number(pageInput) : 1;
  const poor = HOUSING.some((h) => h.field === poorInput && h.poor.length > 0) ? poorInput! : '';
  const [rows, rollup] = await Promise.all([repo.listHouseholds(ctx.db.kysely, village.village_code, { page, poor }), repo.rollupOf(ctx.db.kysely, village.village_code)]);
  return { village, page, poor, rows, rollup: rollup ?? null, pageSize: repo.PAGE_SIZE, canWrite: can(ctx.actor, 'population.write', village.village_code) };
}

/** One household: its members (NIK masked: the household page is not where a NIK is read), its cards and their history. */
export async function householdDetail(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'population.read');
  const code = village.village_code;
  const household = await repo.findHousehold(ctx.db.kysely, code, id);
  if (!household) throw notFound('households.not_found');
  const [members, families] = await Promise.all([repo.membersOf(ctx.db.kysely, code, id), repo.familiesOf(ctx.db.kysely, code, id)]);
  // Names and birth dates of a whole house: a read of personal data, logged as a family card's is.
  await recordAudit(ctx.db.kysely, ctx, { action: 'household.read', villageCode: code, subject: `household:${id}`, detail: { residents: members.map((m) => m.id) } });
  const head = headOf(household, members);
  return {
    village, household, head, families,
    members: members.map(({ nik, ...m }) => ({ ...m, nik: maskNik(nik) })),
    canWrite: can(ctx.actor, 'population.write', code) && household.status === 'active',
  };
}
