import { can, userIdOf } from '../../platform/access/access.js';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { AssistancePeriodKind, AssistanceTarget } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { formatRupiah } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { clean, dateOf, paragraphs, text, yearOf } from '../../platform/http/text-input.js';
import { bltSetAside, parseRupiah } from '../budget/index.js';
import { musdesus } from '../planning/index.js';
import { maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './assistance.repository.js';
import { claimKeyOf, FUNDS, KINDS, kindOf, PERIOD_KINDS, TARGETS } from './catalog.js';
import { evaluate, MANUAL_REASONS, priorityOf, rulesFromForm, storedRules, type ManualReason, type Reason } from './rules.js';

/**
 * Aid programmes of a village: the programme and its rules, the candidate list generated from
 * the register with the reasons each qualifies, names added or dropped by hand with why, the
 * musdesus that adopts the list (claiming each benefit once across villages), and what is
 * paid per period. The lists are for the village's officers and the deliberation only.
 */

const villageLabel = (c: { village_name: string; village_kind: string }) => `${c.village_kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${c.village_name}`;

export async function programmeList(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'assistance.read');
  const rows = await repo.listProgrammes(ctx.db.kysely, village.village_code);
  return { village, rows, canWrite: can(ctx.actor, 'assistance.write', village.village_code) };
}

export type ProgrammeInput = Record<string, string | undefined>;

export async function createProgramme(ctx: UseCaseContext, villageInput: string, input: ProgrammeInput) {
  const village = (await villageInScope(ctx, villageInput, 'assistance.write')).village_code;
  const kind = kindOf(clean(input.kind));
  if (!kind) throw badRequest('validation.choice', 'kind');
  const name = text(input.name, 'name', 3, 120);
  const year = yearOf(input.year, 'year');
  const target = clean(input.target) as AssistanceTarget;
  if (!(target in TARGETS)) throw badRequest('validation.choice', 'target');
  const periodKind = clean(input.period_kind) as AssistancePeriodKind;
  if (!(periodKind in PERIOD_KINDS)) throw badRequest('validation.choice', 'period_kind');
  const periodsRaw = clean(input.periods);
  const max = PERIOD_KINDS[periodKind].max;
  if (!/^\d{1,2}$/.test(periodsRaw) || Number(periodsRaw) < 1 || Number(periodsRaw) > max) throw badRequest('assistance.periods', 'periods', { max });
  const amount = clean(input.amount) === '' ? 0n : parseRupiah(input.amount, 'amount');
  const fund = clean(input.fund);
  if (!FUNDS.some(([f]) => f === fund)) throw badRequest('validation.choice', 'fund');
  const rules = rulesFromForm(input, KINDS.map((k) => k.kind));
  const claimKey = claimKeyOf(kind, name, village);
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const { id } = await repo.insertProgramme(trx, {
        village_code: village, kind: kind.kind, name, year, target, period_kind: periodKind, periods: Number(periodsRaw), amount: amount.toString(), fund,
        rules: JSON.stringify(rules), claim_key: claimKey, created_by: userIdOf(ctx.actor)!,
      });
      await audit({ action: 'assistance.programme', villageCode: village, subject: `programme:${id}`, detail: { kind: kind.kind, year, target, rules } });
      return { id };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'assistance_programmes_key') throw conflict('assistance.programme_exists', 'name', { year });
    throw err;
  }
}

async function programmeIn(ctx: UseCaseContext, villageInput: string, id: number, permission: 'assistance.read' | 'assistance.write') {
  const village = await villageInScope(ctx, villageInput, permission);
  const programme = await repo.findProgramme(ctx.db.kysely, village.village_code, id);
  if (!programme) throw notFound('assistance.not_found');
  return { village, programme };
}

/** Names on one page of a programme's list: a phone shows them, a printer prints them. */
export const LIST_PAGE = 100;

