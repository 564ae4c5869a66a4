import { createHash } from 'node:crypto';
import { writeWithAudit, recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { PopulationEventKind } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { detectImageType } from '../villages/index.js';
import { FIELD_CODE_LIST, HEAD_OF_FAMILY, HOLDS_NIK } from './codes.js';
import { nikWarnings, temporaryNik } from './nik.js';
import { checkNikLookupAllowance, NikHeldElsewhere, refuseNiksElsewhere } from './nik-elsewhere.js';
import { checkEventDate, checkKkOrFail, checkNikOrFail, nikPresenter, todayInWib, villageInScope, villageScope } from './population.common.js';
import * as repo from './population.repository.js';
import type { CorrectionInput, ListQuery, NewResidentInput, ResidentFields } from './population.schema.js';

export interface EntryEvent {
  kind: Extract<PopulationEventKind, 'registration' | 'birth' | 'move_in'>;
  date?: string;
  details?: Record<string, unknown>;
}

type Trx = Parameters<Parameters<typeof writeWithAudit>[1]>[0];

/** Area ids of an area and everything below it (dusun → RW → RT). */
export function areaWithDescendants(areas: { id: number; parent_id: number | null }[], id: number): number[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const a of areas) if (a.parent_id === out[i]) out.push(a.id);
  return out;
}

async function checkArea(trx: Trx, village: string, areaId: number | null | undefined) {
  if (!areaId) return;
  const areas = await repo.findAreas(trx, village);
  if (!areas.some((a) => a.id === areaId)) throw badRequest('population.area_not_found', 'area_id');
}

/**
 * Refuses a NIK that a living resident already holds here or in another village of this
 * installation. Another village is not named (see nik-elsewhere.ts): the caller turns
 * NikHeldElsewhere into the answer once this transaction has rolled back.
 */
async function claimNik(trx: Trx, village: string, nik: string, residentId: number) {
  const holder = await repo.findActiveNik(trx, nik);
  if (holder) {
    if (holder.village_code === village) {
      const other = await repo.findResident(trx, village, holder.resident_id);
      throw conflict('population.nik_active_here', 'nik', { nik, name: other?.name ?? '' });
    }
    throw new NikHeldElsewhere(nik);
  }
  await repo.insertActiveNik(trx, nik, village, residentId);
}

/** Runs a write that claims a NIK; a NIK living elsewhere is counted, audited (hashed) and refused. */
async function claimingNik<T>(ctx: UseCaseContext, village: string, via: 'registration' | 'correction', work: () => Promise<T>): Promise<T> {
  await checkNikLookupAllowance(ctx);
  try {
    return await work();
  } catch (err) {
    if (err instanceof NikHeldElsewhere) throw await refuseNiksElsewhere(ctx, village, [err.nik], via);
    throw err;
  }
}

/**
 * Adds a person to the village register: a resident recorded for the first time, a
 * newborn, or someone moving in. Into an existing family, or with a new family card.
 */
export async function registerResident(ctx: UseCaseContext, villageInput: string, input: NewResidentInput, entry: EntryEvent = { kind: 'registration' }) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const key = input.idempotency_key;
  if (key) {
    const seen = await repo.findIdempotent(ctx.db.kysely, village, key);
    if (seen) return seen.result as { id: number; family_id: number; nik: string; warnings: string[] };
  }
  let nik = input.nik ?? null;
  if (nik) checkNikOrFail(nik);
  else if (!input.temporary_nik) throw badRequest('population.nik_required', 'nik');
  const eventDate = entry.date ?? todayInWib();
  checkEventDate(eventDate, entry.kind === 'registration' ? null : input.birth_date ?? null);
  if (input.birth_date) checkEventDate(input.birth_date, null, 'birth_date');

  return claimingNik(ctx, village, 'registration', () => writeWithAudit(ctx, async (trx, audit) => {
    if (!nik) {
      nik = temporaryNik(village, (await repo.countTemporaryNiksLocked(trx, village)) + 1);
    }
    await checkArea(trx, village, input.area_id);
    let familyId = input.family_id ?? null;
    let relation = input.family_relation ?? null;
    const warnings: string[] = nikWarnings(nik, input.birth_date, input.sex);
    if (familyId) {
      const family = await repo.findFamily(trx, village, familyId);
      if (!family || family.status !== 'active') throw notFound('population.family_not_found');
      if (relation === HEAD_OF_FAMILY) {
        const head = (await repo.familyMembers(trx, village, familyId)).find((m) => m.family_relation === HEAD_OF_FAMILY && HOLDS_NIK.includes(m.life_status));
        if (head) throw conflict('population.head_exists', 'family_relation', { name: head.name });
      }
    } else if (input.kk_number) {
      if (await repo.findFamilyByKk(trx, village, input.kk_number)) throw conflict('population.kk_exists', 'kk_number', { kk: input.kk_number });
      const kkWarning = await checkKkOrFail(trx, input.kk_number);
      if (kkWarning) warnings.push(kkWarning);
      familyId = (await repo.insertFamily(trx, { village_code: village, kk_number: input.kk_number, address: input.address ?? null, area_id: input.area_id ?? null })).id;
      relation ??= HEAD_OF_FAMILY;
    } else {
      throw badRequest('population.family_required', 'family_id');
    }
    const { nik: _n, temporary_nik: _t, family_id: _f, kk_number: _k, idempotency_key: _i, ...fields } = input;
    const { id } = await repo.insertResident(trx, {
      ...fields,
      village_code: village,
      nik,
      nik_temporary: !input.nik,
      family_id: familyId,
      family_relation: relation,
      citizenship: input.citizenship ?? 1,
      warnings: JSON.stringify(warnings),
    });
    await claimNik(trx, village, nik, id);
    await repo.insertEvent(trx, {
      village_code: village, resident_id: id, family_id: familyId, kind: entry.kind, event_date: eventDate,
      population_change: 1, details: entry.details ?? {}, recorded_by: ctx.actor?.id ?? null,
    });
    await audit({ action: `resident.${entry.kind}`, villageCode: village, subject: `resident:${id}`, detail: { family_id: familyId } });
    const result = { id, family_id: familyId, nik, warnings };
    if (key) await repo.saveIdempotent(trx, village, key, result);
    return result;
  }));
}

