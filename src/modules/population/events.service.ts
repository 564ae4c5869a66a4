import type { Transaction } from 'kysely';
import { writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, PopulationEventKind } from '../../platform/db/schema.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { COUNTED_IN_POPULATION as COUNTED, HEAD_OF_FAMILY, HOLDS_NIK, LIFE_STATUS } from './codes.js';
import { checkEventDate, lifeStatusLabel, villageScope } from './population.common.js';
import * as repo from './population.repository.js';
import { applyHeadChange } from './families.service.js';
import { isTemporaryNik } from './nik.js';
import type { BirthInput, DeathInput, NewResidentInput } from './population.schema.js';
import { registerResident } from './residents.service.js';

interface Transition {
  kind: Extract<PopulationEventKind, 'death' | 'move_out' | 'lost' | 'temporary_departure' | 'return'>;
  to: number;
  from: readonly number[];
  problem: 'population.not_present' | 'population.not_away';
}

const TRANSITIONS: Record<Transition['kind'], Transition> = {
  death: { kind: 'death', to: LIFE_STATUS.dead, from: HOLDS_NIK, problem: 'population.not_present' },
  move_out: { kind: 'move_out', to: LIFE_STATUS.movedOut, from: HOLDS_NIK, problem: 'population.not_present' },
  lost: { kind: 'lost', to: LIFE_STATUS.lost, from: [LIFE_STATUS.alive, LIFE_STATUS.away], problem: 'population.not_present' },
  temporary_departure: { kind: 'temporary_departure', to: LIFE_STATUS.away, from: [LIFE_STATUS.alive], problem: 'population.not_present' },
  return: { kind: 'return', to: LIFE_STATUS.alive, from: [LIFE_STATUS.away, LIFE_STATUS.lost], problem: 'population.not_away' },
};

/**
 * A change of status: death, moving out, going missing, leaving for a while, coming back.
 * The resident is kept with the new status, never deleted; the event says who, when, why.
 */
export async function recordStatusEvent(
  ctx: UseCaseContext,
  villageInput: string,
  residentId: number,
  kind: Transition['kind'],
  input: { date: string; idempotency_key?: string | null } & Record<string, unknown>,
) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const { date, idempotency_key: key, ...details } = input;
  if (key) {
    const seen = await repo.findIdempotent(ctx.db.kysely, village, key);
    if (seen) return seen.result as { id: number; family_without_head: boolean };
  }
  return writeWithAudit(ctx, async (trx, audit) => {
    const result = await applyStatusEvent(trx, audit, ctx.actor?.kind === 'user' ? ctx.actor.id : null, village, residentId, kind, date, details);
    if (key) await repo.saveIdempotent(trx, village, key, result);
    return result;
  });
}

/**
 * The status change itself, inside the caller's transaction: used by recordStatusEvent and
 * by a signed Surat Keterangan Pindah, which records the move it certifies. Callers check access.
 */
export async function applyStatusEvent(
  trx: Transaction<Database>,
  audit: Audit,
  recordedBy: number | null,
  village: string,
  residentId: number,
  kind: Transition['kind'],
  date: string,
  details: Record<string, unknown>,
) {
  const t = TRANSITIONS[kind];
  const r = await repo.lockResident(trx, village, residentId);
  if (!r) throw notFound('population.resident_not_found');
  if (!t.from.includes(r.life_status)) throw badRequest(t.problem, 'life_status', { status: lifeStatusLabel(r.life_status) });
  checkEventDate(date, r.birth_date);
  const change = ((COUNTED.includes(t.to) ? 1 : 0) - (COUNTED.includes(r.life_status) ? 1 : 0)) as -1 | 0 | 1;
  await repo.updateResident(trx, village, residentId, { life_status: t.to });
  if (HOLDS_NIK.includes(r.life_status) && !HOLDS_NIK.includes(t.to)) await repo.deleteActiveNik(trx, village, r.nik);
  // A head who died or moved leaves a family card that needs a new head: say so.
  let familyWithoutHead = false;
  if (r.family_id && r.family_relation === HEAD_OF_FAMILY && !HOLDS_NIK.includes(t.to)) {
    const others = (await repo.familyMembers(trx, village, r.family_id)).filter((m) => m.id !== r.id && HOLDS_NIK.includes(m.life_status));
    familyWithoutHead = others.length > 0;
    if (others.length === 0) await repo.updateFamily(trx, village, r.family_id, { status: 'dissolved' });
  }
  const { id } = await repo.insertEvent(trx, {
    village_code: village, resident_id: residentId, family_id: r.family_id, kind, event_date: date,
    population_change: change, details: { ...details, from_status: r.life_status, family_without_head: familyWithoutHead }, recorded_by: recordedBy,
  });
  await audit({ action: `resident.${kind}`, villageCode: village, subject: `resident:${residentId}`, detail: { event_id: id } });
  return { id, family_id: r.family_id, family_without_head: familyWithoutHead };
}