/** The programme with a page of its list (NIK masked), payouts and musdesus; the read of the names is logged. */
export async function programmeDetail(ctx: UseCaseContext, villageInput: string, id: number, pageInput?: string) {
  const { village, programme } = await programmeIn(ctx, villageInput, id, 'assistance.read');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const page = /^\d{1,4}$/.test(pageInput ?? '') && Number(pageInput) > 0 ? Number(pageInput) : 1;
  const [rows, listed, offRows, payouts, meeting, blt] = await Promise.all([
    repo.recipientRows(db, code, id, ['proposed', 'adopted'], { limit: LIST_PAGE, offset: (page - 1) * LIST_PAGE }),
    repo.countRecipients(db, code, id, ['proposed', 'adopted']),
    repo.recipientRows(db, code, id, ['dropped', 'ended']),
    repo.payoutsOf(db, code, id),
    programme.meeting_id ? musdesus.find(db, code, programme.meeting_id) : Promise.resolve(undefined),
    programme.kind === 'BLT-DD' ? bltSetAside(db, code, programme.year) : Promise.resolve(null),
  ]);
  const [active, off] = await Promise.all([repo.withHeads(db, code, programme.target, rows), repo.withHeads(db, code, programme.target, offRows)]);
  // Names beside welfare ranks, illness and disability: special-category data, its read logged.
  await recordAudit(db, ctx, { action: 'assistance.read', villageCode: code, subject: `programme:${id}`, detail: { page, recipients: [...active, ...off].map((r) => r.id) } });
  const shown = (r: (typeof active)[number]) => {
    const { nik, claim_subjects: _s, ...rest } = r;
    return { ...rest, nik: nik ? maskNik(nik) : null, reasons: r.reasons as Reason[] };
  };
  return {
    village, programme, rules: storedRules(programme.rules), meeting: meeting ?? null, payouts, blt,
    total: BigInt(programme.amount) * BigInt(programme.periods) * BigInt(listed),
    listed, page, pageSize: LIST_PAGE, firstNumber: (page - 1) * LIST_PAGE + 1,
    recipients: active.map(shown), off: off.map(shown),
    canWrite: can(ctx.actor, 'assistance.write', code),
  };
}

/**
 * The candidate list from the register: every household, family or person the rules find,
 * with the reasons, not already on the list (a name dropped with a reason stays dropped) and
 * not already receiving this programme this year in another village.
 */
export async function generateCandidates(ctx: UseCaseContext, villageInput: string, id: number, today: string) {
  const { village } = await programmeIn(ctx, villageInput, id, 'assistance.write');
  const code = village.village_code;
  return writeWithAudit(ctx, async (trx, audit) => {
    const programme = await lockDraft(trx, code, id);
    const rules = storedRules(programme.rules);
    const units = await repo.unitsOf(trx, code, programme.target, today);
    const subjects = units.flatMap((u) => u.subjects);
    const excludeKinds = rules.exclusions.flatMap((x) => (x.key === 'receives' ? [x.kind] : []));
    const claims = await repo.claimsOf(trx, [programme.claim_key, ...excludeKinds], programme.year, subjects);
    const receiving = new Set(claims.filter((c) => c.claim_key !== programme.claim_key).map((c) => `${c.claim_key}|${c.subject}`));
    const elsewhere = new Set(claims.filter((c) => c.claim_key === programme.claim_key).map((c) => c.subject));
    const onList = new Set((await repo.recipientRows(trx, code, id, ['proposed', 'adopted', 'dropped', 'ended'])).map((r) => (r.household_id ?? r.family_id ?? r.resident_id)!));
    const me = userIdOf(ctx.actor)!;
    let skippedElsewhere = 0;
    const rows = [];
    for (const unit of units) {
      if (onList.has(unit.id)) continue;
      const verdict = evaluate(rules, unit, receiving);
      if (!verdict.eligible) continue;
      if (unit.subjects.some((s) => elsewhere.has(s))) {
        skippedElsewhere++;
        continue;
      }
      rows.push({ ...unitColumn(programme.target, unit.id), village_code: code, programme_id: id, claim_subjects: unit.subjects, reasons: JSON.stringify(verdict.reasons), priority: verdict.priority, source: 'generated' as const, added_by: me });
    }
    await repo.insertRecipients(trx, rows);
    await audit({ action: 'assistance.generate', villageCode: code, subject: `programme:${id}`, detail: { added: rows.length, units: units.length, skipped_elsewhere: skippedElsewhere } });
    return { added: rows.length, skippedElsewhere };
  });
}

const unitColumn = (target: AssistanceTarget, id: number) =>
  target === 'household' ? { household_id: id } : target === 'family' ? { family_id: id } : { resident_id: id };

async function lockDraft(trx: Parameters<Parameters<typeof writeWithAudit>[1]>[0], village: string, id: number) {
  const programme = await repo.lockProgramme(trx, village, id);
  if (!programme) throw notFound('assistance.not_found');
  if (programme.status !== 'draft') throw conflict('assistance.adopted_already');
  return programme;
}

