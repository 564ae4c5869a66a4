import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { userIdOf } from '../../platform/access/access.js';
import { can } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database, OfficialPosition } from '../../platform/db/schema.js';
import { formatDate, titleCase } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { villageScope } from './village-scope.js';
import * as repo from './officials.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The village's officials (perangkat desa): who they are, which account each uses, and who
 * may sign letters. The head signs himself, the secretary a.n. the head, and officials the
 * head names sign u.b.; an account not linked to an official signs nothing.
 */

export const POSITIONS: Record<OfficialPosition, { id: string; en: string }> = {
  kepala_desa: { id: 'Kepala Desa', en: 'Village head' },
  sekretaris_desa: { id: 'Sekretaris Desa', en: 'Village secretary' },
  kaur: { id: 'Kepala Urusan (Kaur)', en: 'Head of affairs (Kaur)' },
  kasi: { id: 'Kepala Seksi (Kasi)', en: 'Head of section (Kasi)' },
  kepala_dusun: { id: 'Kepala Dusun', en: 'Dusun head' },
  staf: { id: 'Staf', en: 'Staff' },
};
const isPosition = (p: string): p is OfficialPosition => Object.hasOwn(POSITIONS, p);
/** Positions held by one active official at a time. */
const SINGLE: OfficialPosition[] = ['kepala_desa', 'sekretaris_desa'];

export interface OfficialInput {
  name?: string;
  staff_number?: string | null;
  position?: string;
  position_title?: string | null;
  user_id?: number | string | null;
  signs_ub?: boolean;
  active?: boolean;
  /** For the certified electronic signature (BSrE); empty keeps what is recorded. */
  nik?: string | null;
}

export async function listOfficials(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'village.profile.write');
  const [officials, accounts] = await Promise.all([repo.listOfficials(ctx.db.kysely, village), repo.villageAccounts(ctx.db.kysely, village)]);
  return { village, officials, accounts, canDelegate: can(ctx.actor, 'village.officials.delegate', village) };
}

/** Checked input, every message naming the field by its label. */
function clean(input: OfficialInput) {
  const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
  if (name.length < 2) throw badRequest('validation.required', 'name', { field: 'Nama' });
  if (name.length > 120) throw badRequest('validation.too_long', 'name', { field: 'Nama', max: 120 });
  const position = input.position ?? '';
  if (!isPosition(position)) throw badRequest('validation.choice', 'position', { field: 'Jabatan' });
  const staffNumber = (input.staff_number ?? '').replace(/\s+/g, ' ').trim() || null;
  if (staffNumber && !/^[0-9][0-9 .]{0,29}$/.test(staffNumber)) throw badRequest('validation.format', 'staff_number', { field: 'NIP/NIPD' });
  const title = (input.position_title ?? '').replace(/\s+/g, ' ').trim() || POSITIONS[position].id;
  if (title.length > 80) throw badRequest('validation.too_long', 'position_title', { field: 'Sebutan jabatan', max: 80 });
  const rawUser = input.user_id === '' || input.user_id === null || input.user_id === undefined ? null : Number(input.user_id);
  if (rawUser !== null && !(Number.isSafeInteger(rawUser) && rawUser > 0)) throw badRequest('validation.choice', 'user_id', { field: 'Akun' });
  const nik = (input.nik ?? '').replace(/\s+/g, '') || null;
  if (nik && !/^[0-9]{16}$/.test(nik)) throw badRequest('officials.nik_format', 'nik');
  return { name, position, staff_number: staffNumber, position_title: title, user_id: rawUser, signs_ub: Boolean(input.signs_ub), active: input.active ?? true, nik };
}

/**
 * Records a new official (id absent) or changes one. Nothing is deleted: one who leaves is
 * made inactive. Naming an official to sign u.b. is the head's decision alone.
 */
export async function saveOfficial(ctx: UseCaseContext, villageInput: string, input: OfficialInput, id?: number) {
  const village = await villageScope(ctx, villageInput, 'village.profile.write');
  const v = clean(input);
  return writeOfficial(ctx, village, v, id).catch(async (err: unknown) => {
    // Another officer saved a head (or secretary) at the same moment: the unique index stopped this one.
    if (violatedUniqueIndex(err) !== 'village_officials_single_position') throw err;
    const holder = (await repo.activeInPosition(ctx.db.kysely, village, v.position))[0];
    throw conflict('officials.position_taken', 'position', { position: POSITIONS[v.position].id, name: holder?.name ?? '' });
  });
}

