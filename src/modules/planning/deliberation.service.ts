import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { MeetingKind, ProposalSource } from '../../platform/db/schema.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { budgetReference, parseRupiah } from '../budget/index.js';
import { citizenOf } from '../citizen/index.js';
import { maskNik } from '../population/index.js';
import { regionTrail } from '../regions/index.js';
import { activeOfficial, villageInScope, villageScope } from '../villages/index.js';
import * as repo from './deliberation.repository.js';
import { clean, dateOf, paragraphs, text, yearOf } from '../../platform/http/text-input.js';

/**
 * Proposals and deliberation (Permendagri 114/2014): hamlets, community groups and citizens
 * propose activities for a year's RKPDes; the hamlet meeting (musyawarah dusun) and the
 * village meeting (Musdes / Musrenbangdes) take attendance from the population register,
 * score the proposals and, when the meeting closes, adopt the ranked priority list the RKPDes
 * is built from. A closed meeting is a record: it is not changed. A proposal is withdrawn,
 * never deleted.
 */

export const SOURCE_LABEL: Record<ProposalSource, { id: string; en: string }> = {
  dusun: { id: 'Dusun', en: 'Hamlet' },
  kelompok: { id: 'Kelompok masyarakat', en: 'Community group' },
  warga: { id: 'Warga', en: 'Citizen' },
};
export const MEETING_LABEL: Record<MeetingKind, { id: string; en: string }> = {
  musdus: { id: 'Musyawarah dusun', en: 'Hamlet meeting' },
  musdes: { id: 'Musyawarah desa (Musdes/Musrenbangdes)', en: 'Village meeting (Musdes)' },
  musdesus: { id: 'Musyawarah desa khusus (Musdesus)', en: 'Special village meeting (Musdesus)' },
};
/** How many proposals a citizen may send a day: enough for real use, not for flooding the list. */
export const CITIZEN_PROPOSALS_PER_DAY = 5;
/** Attendees added in one go: a sign-in sheet, not the whole register. */
const MAX_BATCH = 300;

export interface ProposalInput {
  year?: string | number;
  origin?: string;
  proposer?: string;
  field_code?: string;
  description?: string;
  location?: string;
  beneficiaries?: string;
  cost?: string;
}

async function checkedProposal(ctx: UseCaseContext, input: ProposalInput) {
  const { activities } = await budgetReference(ctx.db.kysely);
  const field = activities.find((a) => a.code === clean(input.field_code));
  if (!field) throw badRequest('planning.field', 'field_code');
  const cost = clean(input.cost) === '' ? null : parseRupiah(input.cost, 'cost');
  return {
    year: yearOf(input.year, 'year'),
    field_code: field.code,
    description: text(input.description, 'description', 2, 300),
    location: text(input.location, 'location', 2, 120),
    beneficiaries: text(input.beneficiaries, 'beneficiaries', 2, 200),
    cost: cost === null ? null : cost.toString(),
  };
}

/** An officer records a proposal brought by a hamlet, a group or a citizen. */
export async function recordProposal(ctx: UseCaseContext, villageInput: string, input: ProposalInput) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const source = clean(input.origin);
  if (source !== 'dusun' && source !== 'kelompok' && source !== 'warga') throw badRequest('validation.choice', 'origin');
  const proposer = text(input.proposer, 'proposer', 2, 120);
  const checked = await checkedProposal(ctx, input);
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await repo.insertProposal(trx, { village_code: village, ...checked, source, proposer, resident_id: null, created_by: userIdOf(ctx.actor) });
    await audit({ action: 'planning.proposal', villageCode: village, subject: `proposal:${id}`, detail: { year: checked.year, source } });
    return { id };
  });
}

/** A citizen proposes from self-service, in their own name, for their own village. */
export async function proposeAsCitizen(ctx: UseCaseContext, input: ProposalInput, now = new Date()) {
  const { actor, village, residentId } = citizenOf(ctx, 'self.proposals');
  const checked = await checkedProposal(ctx, input);
  return writeWithAudit(ctx, async (trx, audit) => {
    // Counted in the transaction that writes: two quick sends cannot both pass the limit.
    await trx.selectFrom('citizen_pins').select('resident_id').where('village_code', '=', village).where('resident_id', '=', residentId).forUpdate().execute();
    const since = new Date(now.getTime() - 24 * 3600_000);
    if ((await repo.residentProposalsSince(trx, village, residentId, since)) >= CITIZEN_PROPOSALS_PER_DAY)
      throw conflict('planning.proposal_limit', undefined, { max: CITIZEN_PROPOSALS_PER_DAY });
    const { id } = await repo.insertProposal(trx, { village_code: village, ...checked, source: 'warga', proposer: actor.fullName, resident_id: residentId, created_by: null });
    await audit({ action: 'planning.proposal', villageCode: village, subject: `proposal:${id}`, detail: { year: checked.year, source: 'warga' } });
    return { id };
  });
}