/** The refusal that names the one village where the benefit is already held. */
function refuseClaimed(claim: { village_name: string; village_kind: string }, programme: { kind: string; name: string; year: number }, field?: string) {
  // National aid is named by its kind (the other village may call its programme otherwise).
  const name = kindOf(programme.kind)?.across === 'kind' ? kindOf(programme.kind)!.label.id : programme.name;
  return conflict(field ? 'assistance.claimed_elsewhere' : 'assistance.claimed_elsewhere_list', field, { village: villageLabel(claim), programme: name, year: programme.year });
}

/**
 * A name the rules did not find (or found and the officer adds again): a household by its
 * number, a family by its KK, a person by NIK, with the reason and a note saying why.
 */
export async function addRecipient(ctx: UseCaseContext, villageInput: string, id: number, input: { recipient?: string; reason?: string; note?: string }, today: string) {
  const { village } = await programmeIn(ctx, villageInput, id, 'assistance.write');
  const code = village.village_code;
  const why = clean(input.reason) as ManualReason;
  if (!MANUAL_REASONS.includes(why)) throw badRequest('validation.choice', 'reason');
  const note = text(input.note, 'note', 5, 300);
  const key = clean(input.recipient).replace(/\s/g, '');
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const programme = await lockDraft(trx, code, id);
      const unitId = await repo.unitIdByKey(trx, code, programme.target, key);
      if (unitId === null) throw badRequest(`assistance.unit_unknown_${programme.target}`, 'recipient');
      const unit = await repo.unitOf(trx, code, programme.target, unitId, today);
      if (!unit || unit.members === 0) throw badRequest('assistance.unit_empty', 'recipient');
      const rules = storedRules(programme.rules);
      const excludeKinds = rules.exclusions.flatMap((x) => (x.key === 'receives' ? [x.kind] : []));
      const claims = await repo.claimsOf(trx, [programme.claim_key, ...excludeKinds], programme.year, unit.subjects);
      const held = claims.find((c) => c.claim_key === programme.claim_key);
      if (held) throw refuseClaimed(held, programme, 'recipient');
      // The programme's exclusions hold for a name added by hand too (BLT is not for a household on PKH).
      const verdict = evaluate(rules, unit, new Set(claims.map((c) => `${c.claim_key}|${c.subject}`)));
      if (verdict.excludedBy?.key === 'official') throw badRequest('assistance.excluded_official', 'recipient');
      if (verdict.excludedBy?.key === 'receives') throw badRequest('assistance.excluded_receives', 'recipient', { kind: verdict.excludedBy.kind });
      const reasons: Reason[] = [...verdict.reasons, { key: 'manual', why }];
      const [row] = await repo.insertRecipients(trx, [{
        ...unitColumn(programme.target, unitId), village_code: code, programme_id: id, claim_subjects: unit.subjects, reasons: JSON.stringify(reasons),
        priority: priorityOf(reasons), source: 'manual', note, added_by: userIdOf(ctx.actor)!,
      }]);
      await audit({ action: 'assistance.recipient_add', villageCode: code, subject: `programme:${id}`, detail: { recipient: row!.id, unit: unitId, reason: why, note } });
      return { id: row!.id };
    });
  } catch (err) {
    if (String(violatedUniqueIndex(err)).startsWith('assistance_recipients_')) throw conflict('assistance.on_list', 'recipient');
    throw err;
  }
}

/**
 * A name comes off the list, with why: a candidate is dropped before adoption; an adopted
 * recipient is ended (died, moved, no longer eligible). A benefit already paid this year
 * stays claimed — it was received here — otherwise the claim is released for another village.
 */
