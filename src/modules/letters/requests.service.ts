import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { authorize, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit, type Audit } from '../../platform/audit/audit.js';
import { activeHead, signerOfUser, villageScope } from '../villages/index.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, LetterStatus } from '../../platform/db/schema.js';
import { todayInWib } from '../../platform/format/format.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthenticated } from '../../platform/http/errors.js';
import { CalendarDate, zodIssueToError } from '../../platform/http/validation.js';
import { applyStatusEvent, codeLabel, HOLDS_NIK, familyIdsOf, findResidentIdByNik, nikPresenterFor, residentForLetter, type LetterSubject } from '../population/index.js';
import type { LetterType } from './catalogue.js';
import { validateLetterFields } from './fields.js';
import { buildIssuedLetter, headTitleOf, villageNames, type IssuedLetter, type Signer } from './issue.js';
import { DraftMoved, issueCertified, type CertifiedOptions, type CertifiedSignature } from './certified.js';
import { newVerifyCode, STATUS_LABEL } from './letters.common.js';
import * as repo from './letters.repository.js';
import { announce } from './notices.js';
import { formatLetterNumber } from './numbering.js';
import { settingsOf } from './settings.service.js';
import { findType } from './types.service.js';
import { assertLettersSignedHere, lettersAreSignedAtCopy } from '../sync/index.js';

type Trx = Transaction<Database>;
type Q = Kysely<Database> | Trx;


/** The type's rule about its subject: a death letter needs the death recorded, and so on. */
function checkRule(type: LetterType, s: LetterSubject) {
  const status = s.resident.life_status;
  if (type.rule === 'subject_dead') {
    if (status !== 2) throw badRequest('letters.rule_dead', 'resident_id');
    return;
  }
  if (!HOLDS_NIK.includes(status)) throw badRequest('letters.rule_alive', 'resident_id', { status: codeLabel('lifeStatus', status) });
  if (type.rule === 'family_head' && (!s.family || !s.head)) throw badRequest('letters.rule_family', 'resident_id');
  if (type.rule === 'records_move' && status === 4) throw badRequest('letters.rule_alive', 'resident_id', { status: codeLabel('lifeStatus', status) });
}

/**
 * Who moves out with the subject of a Surat Keterangan Pindah: every family member still
 * registered for "… seluruh anggota keluarga", else the members whose NIKs the request lists
 * (field `pengikut`). Each must be of the subject's family and still registered here.
 */
export function followersOf(type: LetterType, s: LetterSubject, fields: Record<string, string>) {
  if (type.rule !== 'records_move') return [];
  const others = s.members.filter((m) => m.id !== s.resident.id && HOLDS_NIK.includes(m.life_status));
  if (/seluruh anggota/i.test(fields.jenis_kepindahan ?? '')) return others;
  const listed = [...new Set((Object.hasOwn(fields, 'pengikut') ? fields.pengikut! : '').split(/[\s,;]+/).filter(Boolean))];
  return listed.map((nik) => {
    const m = others.find((o) => o.nik === nik);
    if (!m) throw badRequest('letters.follower_not_family', 'isian.pengikut', { name: nik });
    return m;
  });
}

export const LetterRequestInput = z.object({
  type: z.string().trim().min(1).max(40),
  resident_id: z.coerce.number().int().positive().optional(),
  nik: z.string().trim().regex(/^\d{16}$/).optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  idempotency_key: z.string().trim().min(8).max(100).optional(),
});
export type LetterRequestInput = z.input<typeof LetterRequestInput>;

/**
 * A letter request: by an officer at the counter (queue number for the walk-in), by a
 * citizen online for themselves or their family, or at the kiosk. The type's fields and
 * rule are checked now, so the operator checks a complete request.
 */