export async function myProposals(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx, 'self.proposals');
  const [rows, reference] = await Promise.all([repo.proposalsOfResident(ctx.db.kysely, village, residentId), budgetReference(ctx.db.kysely)]);
  return { rows, fields: reference.activities.filter((a) => a.level === 1) };
}

/** A proposal taken back (by the proposer's request, or a duplicate), with the reason; never deleted. */
export async function withdrawProposal(ctx: UseCaseContext, villageInput: string, id: number, reasonInput: string | undefined) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const reason = text(reasonInput, 'reason', 5, 300);
  return writeWithAudit(ctx, async (trx, audit) => {
    const done = await repo.withdrawProposal(trx, village, id, userIdOf(ctx.actor)!, reason);
    if (!done || Number(done.numUpdatedRows) === 0) {
      if (!(await repo.findProposal(trx, village, id))) throw notFound('planning.proposal_not_found');
      throw conflict('planning.proposal_withdrawn');
    }
    await audit({ action: 'planning.proposal_withdraw', villageCode: village, subject: `proposal:${id}`, detail: { reason } });
  });
}

/** The proposals of a year with their Musdes rank, and the village's meetings. */
export async function deliberationOverview(ctx: UseCaseContext, villageInput: string, yearInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const year = yearInput === undefined || yearInput === '' ? Number(today.slice(0, 4)) + 1 : yearOf(yearInput, 'tahun');
  const [proposals, meetings, reference] = await Promise.all([repo.proposalsOfYear(ctx.db.kysely, code, year), repo.listMeetings(ctx.db.kysely, code), budgetReference(ctx.db.kysely)]);
  return { village, year, proposals, meetings, reference, canWrite: can(ctx.actor, 'planning.write', code) };
}

export interface MeetingInput { kind?: string; year?: string | number; meeting_title?: string; held_on?: string; place?: string; agenda?: string }

export async function startMeeting(ctx: UseCaseContext, villageInput: string, input: MeetingInput) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const kind = clean(input.kind);
  // A musdesus is opened from the aid programme whose list it adopts.
  if (kind !== 'musdus' && kind !== 'musdes') throw badRequest('validation.choice', 'kind');
  const year = yearOf(input.year, 'year');
  const row = {
    village_code: village, kind, year,
    title: text(input.meeting_title, 'meeting_title', 3, 160),
    held_on: dateOf(input.held_on, 'held_on'),
    place: text(input.place, 'place', 2, 120),
    agenda: paragraphs(input.agenda, 'agenda', 2000),
    created_by: userIdOf(ctx.actor)!,
  } as const;
  return writeWithAudit(ctx, async (trx, audit) => {
    const { id } = await repo.insertMeeting(trx, row);
    await audit({ action: 'planning.meeting_start', villageCode: village, subject: `meeting:${id}`, detail: { kind, year } });
    return { id };
  });
}

/** A meeting with its attendance (NIK masked), the year's proposals with their scores, and its minutes. */
export async function getMeeting(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const meeting = await repo.findMeeting(ctx.db.kysely, code, id);
  if (!meeting) throw notFound('planning.meeting_not_found');
  const [people, proposals, scores, reference] = await Promise.all([
    repo.attendees(ctx.db.kysely, code, id),
    repo.proposalsOfYear(ctx.db.kysely, code, meeting.year),
    repo.scoresOf(ctx.db.kysely, code, id),
    budgetReference(ctx.db.kysely),
  ]);
  const score = new Map(scores.map((s) => [s.proposal_id, s]));
  const open = meeting.status === 'open';
  return {
    village, meeting, reference,
    // A name and a masked NIK: enough to tell two people apart on the list, nothing more.
    attendees: people.map((p) => ({ id: p.id, name: p.name, nik: maskNik(p.nik), role: p.role, sex: p.sex })),
    proposals: proposals.filter((p) => !p.withdrawn_at || score.has(p.id)).map((p) => ({ ...p, score: score.get(p.id)?.score ?? null, meetingRank: score.get(p.id)?.rank ?? null })),
    may: { edit: open && can(ctx.actor, 'planning.write', code) },
  };
}