export async function removeRecipient(ctx: UseCaseContext, villageInput: string, id: number, recipientId: number, reasonInput: string | undefined) {
  const { village } = await programmeIn(ctx, villageInput, id, 'assistance.write');
  const code = village.village_code;
  const reason = text(reasonInput, 'reason', 5, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const programme = await repo.lockProgramme(trx, code, id);
    if (!programme) throw notFound('assistance.not_found');
    const row = await repo.lockRecipient(trx, code, id, recipientId);
    if (!row || (row.status !== 'proposed' && row.status !== 'adopted')) throw notFound('assistance.recipient_not_found');
    const status = row.status === 'proposed' ? 'dropped' : 'ended';
    await repo.changeRecipient(trx, code, recipientId, { status, changed_by: userIdOf(ctx.actor)!, changed_at: new Date(), change_reason: reason });
    let released = false;
    if (status === 'ended' && !(await repo.paidTo(trx, code, recipientId))) {
      await repo.releaseClaims(trx, code, recipientId);
      released = true;
    }
    if (status === 'ended') await repo.refreshRollup(trx, code, programme.year, programme.kind);
    await audit({ action: status === 'dropped' ? 'assistance.recipient_drop' : 'assistance.recipient_end', villageCode: code, subject: `programme:${id}`, detail: { recipient: recipientId, reason, released } });
    return { status, released };
  });
}

/** Opens the musdesus that will adopt the list: attendance and minutes are taken on its meeting page. */
export async function openMusdesus(ctx: UseCaseContext, villageInput: string, id: number, input: { held_on?: string; place?: string; agenda?: string }) {
  const { village } = await programmeIn(ctx, villageInput, id, 'assistance.write');
  const code = village.village_code;
  const heldOn = dateOf(input.held_on, 'held_on');
  const place = text(input.place, 'place', 2, 120);
  const agenda = paragraphs(input.agenda, 'agenda', 2000);
  return writeWithAudit(ctx, async (trx, audit) => {
    const programme = await lockDraft(trx, code, id);
    if (programme.meeting_id) throw conflict('assistance.musdesus_open');
    const { id: meetingId } = await musdesus.open(trx, {
      village_code: code, year: programme.year, title: `Musdesus penetapan penerima ${programme.name} ${programme.year}`.slice(0, 160), held_on: heldOn, place, agenda, created_by: userIdOf(ctx.actor)!,
    });
    await repo.setMeeting(trx, code, id, meetingId);
    await audit({ action: 'assistance.musdesus_open', villageCode: code, subject: `programme:${id}`, detail: { meeting: meetingId } });
    return { meetingId };
  });
}

/**
 * The musdesus adopts the list: the meeting closes (it needs attendance and minutes), every
 * candidate becomes a recipient, and each one's NIK and KK numbers are claimed for the
 * programme and year across the installation. A claim already held — by another village, or
 * taken at this same moment — refuses the whole adoption and names the village holding it.
 * BLT Dana Desa may not promise more than the budget in force sets aside for it.
 */
export async function adoptList(ctx: UseCaseContext, villageInput: string, id: number) {
  const { village } = await programmeIn(ctx, villageInput, id, 'assistance.write');
  const code = village.village_code;
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const programme = await lockDraft(trx, code, id);
    if (!programme.meeting_id) throw badRequest('assistance.no_musdesus');
    const list = await repo.recipientRows(trx, code, id, ['proposed']);
    if (list.length === 0) throw badRequest('assistance.empty_list');
    if (programme.kind === 'BLT-DD') {
      const blt = await bltSetAside(trx, code, programme.year);
      const total = BigInt(programme.amount) * BigInt(programme.periods) * BigInt(list.length);
      if (blt && total > blt.budgeted) throw badRequest('assistance.blt_over_budget', undefined, { total: formatRupiah(total), budgeted: formatRupiah(blt.budgeted), year: programme.year });
    }
    const { attendance } = await musdesus.close(trx, code, programme.meeting_id, me);
    const rows = list.flatMap((r) => r.claim_subjects.map((subject) => ({ subject, claim_key: programme.claim_key, year: programme.year, village_code: code, programme_id: id, recipient_id: r.id })));
    const written = await repo.insertClaims(trx, rows, new Date());
    const missing = rows.find((r) => !written.has(r.subject));
    if (missing) {
      const held = (await repo.claimsOf(trx, [programme.claim_key], programme.year, [missing.subject]))[0];
      // Two names of this list sharing a KK or NIK: the list says so, not another village.
      if (!held || held.village_code === code) throw conflict('assistance.claimed_twice_here');
      throw refuseClaimed(held, programme);
    }
    await repo.adoptRecipients(trx, code, id);
    await repo.markAdopted(trx, code, id, me);
    await repo.refreshRollup(trx, code, programme.year, programme.kind);
    await audit({ action: 'assistance.adopt', villageCode: code, subject: `programme:${id}`, detail: { recipients: list.length, meeting: programme.meeting_id, attendance } });
    return { recipients: list.length };
  });
}
