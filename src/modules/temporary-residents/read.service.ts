import { sql } from 'kysely';
import { can } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { periodRange } from '../../platform/format/period.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, yearOf } from '../../platform/http/text-input.js';
import { findAreas, maskNik, villageScope } from '../population/index.js';
import { maskPassport } from './input.js';
import { countStays, stayRows, type StayFilter } from './rows.js';

/**
 * Reading the register: the list (those staying, those who left, by dusun and year) and one
 * record with its versions. Both name people: every read is written in the audit log, and NIKs
 * and passport numbers are masked for a reader who may not see NIKs whole.
 */
const PAGE = 50;
const STATUSES = ['tinggal', 'pergi', 'semua'] as const;
export type StayStatus = (typeof STATUSES)[number];

export interface ListInput { status?: string; dusun?: string; tahun?: string; page?: string }

export async function listStays(ctx: UseCaseContext, villageInput: string, input: ListInput) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const status: StayStatus = STATUSES.find((s) => s === clean(input.status)) ?? 'tinggal';
  if (clean(input.status) !== '' && !STATUSES.some((s) => s === clean(input.status))) throw badRequest('validation.choice', 'status');
  const year = clean(input.tahun) === '' ? null : yearOf(clean(input.tahun), 'tahun');
  const areas = await findAreas(ctx.db.kysely, village);
  const dusun = clean(input.dusun) === '' ? null : parseId(clean(input.dusun));
  if (clean(input.dusun) !== '' && !areas.some((a) => a.level === 'dusun' && a.id === dusun)) throw badRequest('validation.choice', 'dusun');
  const page = pageOf(input.page);
  const filter: StayFilter = { status, area: dusun, ...(year ? periodRange({ year, month: null }) : {}) };
  const db = ctx.db.kysely;
  const [rows, total] = await Promise.all([stayRows(db, village, filter, { limit: PAGE, offset: (page - 1) * PAGE, newestFirst: true }), countStays(db, village, filter)]);
  await recordAudit(db, ctx, { action: 'temporary_resident.list', villageCode: village, subject: `village:${village}`, detail: { status, year, dusun, page, shown: rows.map((r) => r.id) } });
  const fullNik = can(ctx.actor, 'population.full_nik', village);
  return {
    village, status, year, dusun, page, total, pages: Math.max(1, Math.ceil(total / PAGE)), areas, fullNik,
    rows: rows.map((r) => ({ ...r, nik: r.nik && !fullNik ? maskNik(r.nik) : r.nik, passport_number: r.passport_number && !fullNik ? maskPassport(r.passport_number) : r.passport_number })),
  };
}

/** One version of a stay, every version of it (oldest first), who read it (for those who may see the access log); the read is logged. */
export async function getStay(ctx: UseCaseContext, villageInput: string, idInput: string) {
  const village = await villageScope(ctx, villageInput, 'population.read');
  const id = parseId(idInput);
  const db = ctx.db.kysely;
  const row = id === null ? undefined : await db.selectFrom('temporary_residents as t')
    .innerJoin('users as u', 'u.id', 't.recorded_by')
    .leftJoin('users as d', 'd.id', 't.departure_recorded_by')
    .selectAll('t').select(['u.full_name as recorded_by_name', 'd.full_name as departure_by_name'])
    .where('t.village_code', '=', village).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('temporary.not_found');
  const stay = Number(row.stay_id ?? row.id);
  const [versions, host, areas] = await Promise.all([
    db.selectFrom('temporary_residents as t').innerJoin('users as u', 'u.id', 't.recorded_by').leftJoin('users as c', 'c.id', 't.corrected_by')
      .select(['t.id', 't.recorded_at', 't.corrected_at', 't.correction_reason', 'u.full_name as recorded_by_name', 'c.full_name as corrected_by_name'])
      .where('t.village_code', '=', village).where((e) => e.or([e('t.id', '=', stay), e('t.stay_id', '=', stay)])).orderBy('t.id').execute(),
    row.host_resident_id === null ? Promise.resolve(undefined) : sql<{ id: number; name: string; nik: string; address: string | null }>`
      select r.id, r.name, r.nik, coalesce(r.address, f.address) as address from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${village} and r.id = ${row.host_resident_id}`.execute(db).then((r) => r.rows[0]),
    findAreas(db, village),
  ]);
  const subjects = versions.map((v) => `temporary_resident:${v.id}`);
  const accessLog = can(ctx.actor, 'population.access_log', village)
    ? await db.selectFrom('audit_log').select(['at', 'actor_label', 'action']).where('village_code', '=', village).where('subject', 'in', subjects).orderBy('at', 'desc').limit(100).execute()
    : null;
  await recordAudit(db, ctx, { action: 'temporary_resident.read', villageCode: village, subject: `temporary_resident:${row.id}` });
  const fullNik = can(ctx.actor, 'population.full_nik', village);
  const show = (nik: string | null) => (nik && !fullNik ? maskNik(nik) : nik);
  const current = versions.find((v) => v.corrected_at === null);
  return {
    village, areas, fullNik,
    stay: { ...row, id: Number(row.id), nik: show(row.nik), passport_number: row.passport_number && !fullNik ? maskPassport(row.passport_number) : row.passport_number },
    host: host ? { id: Number(host.id), name: host.name, nik: show(host.nik)!, address: host.address } : null,
    versions: versions.map((v) => ({ ...v, id: Number(v.id) })),
    currentId: current ? Number(current.id) : null,
    accessLog,
  };
}