/**
 * A death. When the deceased headed a family whose members remain, `new_head_id` names the
 * new head, changed in the same transaction: the card is never left without one by the form.
 */
export async function recordDeath(ctx: UseCaseContext, villageInput: string, residentId: number, input: DeathInput) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const { date, idempotency_key: key, new_head_id: newHead, ...details } = input;
  if (key) {
    const seen = await repo.findIdempotent(ctx.db.kysely, village, key);
    if (seen) return seen.result as DeathResult;
  }
  return writeWithAudit(ctx, async (trx, audit) => {
    const event = await applyStatusEvent(trx, audit, ctx.actor?.kind === 'user' ? ctx.actor.id : null, village, residentId, 'death', date, details);
    let result: DeathResult = { ...event, new_head: null };
    if (newHead) {
      if (!event.family_without_head || !event.family_id) throw badRequest('population.not_head', 'new_head_id');
      const head = await applyHeadChange(trx, audit, ctx, village, event.family_id, { new_head_id: newHead, reason: 'Kepala keluarga meninggal dunia' });
      result = { ...event, family_without_head: false, new_head: { id: head.head_id, name: head.head_name } };
    }
    if (key) await repo.saveIdempotent(trx, village, key, result);
    return result;
  });
}
export interface DeathResult { id: number; family_id: number | null; family_without_head: boolean; new_head: { id: number; name: string } | null }

/** Father and mother on the family card: the head and their spouse, by sex. */
export function parentsOnCard(members: { id: number; sex: number; family_relation: number | null }[]) {
  const couple = members.filter((m) => m.family_relation === HEAD_OF_FAMILY || m.family_relation === 2 || m.family_relation === 3);
  return { father: couple.find((m) => m.sex === 1)?.id ?? null, mother: couple.find((m) => m.sex === 2)?.id ?? null };
}

/**
 * A birth into a family: the newborn takes the family's dusun/RW/RT and address, father and
 * mother from the card (the head and spouse unless others are chosen), "belum kawin" and
 * "tidak/belum sekolah", and the relation chosen (a child unless said otherwise).
 */
export async function recordBirth(ctx: UseCaseContext, villageInput: string, input: Omit<BirthInput, 'birth_date'> & { birth_date?: string | null }, details: Record<string, unknown> = {}) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  if (!input.birth_date) throw badRequest('validation.required', 'birth_date', { field: 'birth_date' });
  const db = ctx.db.kysely;
  const family = await repo.findFamily(db, village, input.family_id);
  if (!family || family.status !== 'active') throw notFound('population.family_not_found');
  const members = (await repo.familyMembers(db, village, family.id)).filter((m) => HOLDS_NIK.includes(m.life_status));
  const defaults = parentsOnCard(members);
  const parent = (chosen: number | null | undefined, fallback: number | null, sex: 1 | 2, field: string) => {
    const id = chosen === undefined ? fallback : chosen;
    if (id === null) return null;
    const m = members.find((x) => x.id === id && x.sex === sex);
    if (!m) throw badRequest('population.parent_not_member', field);
    return m;
  };
  const father = parent(input.father_id, defaults.father, 1, 'father_id');
  const mother = parent(input.mother_id, defaults.mother, 2, 'mother_id');
  const nikOf = (m: { nik: string } | null) => (m && !isTemporaryNik(m.nik) ? m.nik : null);
  const { father_id: _f, mother_id: _m, ...rest } = input;
  return registerResident(ctx, village, {
    ...rest,
    family_relation: input.family_relation ?? 4,
    area_id: input.area_id ?? family.area_id,
    address: input.address ?? family.address,
    marital_status: input.marital_status ?? 1,
    education_kk: input.education_kk ?? 1,
    father_nik: input.father_nik ?? nikOf(father),
    father_name: input.father_name ?? father?.name ?? null,
    mother_nik: input.mother_nik ?? nikOf(mother),
    mother_name: input.mother_name ?? mother?.name ?? null,
  }, { kind: 'birth', date: input.birth_date, details });
}

/** Someone moving into the village, from where. */
export function recordMoveIn(ctx: UseCaseContext, village: string, input: NewResidentInput, date: string, from: string) {
  if (!from?.trim()) throw badRequest('validation.required', 'from', { field: 'from' });
  return registerResident(ctx, village, { ...input, previous_address: input.previous_address ?? from }, { kind: 'move_in', date, details: { from } });
}