async function writeOfficial(ctx: UseCaseContext, village: string, v: ReturnType<typeof clean>, id: number | undefined) {
  return writeWithAudit(ctx, async (trx, audit) => {
    const before = id === undefined ? null : await repo.findOfficial(trx, village, id);
    if (id !== undefined && !before) throw notFound();
    if (v.signs_ub !== (before?.signs_ub ?? false) && !can(ctx.actor, 'village.officials.delegate', village)) throw forbidden('officials.delegate_head_only');
    if (v.active && SINGLE.includes(v.position)) {
      const other = (await repo.activeInPosition(trx, village, v.position)).find((o) => o.id !== id);
      if (other) throw conflict('officials.position_taken', 'position', { position: POSITIONS[v.position].id, name: other.name });
    }
    if (v.user_id !== null) {
      if (!(await repo.villageAccounts(trx, village)).some((a) => a.id === v.user_id)) throw badRequest('officials.account_not_here', 'user_id');
      const holder = await repo.officialOfUser(trx, village, v.user_id);
      if (v.active && holder && holder.id !== id) throw conflict('officials.account_taken', 'user_id', { name: holder.name });
    }
    // The NIK is never shown back in full: a form left empty keeps the one recorded.
    const nik = v.nik ?? before?.nik ?? null;
    const row = { ...v, nik, updated_by: userIdOf(ctx.actor) };
    const saved = before ? (await repo.updateOfficial(trx, village, before.id, row), { id: before.id }) : await repo.insertOfficial(trx, { village_code: village, ...row });
    await audit({
      action: before ? 'official.update' : 'official.create', villageCode: village, subject: `official:${saved.id}`,
      detail: { position: v.position, signs_ub: v.signs_ub, active: v.active, user_id: v.user_id, ...(nik !== (before?.nik ?? null) ? { nik_recorded: true } : {}) },
    });
    return { id: saved.id };
  });
}

/** How an official signs by position: the head himself, the secretary a.n., one the head named u.b.; null when they may not. */
export const signingMode = (o: { position: OfficialPosition; signs_ub: boolean }): 'self' | 'an' | 'ub' | null =>
  o.position === 'kepala_desa' ? 'self' : o.position === 'sekretaris_desa' ? 'an' : o.signs_ub ? 'ub' : null;

export interface OfficialSigner {
  officialId: number;
  mode: 'self' | 'an' | 'ub';
  name: string;
  title: string;
  staffNumber: string | null;
  /** For the certified electronic signature; never printed. */
  nik: string | null;
}

/**
 * How an account signs, from the official it is linked to: the head himself, the secretary
 * a.n. the head, an official the head named u.b. Null when the account may not sign.
 */
export async function signerOfUser(db: Q, village: string, userId: number | null): Promise<OfficialSigner | { refused: 'not_official' | 'not_authorised'; title?: string }> {
  const o = userId === null ? undefined : await repo.officialOfUser(db, village, userId);
  if (!o) return { refused: 'not_official' };
  const mode = signingMode(o);
  if (!mode) return { refused: 'not_authorised', title: o.position_title };
  return { officialId: o.id, mode, name: o.name, title: o.position_title, staffNumber: o.staff_number, nik: o.nik };
}

/**
 * The signature block of a register book kept by an official (the village head): "Hanura,
 * 7 Desember 2026" / "KEPALA DESA HANURA" / the official's own name.
 */
export function registerSignature(official: { name: string; position_title: string }, villageName: string, day: string) {
  const title = official.position_title.toUpperCase();
  const place = villageName.toUpperCase();
  return { placeAndDate: `${titleCase(villageName)}, ${formatDate(day, 'id')}`, position: title.includes(place) ? title : `${title} ${place}`, name: official.name };
}

/** The active head, for a letter's preview before anyone signs. */
export async function activeHead(db: Q, village: string) {
  return activeOfficial(db, village, 'kepala_desa');
}

/** Every official now holding a position (a village has several Kaur: Keuangan, Umum, Perencanaan). */
export const activeOfficials = (db: Q, village: string, position: Parameters<typeof repo.activeInPosition>[2]) => repo.activeInPosition(db, village, position);

/** The official now holding a position (the first, where a position has several). */
export async function activeOfficial(db: Q, village: string, position: Parameters<typeof repo.activeInPosition>[2]) {
  return (await repo.activeInPosition(db, village, position))[0] ?? null;
}
