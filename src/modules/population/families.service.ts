import { recordAudit, writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { HEAD_OF_FAMILY, HOLDS_NIK } from './codes.js';
import { checkKkOrFail, nikPresenter, todayInWib, villageScope } from './population.common.js';
import * as repo from './population.repository.js';

type Trx = Parameters<Parameters<typeof writeWithAudit>[1]>[0];

async function activeFamilyOrFail(trx: Trx, village: string, familyId: number) {
  const family = await repo.findFamily(trx, village, familyId);
  if (!family || family.status !== 'active') throw notFound('population.family_not_found');
  return family;
}

const present = (m: { life_status: number }) => HOLDS_NIK.includes(m.life_status);

async function logFamilyChange(trx: Trx, ctx: UseCaseContext, village: string, residentId: number, familyId: number, details: Record<string, unknown>) {
  await repo.insertEvent(trx, {
    village_code: village, resident_id: residentId, family_id: familyId, kind: 'family_change', event_date: todayInWib(),
    population_change: 0, details, recorded_by: ctx.actor?.id ?? null,
  });
}

/** A family card with its members (reading it is logged: it holds every member's NIK). */
export async function getFamily(ctx: UseCaseContext, villageInput: string, familyId: number) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const db = ctx.db.kysely;
  const family = await repo.findFamily(db, village, familyId);
  if (!family) throw notFound('population.family_not_found');
  const members = await repo.familyMembers(db, village, familyId);
  await recordAudit(db, ctx, { action: 'family.read', villageCode: village, subject: `family:${familyId}`, detail: { residents: members.map((m) => m.id) } });
  const show = nikPresenter(ctx, village);
  return { family: { ...family, kk_number: show(family.kk_number)! }, members: members.map((m) => ({ ...m, nik: show(m.nik)! })) };
}

export const FAMILIES_PER_PAGE = 50;

/** A page of family cards; `total` is known for the whole list, null for a search. */
export async function listFamilies(ctx: UseCaseContext, villageInput: string, q?: string, page = 1) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const show = nikPresenter(ctx, village);
  const found = await repo.listFamilies(ctx.db.kysely, village, q, FAMILIES_PER_PAGE, (page - 1) * FAMILIES_PER_PAGE);
  return { rows: found.rows.map((f) => ({ ...f, kk_number: show(f.kk_number)! })), total: found.total, page, perPage: FAMILIES_PER_PAGE };
}

/** Makes another member the head; the old head takes the relation given. */
export async function changeHead(ctx: UseCaseContext, villageInput: string, familyId: number, input: { new_head_id: number; old_head_relation: number; reason?: string | null }) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  if (input.old_head_relation === HEAD_OF_FAMILY) throw badRequest('population.old_head_relation', 'old_head_relation');
  return writeWithAudit(ctx, (trx, audit) => applyHeadChange(trx, audit, ctx, village, familyId, input));
}

/**
 * The change of head inside the caller's transaction (changeHead, and a death that asks for
 * the new head on the spot). A head still present takes `old_head_relation`; callers check access.
 */
export async function applyHeadChange(
  trx: Trx, audit: Audit, ctx: UseCaseContext, village: string, familyId: number,
  input: { new_head_id: number; old_head_relation?: number; reason?: string | null },
) {
  await activeFamilyOrFail(trx, village, familyId);
  const members = await repo.familyMembers(trx, village, familyId);
  const next = members.find((m) => m.id === input.new_head_id && present(m));
  if (!next) throw badRequest('population.member_not_in_family', 'new_head_id', { name: String(input.new_head_id) });
  if (next.family_relation === HEAD_OF_FAMILY) throw badRequest('population.already_head', 'new_head_id', { name: next.name });
  const old = members.find((m) => m.family_relation === HEAD_OF_FAMILY && present(m));
  if (old) {
    if (!input.old_head_relation || input.old_head_relation === HEAD_OF_FAMILY) throw badRequest('population.old_head_relation', 'old_head_relation');
    await repo.updateResident(trx, village, old.id, { family_relation: input.old_head_relation });
    await logFamilyChange(trx, ctx, village, old.id, familyId, { change: 'head_replaced', relation: { from: HEAD_OF_FAMILY, to: input.old_head_relation }, reason: input.reason ?? null });
  }
  await repo.updateResident(trx, village, next.id, { family_relation: HEAD_OF_FAMILY });
  await logFamilyChange(trx, ctx, village, next.id, familyId, { change: 'became_head', relation: { from: next.family_relation, to: HEAD_OF_FAMILY }, reason: input.reason ?? null });
  await audit({ action: 'family.change_head', villageCode: village, subject: `family:${familyId}`, detail: { new_head: next.id, old_head: old?.id ?? null } });
  return { family_id: familyId, head_id: next.id, head_name: next.name };
}