export interface FieldConflict {
  field: string;
  /** As it was when the form was opened, as it is now (someone else's), as this form wants it. */
  base: string;
  theirs: unknown;
  mine: unknown;
}

/** A correction that would overwrite someone else's change: refused, with each field's three values. */
export class CorrectionConflict extends AppError {
  constructor(readonly conflicts: FieldConflict[]) {
    super(409, 'conflict', 'population.correction_conflict', { field: conflicts[0]!.field, count: conflicts.length });
  }
}

const asText = (v: unknown) => String(v ?? '');

/**
 * A correction against the record as it is now, knowing what the form saw when it was opened
 * (`base`): a field the officer left as it was is not written (someone else's newer value
 * stays), one changed on both sides to different values is a conflict, one already as wanted
 * is done. Without `base` (older API callers) every differing field is written.
 */
export function threeWay(current: Record<string, unknown>, changes: Record<string, unknown>, base?: Record<string, string>) {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const conflicts: FieldConflict[] = [];
  let alreadySo = false;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const old = current[field] ?? null;
    const now = asText(old);
    const wanted = asText(value);
    if (base && Object.hasOwn(base, field)) {
      const was = base[field]!;
      if (wanted === was) continue;
      if (now === wanted) {
        alreadySo = true;
        continue;
      }
      if (now !== was) {
        conflicts.push({ field, base: was, theirs: old, mine: value });
        continue;
      }
    }
    if (now !== wanted) diff[field] = { from: old, to: value };
  }
  return { diff, conflicts, alreadySo };
}

/**
 * Corrects a resident's data. The old value, the new one, who and why stay in the
 * resident's history; a new NIK must be free like any other.
 */
export async function correctResident(ctx: UseCaseContext, villageInput: string, id: number, input: CorrectionInput) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const { reason, temporary_nik: _t, base, resolved, idempotency_key: key, ...changes } = input;
  if (changes.nik === null) delete changes.nik; // a NIK can be corrected, not removed
  if (changes.nik) checkNikOrFail(changes.nik);
  type Result = { id: number; changed: string[]; warnings: unknown[] };
  // One form page may be sent twice with different entries (back, change, save): the key counts
  // with what was sent, so only the very same correction is taken as a repeat.
  const once = key ? `${key}:${createHash('sha256').update(JSON.stringify([id, changes, base ?? null, resolved ?? null, reason])).digest('hex').slice(0, 16)}` : null;
  if (once) {
    const seen = await repo.findIdempotent(ctx.db.kysely, village, once);
    if (seen) return seen.result as Result;
  }
  return claimingNik(ctx, village, 'correction', () => writeWithAudit(ctx, async (trx, audit): Promise<Result> => {
    const before = await repo.lockResident(trx, village, id);
    if (!before) throw notFound('population.resident_not_found');
    const { diff, conflicts, alreadySo } = threeWay(before as Record<string, unknown>, changes as Record<string, unknown>, base);
    if (conflicts.length) throw new CorrectionConflict(conflicts);
    // The same correction sent again (a replay from a device that was offline): it is there already.
    if (Object.keys(diff).length === 0 && alreadySo) return { id, changed: [], warnings: [] };
    if (Object.keys(diff).length === 0 && !resolved) throw badRequest('population.nothing_changed', 'reason');
    if (diff.area_id) await checkArea(trx, village, changes.area_id);
    if (diff.nik && HOLDS_NIK.includes(before.life_status)) {
      await repo.deleteActiveNik(trx, village, before.nik);
      await claimNik(trx, village, changes.nik!, id);
    }
    const after = { ...before, ...changes };
    const warnings = nikWarnings(after.nik ?? before.nik, after.birth_date, after.sex);
    const set = Object.fromEntries(Object.keys(diff).map((k) => [k, (changes as Record<string, unknown>)[k]]));
    await repo.updateResident(trx, village, id, { ...set, ...(diff.nik ? { nik_temporary: false } : {}), warnings: JSON.stringify(warnings) });
    await repo.insertEvent(trx, {
      village_code: village, resident_id: id, family_id: before.family_id, kind: 'correction', event_date: todayInWib(),
      // A settled conflict keeps both values, the one not chosen included.
      population_change: 0, details: { changes: diff, reason, ...(resolved ? { conflicts: resolved } : {}) }, recorded_by: ctx.actor?.id ?? null,
    });
    // The reason is free text (it may name people): it stays in the resident's history, not in the audit log.
    await audit({ action: 'resident.correct', villageCode: village, subject: `resident:${id}`, detail: { fields: Object.keys(diff) } });
    const result = { id, changed: Object.keys(diff), warnings };
    if (once) await repo.saveIdempotent(trx, village, once, result);
    return result;
  }));
}