async function lockOpen(trx: Parameters<Parameters<typeof writeWithAudit>[1]>[0], village: string, id: number) {
  const meeting = await repo.lockMeeting(trx, village, id);
  if (!meeting) throw notFound('planning.meeting_not_found');
  if (meeting.status !== 'open') throw conflict('planning.meeting_closed');
  return meeting;
}

/**
 * Takes attendance from a sign-in sheet: one NIK a line, optionally followed by what the person
 * attends as ("1809…, Ketua RT 001"); otherwise the role typed for the batch. Every NIK must be
 * a living resident of the village; one bad line stores nothing, and the message names the line.
 */
export async function addAttendees(ctx: UseCaseContext, villageInput: string, id: number, input: { niks?: string; attend_as?: string }) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const batchRole = clean(input.attend_as) || 'Warga';
  if (batchRole.length > 60) throw badRequest('validation.too_long', 'attend_as', { max: 60 });
  const lines = (input.niks ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) throw badRequest('validation.required', 'niks');
  if (lines.length > MAX_BATCH) throw badRequest('planning.too_many_lines', 'niks', { max: MAX_BATCH });
  const wanted = lines.map((line, i) => {
    // The NIK is the first 16 characters' worth of the line before a comma, semicolon or tab.
    const cut = [',', ';', '\t'].map((sep) => line.indexOf(sep)).filter((p) => p >= 0);
    const at = cut.length ? Math.min(...cut) : line.length;
    const nik = line.slice(0, at).replace(/\s/g, '');
    const role = clean(line.slice(at + 1)) || batchRole;
    if (!/^\d{16}$/.test(nik)) throw badRequest('planning.attendee_nik', 'niks', { line: i + 1 });
    if (role.length > 60) throw badRequest('validation.too_long', 'niks', { max: 60 });
    return { nik, role, line: i + 1 };
  });
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockOpen(trx, village, id);
    const found = new Map((await repo.residentsByNik(trx, village, [...new Set(wanted.map((w) => w.nik))])).map((r) => [r.nik, r]));
    const missing = wanted.find((w) => !found.has(w.nik));
    if (missing) throw badRequest('planning.attendee_unknown', 'niks', { line: missing.line, nik: maskNik(missing.nik) });
    const seen = new Set<number>();
    const rows = wanted.flatMap((w) => {
      const r = found.get(w.nik)!;
      if (seen.has(r.id)) return [];
      seen.add(r.id);
      return [{ village_code: village, meeting_id: id, resident_id: r.id, role: w.role, added_by: userIdOf(ctx.actor)! }];
    });
    const added = await repo.insertAttendees(trx, rows);
    await audit({ action: 'planning.attendance', villageCode: village, subject: `meeting:${id}`, detail: { added: added.length, already: rows.length - added.length } });
    return { added: added.length, already: rows.length - added.length };
  });
}

export async function removeAttendee(ctx: UseCaseContext, villageInput: string, id: number, attendeeId: number) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockOpen(trx, village, id);
    const removed = await repo.deleteAttendee(trx, village, id, attendeeId);
    if (!removed) throw notFound('planning.attendee_not_found');
    await audit({ action: 'planning.attendance_remove', villageCode: village, subject: `meeting:${id}`, detail: { resident: removed.resident_id } });
  });
}

/** The scores (votes or points) the meeting gave, `skor_<proposal>` fields; empty means not scored. */
export async function saveScores(ctx: UseCaseContext, villageInput: string, id: number, input: Record<string, string>) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    const meeting = await lockOpen(trx, village, id);
    const proposals = new Map((await repo.proposalsOfYear(trx, village, meeting.year)).map((p) => [p.id, p]));
    const scores = new Map<number, number>();
    for (const [key, raw] of Object.entries(input)) {
      if (!key.startsWith('skor_')) continue;
      const proposal = Number(key.slice('skor_'.length));
      const value = raw.trim();
      if (value === '') continue;
      if (!/^\d{1,6}$/.test(value) || Number(value) > 100000) throw badRequest('planning.score', key);
      const p = proposals.get(proposal);
      if (!p) throw badRequest('planning.proposal_not_found', key);
      if (p.withdrawn_at) throw badRequest('planning.proposal_withdrawn', key);
      scores.set(proposal, Number(value));
    }
    await repo.saveScores(trx, village, id, scores);
    await audit({ action: 'planning.scores', villageCode: village, subject: `meeting:${id}`, detail: { scored: scores.size } });
  });
}