/** Moves a resident of this village into this family with the relation given. */
export async function moveMember(ctx: UseCaseContext, villageInput: string, familyId: number, input: { resident_id: number; family_relation: number; reason?: string | null }) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    await activeFamilyOrFail(trx, village, familyId);
    const r = await repo.lockResident(trx, village, input.resident_id);
    if (!r || !present(r)) throw notFound('population.resident_not_found');
    if (r.family_id === familyId) throw badRequest('population.same_family', 'resident_id', { name: r.name });
    const target = await repo.familyMembers(trx, village, familyId);
    if (input.family_relation === HEAD_OF_FAMILY) {
      const head = target.find((m) => m.family_relation === HEAD_OF_FAMILY && present(m));
      if (head) throw conflict('population.head_exists', 'family_relation', { name: head.name });
    }
    if (r.family_id && r.family_relation === HEAD_OF_FAMILY) {
      const left = (await repo.familyMembers(trx, village, r.family_id)).filter((m) => m.id !== r.id && present(m));
      if (left.length) throw badRequest('population.split_keeps_head', 'resident_id');
      await repo.updateFamily(trx, village, r.family_id, { status: 'dissolved' });
    }
    await repo.updateResident(trx, village, r.id, { family_id: familyId, family_relation: input.family_relation });
    await logFamilyChange(trx, ctx, village, r.id, familyId, { change: 'moved', from_family: r.family_id, to_family: familyId, relation: { from: r.family_relation, to: input.family_relation }, reason: input.reason ?? null });
    await audit({ action: 'family.move_member', villageCode: village, subject: `resident:${r.id}`, detail: { from_family: r.family_id, to_family: familyId } });
    return { resident_id: r.id, family_id: familyId };
  });
}

/** What other modules do, in the same transaction, when a card splits (households keep the new card under the same roof). */
export type FamilySplitHook = (trx: Trx, village: string, from: number, to: number, by: number) => Promise<void>;
const splitHooks: FamilySplitHook[] = [];
export function onFamilySplit(hook: FamilySplitHook): void {
  if (!splitHooks.includes(hook)) splitHooks.push(hook);
}

/** Pecah KK: some members leave with a new family card and a head of their own. */
export async function splitFamily(ctx: UseCaseContext, villageInput: string, familyId: number, input: { member_ids: number[]; new_head_id: number; kk_number: string; address?: string | null; reason?: string | null }) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  if (!input.member_ids.includes(input.new_head_id)) throw badRequest('population.new_head_not_member', 'new_head_id');
  return writeWithAudit(ctx, async (trx, audit) => {
    const kkWarning = await checkKkOrFail(trx, input.kk_number);
    const family = await activeFamilyOrFail(trx, village, familyId);
    const members = await repo.familyMembers(trx, village, familyId);
    for (const id of input.member_ids) {
      const m = members.find((x) => x.id === id && present(x));
      if (!m) throw badRequest('population.member_not_in_family', 'member_ids', { name: String(id) });
      if (m.family_relation === HEAD_OF_FAMILY) throw badRequest('population.split_keeps_head', 'member_ids');
    }
    if (await repo.findFamilyByKk(trx, village, input.kk_number)) throw conflict('population.kk_exists', 'kk_number', { kk: input.kk_number });
    const { id: newFamilyId } = await repo.insertFamily(trx, { village_code: village, kk_number: input.kk_number, address: input.address ?? family.address, area_id: family.area_id });
    for (const id of input.member_ids) {
      const m = members.find((x) => x.id === id)!;
      const relation = id === input.new_head_id ? HEAD_OF_FAMILY : m.family_relation;
      await repo.updateResident(trx, village, id, { family_id: newFamilyId, family_relation: relation });
      await logFamilyChange(trx, ctx, village, id, newFamilyId, { change: 'split', from_family: familyId, to_family: newFamilyId, relation: { from: m.family_relation, to: relation }, reason: input.reason ?? null });
    }
    for (const hook of splitHooks) await hook(trx, village, familyId, newFamilyId, ctx.actor!.id);
    await audit({ action: 'family.split', villageCode: village, subject: `family:${familyId}`, detail: { new_family: newFamilyId, members: input.member_ids } });
    return { family_id: familyId, new_family_id: newFamilyId, warnings: kkWarning ? [kkWarning] : [] };
  });
}

/** The id of the village's active family with this KK number (the register form takes the number). */
export async function findFamilyIdByKk(ctx: UseCaseContext, villageInput: string, kk: string): Promise<number> {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const family = await repo.findFamilyByKk(ctx.db.kysely, village, kk.trim());
  if (!family) throw notFound('population.family_not_found');
  return family.id;
}
