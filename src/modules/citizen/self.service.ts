import { authorize, type Actor } from '../../platform/access/access.js';
import type { Permission } from '../../platform/access/permissions.js';
import { accessLogOf } from '../../platform/audit/access-log.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { areaPath, codeLabel, maskNik } from '../population/index.js';
import { findRegion } from '../regions/index.js';
import * as repo from './citizen.repository.js';
import { CorrectionRequestInput, parseInput } from './citizen.schema.js';

/** Open requests a citizen may have waiting at once: enough for a whole family card, not a flood. */
export const MAX_OPEN_CORRECTIONS = 10;

/** The logged-in citizen, or 403: these use cases are for citizens, about themselves. */
export function citizenOf(ctx: UseCaseContext, permission: Permission = 'self.read'): { actor: Actor; village: string; residentId: number } {
  const actor = authorize(ctx.actor, permission);
  if (actor.kind !== 'citizen' || !actor.residentId) throw forbidden('citizen.only_citizen');
  return { actor, village: actor.regionCode, residentId: actor.residentId };
}

export interface FamilyMemberView {
  id: number;
  name: string;
  relation: string;
  /** Their own NIK whole; the others' masked, as on any screen someone else may see. */
  nik: string;
  self: boolean;
}

/**
 * The citizen's own record and their family card, shaped for them: labels instead of
 * codes, their own NIK whole, the others' masked. The read is logged like an officer's.
 */
export async function myData(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx);
  const db = ctx.db.kysely;
  const r = await repo.findOwnRecord(db, village, residentId);
  if (!r) throw notFound('population.resident_not_found');
  const [members, areas, region] = await Promise.all([
    r.family_id && r.family_status === 'active' ? repo.presentFamilyMembers(db, village, r.family_id) : Promise.resolve([]),
    repo.findAreas(db, village),
    findRegion(db, village),
  ]);
  await recordAudit(db, ctx, { action: 'resident.read', villageCode: village, subject: `resident:${residentId}`, detail: { purpose: 'layanan mandiri' } });
  const areaId = r.area_id ?? r.family_area_id;
  return {
    village: { code: village, name: region?.name ?? village },
    self: {
      id: r.id,
      name: r.name,
      nik: r.nik,
      kk_number: r.family_status === 'active' ? r.kk_number : null,
      birth_place: r.birth_place,
      birth_date: r.birth_date,
      sex: codeLabel('sex', r.sex),
      religion: codeLabel('religion', r.religion),
      education: codeLabel('educationOnFamilyCard', r.education_kk),
      occupation: codeLabel('occupation', r.occupation),
      marital_status: codeLabel('maritalStatus', r.marital_status),
      family_relation: codeLabel('familyRelation', r.family_relation),
      address: r.address ?? r.family_address,
      area: areaPath(areas, areaId),
      status: codeLabel('lifeStatus', r.life_status),
    },
    family: members.map((m): FamilyMemberView => ({
      id: m.id,
      name: m.name,
      relation: codeLabel('familyRelation', m.family_relation),
      nik: m.id === residentId ? m.nik : maskNik(m.nik),
      self: m.id === residentId,
    })),
  };
}
export type MyData = Awaited<ReturnType<typeof myData>>;

/** Whom the citizen may ask about: themselves and whoever shares their active family card. */
async function familyIds(ctx: UseCaseContext, village: string, residentId: number): Promise<Set<number>> {
  const db = ctx.db.kysely;
  const r = await repo.findOwnRecord(db, village, residentId);
  if (!r) throw notFound('population.resident_not_found');
  const ids = new Set([residentId]);
  if (r.family_id && r.family_status === 'active') for (const m of await repo.presentFamilyMembers(db, village, r.family_id)) ids.add(m.id);
  return ids;
}

/**
 * A citizen asks the office to correct their data or a family member's. The office checks
 * the documents, applies the change in the register (which keeps the old value) and answers.
 */
export async function requestCorrection(ctx: UseCaseContext, input: unknown): Promise<{ id: number; repeated: boolean }> {
  const { village, residentId } = citizenOf(ctx);
  const data = parseInput(CorrectionRequestInput, input, ctx.lang);
  if (!(await familyIds(ctx, village, residentId)).has(data.about_resident_id)) throw forbidden('citizen.not_family');
  const row = { village_code: village, resident_id: residentId, about_resident_id: data.about_resident_id, field: data.field, proposed: data.proposed };
  return writeWithAudit(ctx, async (trx, audit) => {
    const same = await repo.findSameOpenCorrection(trx, row);
    if (same) return { id: same.id, repeated: true };
    const open = await repo.countOpenCorrections(trx, village, residentId);
    if (open >= MAX_OPEN_CORRECTIONS) throw new AppError(409, 'conflict', 'citizen.too_many_open', { count: open });
    const { id } = await repo.insertCorrection(trx, { ...row, note: data.note ?? null });
    await audit({ action: 'citizen.correction_requested', villageCode: village, subject: `correction:${id}`, detail: { about: `resident:${data.about_resident_id}`, field: data.field } });
    return { id, repeated: false };
  });
}

/** The citizen's own requests with the office's answers, newest first. */
export async function myCorrections(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx);
  return repo.listCorrectionsBy(ctx.db.kysely, village, residentId);
}
export type MyCorrection = Awaited<ReturnType<typeof myCorrections>>[number];

/** Who read or changed the citizen's own record (officers, the system), newest first; never where from. */
export async function myAccessLog(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx);
  return accessLogOf(ctx.db.kysely, village, residentId, { othersOnly: true });
}
