import { sql, type Transaction } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, text } from '../../platform/http/text-input.js';
import { COUNTED_IN_POPULATION, HOLDS_NIK, maskNik, villageScope } from '../population/index.js';
import { checkedStay, departureDay, maskPassport, type StayInput, type StayValues } from './input.js';
import { recountTemporaryResidents } from './rollup.js';

/**
 * The register of temporary residents: a stay recorded once; the day they left written on it
 * later; a record typed wrong corrected by a new version naming it (the old one stays, marked with
 * the reason). Every write recounts the village's row for the levels above and is audited; names
 * and NIKs stay out of the audit log (it names the record).
 */
type Trx = Transaction<Database>;

/** A person already in this village's register is not a temporary resident of it. */
async function notResidentHere(trx: Trx, village: string, nik: string | null) {
  if (nik === null) return;
  const r = await trx.selectFrom('residents').select('name').where('village_code', '=', village).where('nik', '=', nik).where('life_status', 'in', HOLDS_NIK).executeTakeFirst();
  if (r) throw conflict('temporary.nik_resident_here', 'nik', { name: r.name });
}

/** One stay at a time: the same NIK or passport staying now is refused (checked first for a clear message; the unique index settles a race). */
async function notStaying(trx: Trx, village: string, v: StayValues, except: number | null) {
  const ids = [v.nik ? sql`nik = ${v.nik}` : null, v.passport_number ? sql`passport_number = ${v.passport_number}` : null].filter((x) => x !== null);
  if (ids.length === 0) return;
  const r = await sql<{ arrived_on: string }>`select arrived_on from temporary_residents
    where village_code = ${village} and corrected_at is null and departed_on is null and (${sql.join(ids, sql` or `)})
      ${except === null ? sql`` : sql`and id <> ${except}`} limit 1`.execute(trx);
  if (r.rows[0]) throw staying(v, r.rows[0].arrived_on);
}
const staying = (v: StayValues, since: string) => conflict('temporary.already_staying', v.nik ? 'nik' : 'passport_number', { day: formatDate(since) });

/**
 * Whom they stay with: a living resident by NIK (their dusun/RT unless one is chosen), or a
 * dusun/RW/RT of the village. A correction keeps the host it had even if they have since died or
 * moved (`kept`): the stay happened with them.
 */
async function resolveHost(trx: Trx, village: string, host: { nik: string | null; area: number | null }, kept?: { nik: string | null; id: number | null }) {
  let hostId: number | null = null;
  let area = host.area;
  if (host.nik) {
    const r = await sql<{ id: number; area_id: number | null }>`
      select r.id, coalesce(r.area_id, f.area_id) as area_id from residents r
        left join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${village} and r.nik = ${host.nik}
        and ${kept?.id && host.nik === kept.nik ? sql`r.id = ${kept.id}` : sql`r.life_status in (${sql.join(COUNTED_IN_POPULATION)})`} limit 1`.execute(trx);
    if (!r.rows[0]) throw badRequest('temporary.host_unknown', 'host_nik');
    hostId = Number(r.rows[0].id);
    area ??= r.rows[0].area_id === null ? null : Number(r.rows[0].area_id);
  }
  if (host.area !== null) {
    const a = await trx.selectFrom('village_areas').select('id').where('village_code', '=', village).where('id', '=', host.area).executeTakeFirst();
    if (!a) throw badRequest('population.area_not_found', 'stay_area');
  }
  return { host_resident_id: hostId, area_id: area };
}

type Version = StayValues & { host_resident_id: number | null; area_id: number | null; departed_on: string | null; departure_note: string | null };

async function insertVersion(trx: Trx, village: string, v: Version, extra: { stay_id: number | null; corrects_id: number | null; recorded_by: number; departure_recorded_by: number | null; departure_recorded_at: Date | null }) {
  try {
    const { id } = await trx.insertInto('temporary_residents').values({ village_code: village, ...v, ...extra }).returning('id').executeTakeFirstOrThrow();
    return Number(id);
  } catch (err) {
    if (['temporary_residents_nik_staying', 'temporary_residents_passport_staying'].includes(violatedUniqueIndex(err) ?? '')) throw staying(v, v.arrived_on);
    throw err;
  }
}

/** Records someone who came to stay. */
export async function recordStay(ctx: UseCaseContext, villageInput: string, input: StayInput, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const { values, host } = checkedStay(input, today);
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    await notResidentHere(trx, village, values.nik);
    await notStaying(trx, village, values, null);
    const where = await resolveHost(trx, village, host);
    const id = await insertVersion(trx, village, { ...values, ...where, departed_on: null, departure_note: null },
      { stay_id: null, corrects_id: null, recorded_by: me, departure_recorded_by: null, departure_recorded_at: null });
    await recountTemporaryResidents(trx, village);
    await audit({ action: 'temporary_resident.record', villageCode: village, subject: `temporary_resident:${id}`, detail: { citizenship: values.citizenship, host_resident: where.host_resident_id, area: where.area_id } });
    return { id };
  });
}