export async function requestLetter(ctx: UseCaseContext, villageInput: string, input: LetterRequestInput, channel: 'online' | 'counter' | 'kiosk') {
  const citizen = ctx.actor?.kind === 'citizen';
  const village = await villageScope(ctx, villageInput, citizen ? 'self.letters' : 'letters.request');
  const parsed = LetterRequestInput.safeParse(input);
  if (!parsed.success) throw zodIssueToError(parsed.error, ctx.lang);
  const v = parsed.data;
  const db = ctx.db.kysely;
  if (v.idempotency_key) {
    const seen = await repo.findLetterByIdempotencyKey(db, village, v.idempotency_key);
    if (seen) return { id: seen.id, replayed: true };
  }
  let residentId = v.resident_id;
  if (citizen) {
    // A citizen may name only their own family: every other NIK — of this village, of another
    // or of nobody — gets the same 403, so the answer tells nothing about where a NIK lives.
    if (!residentId && v.nik) residentId = (await findResidentIdByNik(db, village, v.nik))?.id ?? -1;
    residentId ??= ctx.actor!.residentId;
    const family = await familyIdsOf(db, village, ctx.actor!.residentId!);
    if (!residentId || !family.includes(residentId)) throw forbidden('letters.not_yours');
  } else if (!residentId && v.nik) {
    const found = await findResidentIdByNik(db, village, v.nik);
    if (!found) throw badRequest('letters.resident_not_found', 'nik');
    residentId = found.id;
  }
  if (!citizen && channel === 'online') channel = 'counter';
  if (!residentId) throw badRequest('validation.required', 'nik', { field: 'NIK' });
  const type = await findType(db, village, v.type);
  if (!type.active) throw badRequest('letters.type_inactive', 'type');
  if (citizen && !type.online) throw badRequest('letters.not_online', 'type');
  const subject = await residentForLetter(db, village, residentId);
  if (!subject) throw notFound('population.resident_not_found');
  checkRule(type, subject);
  const fields = validateLetterFields(type.fields, v.fields);
  const followers = followersOf(type, subject, fields);
  if (type.rule === 'records_move' && followers.length) {
    // Stored as the letter will print them: the chosen members' NIKs, and how many.
    fields.pengikut = followers.map((m) => m.nik).join(', ');
    fields.jumlah_pengikut = String(followers.length);
  }
  const today = todayInWib();
  return writeWithAudit(ctx, async (trx, audit) => {
    // The counter's queue numbers are the village hall's: while its own copy is the village's
    // home (sync), a request made on the server takes none, as an online one.
    const queueNumber = channel === 'online' || (await lettersAreSignedAtCopy(trx, village)) ? null : await repo.takeQueueNumber(trx, village, today);
    const { id } = await repo.insertLetter(trx, {
      village_code: village, type_code: type.code, type_title: type.title, resident_id: residentId, channel,
      fields: JSON.stringify(fields), queue_date: queueNumber ? today : null, queue_number: queueNumber,
      requested_by_user: userIdOf(ctx.actor), requested_by_resident: citizen ? ctx.actor!.residentId! : null,
      idempotency_key: v.idempotency_key ?? null,
    });
    await repo.bumpDaily(trx, village, today, type.code, { requested: 1, requested_online: channel === 'counter' ? 0 : 1 });
    await audit({ action: 'letter.request', villageCode: village, subject: `letter:${id}`, detail: { type: type.code, channel, resident: residentId } });
    return { id, queue_number: queueNumber, replayed: false };
  });
}

/** A step of the workflow on a locked letter; refuses a step the letter's status does not allow. */
async function step<T>(
  ctx: UseCaseContext,
  village: string,
  id: number,
  from: LetterStatus[],
  action: string,
  work: (trx: Trx, letter: NonNullable<Awaited<ReturnType<typeof repo.lockLetter>>>, audit: Audit) => Promise<T>,
): Promise<T> {
  return writeWithAudit(ctx, async (trx, audit) => {
    const letter = await repo.lockLetter(trx, village, id);
    if (!letter) throw notFound('letters.not_found');
    stepAllowed(ctx, letter, from, action);
    const result = await work(trx, letter, audit);
    await audit({ action: `letter.${action}`, villageCode: village, subject: `letter:${id}` });
    return result;
  });
}

/** Refuses a step the letter's status does not allow, naming both. */
function stepAllowed(ctx: UseCaseContext, letter: { status: LetterStatus }, from: LetterStatus[], action: string) {
  if (!from.includes(letter.status))
    throw new AppError(409, 'wrong_state', 'letters.wrong_state', { status: STATUS_LABEL[letter.status][ctx.lang], action: ACTION_LABEL[action]?.[ctx.lang] ?? action });
}