/**
 * Why a record is read, in the resident's words: the route that reads it says which, never the
 * request (a `?keperluan=` typed into the URL would put any text in the resident's access log).
 */
export const READ_PURPOSE = { view: 'lihat data', correction: 'perbaikan data', access_log: 'lihat log akses' } as const;
export type ReadPurpose = keyof typeof READ_PURPOSE;

/** One resident's full record, with family, history and areas. Reading it is logged with its purpose. */
export async function getResident(ctx: UseCaseContext, villageInput: string, id: number, purpose: ReadPurpose = 'view') {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const db = ctx.db.kysely;
  const resident = await repo.findResident(db, village, id);
  if (!resident) throw notFound('population.resident_not_found');
  const [family, members, events, areas] = await Promise.all([
    resident.family_id ? repo.findFamily(db, village, resident.family_id) : undefined,
    resident.family_id ? repo.familyMembers(db, village, resident.family_id) : [],
    repo.residentEvents(db, village, id),
    repo.findAreas(db, village),
  ]);
  await recordAudit(db, ctx, { action: 'resident.read', villageCode: village, subject: `resident:${id}`, detail: { purpose: READ_PURPOSE[purpose] } });
  const show = nikPresenter(ctx, village);
  return {
    resident: { ...resident, nik: show(resident.nik)!, father_nik: show(resident.father_nik), mother_nik: show(resident.mother_nik) },
    family: family ? { ...family, kk_number: show(family.kk_number)! } : null,
    members: members.map((m) => ({ ...m, nik: show(m.nik)! })),
    events,
    areas,
  };
}

/** The register, filtered and paged. NIK and KK masked for roles that do not need them. */
export async function listResidents(ctx: UseCaseContext, villageInput: string, query: ListQuery) {
  const { village_code: village, name: villageName } = await villageInScope(ctx, villageInput, 'population.read');
  const db = ctx.db.kysely;
  const areas = await repo.findAreas(db, village);
  const areaIds = query.area_id ? areaWithDescendants(areas, query.area_id) : null;
  if (query.field && !(query.field in FIELD_CODE_LIST)) throw badRequest('validation.choice', 'field');
  const page = await repo.listResidents(db, village, query, areaIds, todayInWib());
  const show = nikPresenter(ctx, village);
  return { ...page, village, villageName, areas, items: page.items.map((r) => ({ ...r, nik: show(r.nik)!, kk_number: show(r.kk_number) })) };
}

/** Who accessed a resident's data (their own record, or their family card). */
export async function residentAccessLog(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'population.access_log');
  const resident = await repo.findResident(ctx.db.kysely, village, id);
  if (!resident) throw notFound('population.resident_not_found');
  return repo.residentAccessLog(ctx.db.kysely, village, id);
}

export const PHOTO_MAX_BYTES = 300 * 1024;

/** A resident's photo: PNG or JPEG recognised by content, at most 300 KB. */
export async function setResidentPhoto(ctx: UseCaseContext, villageInput: string, id: number, bytes: Uint8Array) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  if (bytes.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'village.logo_size', { limit: '300 KB' }, 'photo');
  const type = detectImageType(bytes);
  if (!type) throw new AppError(415, 'unsupported_file', 'village.logo_type', {}, 'photo');
  await writeWithAudit(ctx, async (trx, audit) => {
    if (!(await repo.findResident(trx, village, id))) throw notFound('population.resident_not_found');
    await repo.updateResident(trx, village, id, { photo: bytes, photo_type: type });
    await audit({ action: 'resident.photo_update', villageCode: village, subject: `resident:${id}`, detail: { bytes: bytes.length, type } });
  });
}

/** The photo is personal data: only for those who may read the register, and each read is logged. */
export async function getResidentPhoto(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const row = await repo.findResidentPhoto(ctx.db.kysely, village, id);
  if (!row?.photo || !row.photo_type) throw notFound();
  await recordAudit(ctx.db.kysely, ctx, { action: 'resident.photo_read', villageCode: village, subject: `resident:${id}` });
  return { bytes: row.photo, type: row.photo_type };
}