export async function saveMinutes(ctx: UseCaseContext, villageInput: string, id: number, input: { minutes?: string; agenda?: string }) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const minutes = paragraphs(input.minutes, 'minutes', 8000);
  const agenda = paragraphs(input.agenda, 'agenda', 2000);
  return writeWithAudit(ctx, async (trx, audit) => {
    await lockOpen(trx, village, id);
    await repo.setMinutes(trx, village, id, minutes, agenda);
    await audit({ action: 'planning.minutes', villageCode: village, subject: `meeting:${id}` });
  });
}

/**
 * Closes the meeting and adopts its priority list: the scored proposals, highest score first
 * (an earlier proposal first on a tie). A meeting without attendance or minutes cannot close.
 */
export async function closeMeeting(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  return writeWithAudit(ctx, async (trx, audit) => {
    const meeting = await lockOpen(trx, village, id);
    if (meeting.kind === 'musdesus') throw conflict('planning.musdesus_closes_with_list');
    if ((await repo.attendees(trx, village, id)).length === 0) throw badRequest('planning.no_attendance');
    if (!meeting.minutes) throw badRequest('validation.required', 'minutes');
    const ranked = (await repo.scoresOf(trx, village, id)).filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.proposal_id - b.proposal_id);
    if (ranked.length === 0) throw badRequest('planning.no_scores');
    for (const [i, s] of ranked.entries()) await repo.setRank(trx, village, id, s.proposal_id, i + 1);
    await repo.closeMeeting(trx, village, id, userIdOf(ctx.actor)!);
    await audit({ action: 'planning.meeting_close', villageCode: village, subject: `meeting:${id}`, detail: { ranked: ranked.length } });
    return { ranked: ranked.length };
  });
}

/**
 * The list a musdesus adopts and why it met, told by the module that keeps the list (the aid
 * programmes): the berita acara prints it where a Musrenbangdes prints its priority list.
 */
export interface MeetingList { purpose: string; heading: string; columns: string[]; rows: string[][]; widths?: number[] }
type MeetingListProvider = (db: UseCaseContext['db']['kysely'], village: string, meetingId: number) => Promise<MeetingList | null>;
let musdesusList: MeetingListProvider | null = null;
export const provideMusdesusList = (provider: MeetingListProvider) => {
  musdesusList = provider;
};
export const meetingList = (db: UseCaseContext['db']['kysely'], village: string, meeting: { id: number; kind: MeetingKind }) =>
  meeting.kind === 'musdesus' && musdesusList ? musdesusList(db, village, meeting.id) : Promise.resolve(null);

/**
 * A musdesus, opened and closed by the aid programme whose list it adopts (in the same
 * transaction as the list): attendance and minutes are taken on the meeting page like any other.
 */
export const musdesus = {
  open: (trx: Parameters<Parameters<typeof writeWithAudit>[1]>[0], row: { village_code: string; year: number; title: string; held_on: string; place: string; agenda: string | null; created_by: number }) =>
    repo.insertMeeting(trx, { ...row, kind: 'musdesus' }),
  async close(trx: Parameters<Parameters<typeof writeWithAudit>[1]>[0], village: string, id: number, by: number) {
    const meeting = await lockOpen(trx, village, id);
    const present = await repo.attendees(trx, village, id);
    if (present.length === 0) throw badRequest('planning.no_attendance');
    if (!meeting.minutes) throw badRequest('assistance.musdesus_minutes');
    await repo.closeMeeting(trx, village, id, by);
    return { meeting, attendance: present.length };
  },
  find: (db: UseCaseContext['db']['kysely'], village: string, id: number) => repo.findMeeting(db, village, id),
};

/** What the berita acara prints besides the meeting: the names of the regions and the officials who sign. */
export async function minutesContext(ctx: UseCaseContext, villageInput: string, id: number) {
  const view = await getMeeting(ctx, villageInput, id);
  if (view.meeting.status !== 'closed') throw conflict('planning.minutes_open');
  const code = view.village.village_code;
  const db = ctx.db.kysely;
  // Province, regency, district, village: the berita acara is written in Bahasa Indonesia.
  const [[, regency = '', district = '', village = view.village.name], head, secretary] = await Promise.all([
    regionTrail(db, code, 'id'),
    activeOfficial(db, code, 'kepala_desa'),
    activeOfficial(db, code, 'sekretaris_desa'),
  ]);
  return {
    view,
    list: await meetingList(db, code, view.meeting),
    regions: { regency, district, village },
    signers: { head: head && { name: head.name, title: head.position_title }, secretary: secretary && { name: secretary.name, title: secretary.position_title } },
  };
}