const ACTION_LABEL: Record<string, { id: string; en: string }> = {
  check: { id: 'diperiksa', en: 'checked' },
  reject: { id: 'ditolak', en: 'rejected' },
  sign: { id: 'ditandatangani', en: 'signed' },
  ready: { id: 'ditandai siap', en: 'marked ready' },
  check_sign: { id: 'diperiksa dan ditandatangani', en: 'checked and signed' },
  collect: { id: 'ditandai sudah diambil', en: 'marked collected' },
};

/** The operator has checked the request and its documents. */
export async function checkLetter(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'letters.check');
  await step(ctx, village, id, ['requested'], 'check', (trx) =>
    repo.updateLetter(trx, village, id, { status: 'checked', checked_at: new Date(), checked_by: userIdOf(ctx.actor) }),
  );
  return { status: 'checked' as const };
}

/** A rejection's or revocation's reason: required, one short paragraph. */
function reasonOrFail(reason: string | undefined): string {
  const why = (reason ?? '').trim();
  if (!why) throw badRequest('letters.reason_required', 'reason');
  if (why.length > 300) throw badRequest('validation.too_long', 'reason', { field: 'alasan', max: 300 });
  return why;
}

/** Rejected with a reason the citizen sees. */
export async function rejectLetter(ctx: UseCaseContext, villageInput: string, id: number, reason: string) {
  const village = await villageScope(ctx, villageInput, 'letters.check');
  const why = reasonOrFail(reason);
  await step(ctx, village, id, ['requested', 'checked'], 'reject', async (trx, letter) => {
    await repo.updateLetter(trx, village, id, { status: 'rejected', rejected_at: new Date(), rejected_by: userIdOf(ctx.actor), reject_reason: why });
    await repo.bumpDaily(trx, village, todayInWib(), letter.type_code, { rejected: 1 });
    await announce(trx, village, letter, 'rejected', why);
  });
}

/**
 * Who signs and how, from the official the account is linked to: the head himself, the
 * secretary a.n. the head, an official the head named u.b. An account that stands for no
 * official (a shared operator account) never signs. The one who checked a request signs it
 * only where the village allows it (few officials), a choice made in the letter settings.
 */