async function lockVersion(trx: Trx, village: string, id: number | null) {
  if (id === null) throw notFound('temporary.not_found');
  const row = await trx.selectFrom('temporary_residents').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('temporary.not_found');
  return { ...row, id: Number(row.id), stay_id: row.stay_id === null ? null : Number(row.stay_id) };
}

const optionalNote = (v: string | undefined) => (clean(v) === '' ? null : text(v, 'departure_note', 2, 200));

/** The day they left (and where to, or why), on the version in force. */
export async function recordDeparture(ctx: UseCaseContext, villageInput: string, idInput: string, input: { departed_on?: string; departure_note?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const id = parseId(idInput);
  const note = optionalNote(input.departure_note);
  await writeWithAudit(ctx, async (trx, audit) => {
    const row = await lockVersion(trx, village, id);
    if (row.corrected_at) throw conflict('temporary.closed', 'departed_on');
    if (row.departed_on) throw conflict('temporary.departed', 'departed_on');
    const day = departureDay(input.departed_on, row.arrived_on, today);
    await trx.updateTable('temporary_residents').set({ departed_on: day, departure_note: note, departure_recorded_by: userIdOf(ctx.actor), departure_recorded_at: new Date() })
      .where('village_code', '=', village).where('id', '=', row.id).execute();
    await recountTemporaryResidents(trx, village);
    await audit({ action: 'temporary_resident.depart', villageCode: village, subject: `temporary_resident:${row.id}`, detail: { day } });
  });
}

const COMPARED = ['name', 'sex', 'citizenship', 'nik', 'passport_number', 'nationality', 'birth_place', 'birth_date', 'occupation', 'origin_address', 'purpose',
  'host_resident_id', 'area_id', 'host_name', 'host_address', 'arrived_on', 'planned_departure_on', 'note', 'departed_on', 'departure_note'] as const;

/**
 * A correction: a new version with the right values, naming the one it replaces, which stays
 * with the reason. A NIK, passport or host NIK sent back as the form showed it masked is kept.
 */
export async function correctStay(ctx: UseCaseContext, villageInput: string, idInput: string, input: StayInput & { departed_on?: string; departure_note?: string; correction_reason?: string }, today = todayInWib()) {
  const village = await villageScope(ctx, villageInput, 'population.write');
  const id = parseId(idInput);
  const reason = text(input.correction_reason, 'correction_reason', 5, 500);
  const me = userIdOf(ctx.actor)!;
  return writeWithAudit(ctx, async (trx, audit) => {
    const old = await lockVersion(trx, village, id);
    if (old.corrected_at) throw conflict('temporary.closed', 'correction_reason');
    const oldHostNik = old.host_resident_id === null ? null
      : (await trx.selectFrom('residents').select('nik').where('village_code', '=', village).where('id', '=', old.host_resident_id).executeTakeFirst())?.nik ?? null;
    const kept = (sent: string | undefined, was: string | null, mask: (s: string) => string) => (was !== null && clean(sent) === mask(was) ? was : sent);
    const { values, host } = checkedStay({
      ...input, nik: kept(input.nik, old.nik, maskNik), passport_number: kept(input.passport_number, old.passport_number, maskPassport), host_nik: kept(input.host_nik, oldHostNik, maskNik),
    }, today);
    const departed = clean(input.departed_on) === '' ? null : departureDay(input.departed_on, values.arrived_on, today);
    const next: Version = { ...values, ...(await resolveHost(trx, village, host, { nik: oldHostNik, id: old.host_resident_id })), departed_on: departed, departure_note: departed ? optionalNote(input.departure_note) : null };
    const changed = COMPARED.filter((k) => String(next[k] ?? '') !== String(old[k] ?? ''));
    if (changed.length === 0) throw badRequest('temporary.no_change', 'correction_reason');
    await notResidentHere(trx, village, values.nik);
    if (!departed) await notStaying(trx, village, values, old.id);
    await trx.updateTable('temporary_residents').set({ corrected_at: new Date(), corrected_by: me, correction_reason: reason }).where('village_code', '=', village).where('id', '=', old.id).execute();
    // A departure already written keeps who wrote it; one given by the correction is the corrector's.
    const departure = departed === null ? { departure_recorded_by: null, departure_recorded_at: null }
      : old.departed_on ? { departure_recorded_by: old.departure_recorded_by, departure_recorded_at: old.departure_recorded_at } : { departure_recorded_by: me, departure_recorded_at: new Date() };
    const newId = await insertVersion(trx, village, next, { stay_id: old.stay_id ?? old.id, corrects_id: old.id, recorded_by: me, ...departure });
    await recountTemporaryResidents(trx, village);
    // The reason is free text (it may name people): it stays on the record, not in the audit log.
    await audit({ action: 'temporary_resident.correct', villageCode: village, subject: `temporary_resident:${newId}`, detail: { corrects: old.id, fields: changed } });
    return { id: newId };
  });
}