async function signerFor(ctx: UseCaseContext, db: Q, village: string, letter: { checked_by: number | null }, checkerMaySign: boolean): Promise<Signer> {
  const me = userIdOf(ctx.actor);
  const s = await signerOfUser(db, village, me);
  if ('refused' in s) throw s.refused === 'not_official' ? forbidden('letters.not_an_official') : forbidden('letters.may_not_sign', { title: s.title ?? '' });
  if (!checkerMaySign && letter.checked_by !== null && letter.checked_by === me) throw forbidden('letters.same_checker');
  return { mode: s.mode, name: s.name, title: s.title, staffNumber: s.staffNumber, officialId: s.officialId, nik: s.nik };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The day a letter stops being valid: its type's days, and never before the event it is for. */
function validUntilOf(type: LetterType, fields: Record<string, string>, date: string): string | null {
  if (type.validityDays <= 0) return null;
  const until = addDays(date, type.validityDays);
  // A crowd permit (Izin Keramaian) must hold through the event's date.
  const event = Object.hasOwn(fields, EVENT_DATE_FIELD) ? fields[EVENT_DATE_FIELD] : undefined;
  return event && /^\d{4}-\d{2}-\d{2}$/.test(event) && event > until ? event : until;
}
const EVENT_DATE_FIELD = 'tanggal_acara';

type LockedLetter = NonNullable<Awaited<ReturnType<typeof repo.lockLetter>>>;

/**
 * What signing issues now: the signer, the next number of the letter's scope and the text
 * frozen. With a transaction (`take`) the number is taken from its counter row, locked until
 * the transaction ends (unique, in order, no gaps); without, it is the number the letter would
 * get, for a certified signature drawn before the transaction (certified.ts).
 */
async function draftIssue(ctx: UseCaseContext, db: Q, village: string, letter: LockedLetter, checkedBy: number | null, take: Trx | null) {
  // Letter numbers stay gapless with a village copy: only the village's home numbers them.
  await assertLettersSignedHere(db, village);
  const settings = await settingsOf(db, village);
  const signer = await signerFor(ctx, db, village, { checked_by: checkedBy }, settings.checker_may_sign);
  const [type, names, subject] = await Promise.all([
    findType(db, village, letter.type_code),
    villageNames(db, village),
    residentForLetter(db, village, letter.resident_id),
  ]);
  if (!subject) throw notFound('population.resident_not_found');
  checkRule(type, subject);
  const fields = letter.fields as Record<string, string>;
  const followers = followersOf(type, subject, fields);
  const date = todayInWib();
  const year = date.slice(0, 4);
  const scopeKey = settings.number_scope === 'type_year' ? `${type.code}:${year}` : year;
  const running = take ? await repo.takeNextNumber(take, village, scopeKey) : await repo.peekNextNumber(db, village, scopeKey);
  const number = formatLetterNumber(settings.number_pattern, { classification: type.classification, running, villageCode: village, date, typeCode: type.code });
  const validUntil = validUntilOf(type, fields, date);
  const issued = buildIssuedLetter({
    subject, names, type, fields, number, date, validUntil, signer, followers,
    paper: settings.paper, staffNumberLabel: settings.staff_number_label,
  });
  const organisation = `Pemerintah ${names.villageKind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${names.village}`;
  return { settings, signer, type, fields, followers, date, scopeKey, running, number, validUntil, issued, organisation };
}

/**
 * Signs a checked letter: the next number of its scope, the printed text frozen, a
 * verification code. A Surat Keterangan Pindah moves its subject and the chosen followers out
 * in the same transaction. An online request is ready to download at once when the village
 * allows citizen downloads ("ready for pick-up" is for paper). A letter with a certified
 * signature keeps the PDF that was signed, and is issued only if the number and text it prints
 * are what this transaction gives (else DraftMoved rolls it back, and it is signed again).
 */
async function signLocked(ctx: UseCaseContext, trx: Trx, village: string, letter: LockedLetter, audit: Audit, checkedBy: number | null, certified?: CertifiedSignature) {
  const id = letter.id;
  const { settings, signer, type, fields, followers, date, scopeKey, running, number, validUntil, issued } = await draftIssue(ctx, trx, village, letter, checkedBy, trx);
  if (type.certified && !certified) throw conflict('esign.now_required');
  if (certified && (certified.number !== number || certified.issued !== JSON.stringify(issued))) throw new DraftMoved();
  const verifyCode = certified?.verifyCode ?? newVerifyCode();
  const now = certified?.at ?? new Date();
  const downloadable = letter.channel === 'online' && settings.citizen_download;
  await repo.updateLetter(trx, village, id, {
    status: downloadable ? 'ready' : 'signed', signed_at: now, signed_by: userIdOf(ctx.actor), signed_by_official: signer.officialId ?? null, sign_mode: signer.mode,
    issued: JSON.stringify(issued), number, number_scope_key: scopeKey, running_number: running, valid_until: validUntil, verify_code: verifyCode,
    ...(downloadable ? { ready_at: now, ready_by: userIdOf(ctx.actor) } : {}),
  });
  await repo.recordVerifyCode(trx, village, id, verifyCode);
  if (certified) {
    await repo.insertSignature(trx, { village_code: village, letter_id: id, provider: certified.provider, signed_by_official: signer.officialId!, signed_at: now, signature_sha256: certified.signatureSha256, pdf: certified.pdf });
    await audit({ action: 'letter.esign', villageCode: village, subject: `letter:${id}`, detail: { provider: certified.provider } });
  }
  if (type.rule === 'records_move') {
    const details = { destination: fields.alamat_tujuan ?? '', classification: fields.tingkat_pindah ?? '', reason: fields.alasan ?? '', letter_number: number };
    for (const who of [letter.resident_id, ...followers.map((m) => m.id)])
      await applyStatusEvent(trx, audit, userIdOf(ctx.actor), village, who, 'move_out', fields.tanggal_pindah ?? date, details);
  }
  await repo.bumpDaily(trx, village, date, letter.type_code, { issued: 1 });
  if (downloadable) {
    await countReady(trx, village, letter, now);
    await announce(trx, village, letter, 'downloadable');
  }
  return { number, verify_code: verifyCode, sign_mode: signer.mode, status: downloadable ? ('ready' as const) : ('signed' as const), certified: certified ? certified.provider : null };
}

async function countReady(trx: Trx, village: string, letter: LockedLetter, now: Date) {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(letter.requested_at).getTime()) / 1000));
  await repo.bumpDaily(trx, village, todayInWib(), letter.type_code, { ready: 1, ready_seconds: seconds });
}

export type SignOptions = CertifiedOptions;

/** Does the letter's type require a certified signature? Read before signing, checked again in the transaction. */
async function needsCertifiedSignature(ctx: UseCaseContext, village: string, id: number): Promise<boolean> {
  const letter = await repo.findLetter(ctx.db.kysely, village, id);
  if (!letter) throw notFound('letters.not_found');
  return (await findType(ctx.db.kysely, village, letter.type_code).catch(() => null))?.certified ?? false;
}

/**
 * Signs with a certified electronic signature (certified.ts): the letter drawn and signed
 * first, as the step would issue it, then the step itself in one transaction.
 */
function signCertified<T>(ctx: UseCaseContext, village: string, id: number, from: LetterStatus[], action: string, options: SignOptions, checkedBy: (letter: LockedLetter) => number | null,
  work: (trx: Trx, letter: LockedLetter, audit: Audit, signature: CertifiedSignature) => Promise<T>) {
  return issueCertified(ctx, village, id, options,
    async () => {
      const letter = await repo.findLetter(ctx.db.kysely, village, id);
      if (!letter) throw notFound('letters.not_found');
      stepAllowed(ctx, letter, from, action);
      return draftIssue(ctx, ctx.db.kysely, village, letter, checkedBy(letter), null);
    },
    (signature) => step(ctx, village, id, from, action, (trx, letter, audit) => work(trx, letter, audit, signature)));
}

export async function signLetter(ctx: UseCaseContext, villageInput: string, id: number, options: SignOptions = {}) {
  const village = await villageScope(ctx, villageInput, 'letters.sign');
  if (await needsCertifiedSignature(ctx, village, id))
    return signCertified(ctx, village, id, ['checked'], 'sign', options, (letter) => letter.checked_by, (trx, letter, audit, signature) =>
      signLocked(ctx, trx, village, letter, audit, letter.checked_by, signature));
  return step(ctx, village, id, ['checked'], 'sign', (trx, letter, audit) => signLocked(ctx, trx, village, letter, audit, letter.checked_by));
}

/**
 * Checks and signs in one action, for a village that lets the checker sign (few officials):
 * the secretary reads the request and its preview, and issues it.
 */
export async function checkAndSignLetter(ctx: UseCaseContext, villageInput: string, id: number, options: SignOptions = {}) {
  const village = await villageScope(ctx, villageInput, 'letters.sign');
  authorize(ctx.actor, 'letters.check', village);
  if (!(await settingsOf(ctx.db.kysely, village)).checker_may_sign) throw forbidden('letters.check_sign_off');
  const me = userIdOf(ctx.actor);
  const work = async (trx: Trx, letter: LockedLetter, audit: Audit, signature?: CertifiedSignature) => {
    await repo.updateLetter(trx, village, id, { status: 'checked', checked_at: new Date(), checked_by: me });
    return signLocked(ctx, trx, village, letter, audit, me, signature);
  };
  if (await needsCertifiedSignature(ctx, village, id)) return signCertified(ctx, village, id, ['requested'], 'check_sign', options, () => me, work);
  return step(ctx, village, id, ['requested'], 'check_sign', (trx, letter, audit) => work(trx, letter, audit));
}

/**
 * What the letter will print, before it is signed: the same text and layout, without a
 * number. Signed as the actor would sign it, or as the head when the actor does not sign.
 */
export async function previewLetter(ctx: UseCaseContext, villageInput: string, id: number): Promise<IssuedLetter | null> {
  const village = await villageScope(ctx, villageInput, 'letters.read');
  const db = ctx.db.kysely;
  const letter = await repo.findLetter(db, village, id);
  if (!letter) throw notFound('letters.not_found');
  if (letter.status !== 'requested' && letter.status !== 'checked') return null;
  const [type, names, subject, settings, mine, head] = await Promise.all([
    findType(db, village, letter.type_code), villageNames(db, village), residentForLetter(db, village, letter.resident_id),
    settingsOf(db, village), signerOfUser(db, village, userIdOf(ctx.actor)), activeHead(db, village),
  ]);
  if (!subject) return null;
  const fields = letter.fields as Record<string, string>;
  let followers: ReturnType<typeof followersOf> = [];
  try {
    followers = followersOf(type, subject, fields);
  } catch {
    // A follower who left since the request: signing will say so; the preview shows the rest.
  }
  const date = todayInWib();
  const signer: Signer = 'refused' in mine
    ? { mode: 'self', name: head?.name ?? names.headName ?? '', title: head?.position_title ?? headTitleOf(names), staffNumber: null }
    : mine;
  return buildIssuedLetter({
    subject, names, type, fields, number: PREVIEW_NUMBER, date, validUntil: validUntilOf(type, fields, date), signer, followers,
    paper: settings.paper, staffNumberLabel: settings.staff_number_label,
  });
}
/** Where the number will stand: it is given only when the letter is signed. */
export const PREVIEW_NUMBER = '(nomor diberikan saat ditandatangani)';

/** Printed and waiting at the counter (or ready to download): the citizen is told. */
export async function markReady(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'letters.check');
  await step(ctx, village, id, ['signed'], 'ready', async (trx, letter) => {
    const now = new Date();
    await repo.updateLetter(trx, village, id, { status: 'ready', ready_at: now, ready_by: userIdOf(ctx.actor) });
    await countReady(trx, village, letter, now);
    await announce(trx, village, letter, 'ready');
  });
}

export async function markCollected(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'letters.check');
  await step(ctx, village, id, ['ready'], 'collect', (trx) =>
    repo.updateLetter(trx, village, id, { status: 'collected', collected_at: new Date(), collected_by: userIdOf(ctx.actor) }),
  );
  return { status: 'collected' as const };
}

/** Revoked letters keep their number; the verification page says revoked, with the reason. */
export async function revokeLetter(ctx: UseCaseContext, villageInput: string, id: number, reason: string) {
  const village = await villageScope(ctx, villageInput, 'letters.revoke');
  const why = reasonOrFail(reason);
  return writeWithAudit(ctx, async (trx, audit) => {
    const letter = await repo.lockLetter(trx, village, id);
    if (!letter) throw notFound('letters.not_found');
    if (!letter.number) throw new AppError(409, 'wrong_state', 'letters.not_revocable');
    if (letter.revoked_at) throw new AppError(409, 'wrong_state', 'letters.already_revoked');
    await repo.updateLetter(trx, village, id, { revoked_at: new Date(), revoked_by: userIdOf(ctx.actor), revoke_reason: why });
    // The reason is free text kept with the letter; the audit log records the act only.
    await audit({ action: 'letter.revoke', villageCode: village, subject: `letter:${id}` });
  });
}

/**
 * Which letters the actor may open: an officer of the village all, a citizen their family's.
 * `desk` says which door was used: the office pages open only for officers, the citizen's
 * pages only for citizens, the API for either.
 */
export type Desk = 'office' | 'citizen' | 'any';
async function readableLetter(ctx: UseCaseContext, villageInput: string, id: number, desk: Desk = 'any') {
  const citizen = desk === 'citizen' || (desk === 'any' && ctx.actor?.kind === 'citizen');
  if (citizen && ctx.actor && ctx.actor.kind !== 'citizen') throw forbidden('citizen.only_citizen');
  const village = await villageScope(ctx, villageInput, citizen ? 'self.letters' : 'letters.read');
  const letter = await repo.findLetter(ctx.db.kysely, village, id);
  if (!letter) throw notFound('letters.not_found');
  if (citizen) {
    const family = await familyIdsOf(ctx.db.kysely, village, ctx.actor!.residentId!);
    // Not found rather than forbidden: a citizen must not learn which letter ids exist.
    if (!family.includes(letter.resident_id)) throw notFound('letters.not_found');
  }
  return { village, letter, citizen };
}

/** One letter with its steps (who, when) and its fields; the subject's NIK shown per role. */
export async function getLetter(ctx: UseCaseContext, villageInput: string, id: number, desk: Desk = 'any') {
  const { village, letter, citizen } = await readableLetter(ctx, villageInput, id, desk);
  const db = ctx.db.kysely;
  const [subject, type, staff, signature] = await Promise.all([
    residentForLetter(db, village, letter.resident_id),
    findType(db, village, letter.type_code).catch(() => null),
    repo.villageSigners(db, village),
    repo.signatureFacts(db, village, id),
  ]);
  const who = (uid: number | null) => (uid === null ? null : staff.find((u) => u.id === uid)?.full_name ?? `#${uid}`);
  const show = citizen ? (nik: string) => nik : nikPresenterFor(ctx, village);
  if (!citizen) await recordAudit(db, ctx, { action: 'letter.read', villageCode: village, subject: `letter:${id}` });
  // A citizen gets the letter's text and verification code only when the village lets them
  // download it, and only once it is theirs to take: the code proves a letter to a bank.
  const shown = citizen && !(await citizenMayTake(db, village, letter)) ? { ...letter, issued: null, verify_code: null } : letter;
  return {
    village,
    letter: shown,
    issued: shown.issued as IssuedLetter | null,
    type,
    subject: subject ? { id: subject.resident.id, name: subject.resident.name, nik: show(subject.resident.nik), life_status: subject.resident.life_status } : null,
    signature: signature ?? null,
    steps: [
      { step: 'requested', at: letter.requested_at, by: who(letter.requested_by_user) ?? (letter.requested_by_resident ? 'warga (layanan mandiri)' : null) },
      { step: 'checked', at: letter.checked_at, by: who(letter.checked_by) },
      { step: 'signed', at: letter.signed_at, by: who(letter.signed_by) },
      { step: 'ready', at: letter.ready_at, by: who(letter.ready_by) },
      { step: 'collected', at: letter.collected_at, by: who(letter.collected_by) },
      { step: 'rejected', at: letter.rejected_at, by: who(letter.rejected_by) },
      { step: 'revoked', at: letter.revoked_at, by: who(letter.revoked_by) },
    ].filter((s) => s.at),
  };
}

export { readableLetter };

/** May the citizen take this letter away (download, see its text and code)? Ready or collected, downloads on, not revoked. */
export async function citizenMayTake(db: Trx | UseCaseContext['db']['kysely'], village: string, letter: { status: LetterStatus; revoked_at: Date | null }) {
  if ((letter.status !== 'ready' && letter.status !== 'collected') || letter.revoked_at) return false;
  return (await settingsOf(db, village)).citizen_download;
}

export const ListInput = z.object({
  status: z.enum(['requested', 'checked', 'signed', 'ready', 'collected', 'rejected', 'open', 'issued', 'all']).optional(),
  type: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
});
export const PAGE_SIZE = 50;

/** The requests to work on and the archive of issued letters (buku agenda surat keluar). */
export async function listLetters(ctx: UseCaseContext, villageInput: string, input: unknown, limit = PAGE_SIZE) {
  const village = await villageScope(ctx, villageInput, 'letters.read');
  const parsed = ListInput.safeParse(input);
  if (!parsed.success) throw zodIssueToError(parsed.error, ctx.lang);
  const f = parsed.data;
  const rows = await repo.listLetters(ctx.db.kysely, village, { ...f, status: f.status === 'all' ? undefined : f.status, limit, offset: (f.page - 1) * limit });
  const show = nikPresenterFor(ctx, village);
  return { village, filter: f, total: rows[0]?.total ?? 0, rows: rows.map((r) => ({ ...r, resident_nik: show(r.resident_nik) })) };
}

/** A citizen's letters and their family's, newest first. */
export async function myLetters(ctx: UseCaseContext) {
  if (!ctx.actor) throw unauthenticated();
  if (ctx.actor.kind !== 'citizen') throw forbidden();
  const village = await villageScope(ctx, ctx.actor.regionCode, 'self.letters');
  const family = await familyIdsOf(ctx.db.kysely, village, ctx.actor.residentId!);
  const rows = await repo.listLetters(ctx.db.kysely, village, { residentIds: family, limit: 100, offset: 0 });
  return { village, rows };
}
