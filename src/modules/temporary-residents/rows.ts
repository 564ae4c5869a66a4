import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { areaChainJoins, areaPath, chainWithin, maskNik } from '../population/index.js';
import { maskPassport } from './input.js';

/**
 * The versions in force of the register, read the same way by the list page and by the Buku
 * Penduduk Sementara, so that the book holds exactly what the register holds for a period: the
 * people who stayed in the village some time in it (came before its end, had not left before its
 * start), oldest arrival first for the book, newest first for the list.
 */
type Db = Kysely<Database> | Transaction<Database>;

export interface StayFilter {
  /** The period: from its first day up to (not including) `to`. */
  from?: string; to?: string;
  status?: 'tinggal' | 'pergi' | 'semua';
  /** A dusun (or any area): stays in it or below it. */
  area?: number | null;
}

export interface StayRow {
  id: number; name: string; sex: number; citizenship: number; nik: string | null; passport_number: string | null; nationality: string | null;
  birth_place: string; birth_date: string; occupation: number; origin_address: string; purpose: string; host_resident_id: number | null; area_id: number | null;
  host_name: string | null; host_address: string | null; arrived_on: string; planned_departure_on: string | null; departed_on: string | null; departure_note: string | null; note: string;
  host_resident_name: string | null; host_resident_address: string | null;
}

function conditions(village: string, f: StayFilter): RawBuilder<unknown>[] {
  const where = [sql`t.village_code = ${village}`, sql`t.corrected_at is null`];
  if (f.to) where.push(sql`t.arrived_on < ${f.to}::date`);
  if (f.from) where.push(sql`(t.departed_on is null or t.departed_on >= ${f.from}::date)`);
  if (f.status === 'tinggal') where.push(sql`t.departed_on is null`);
  if (f.status === 'pergi') where.push(sql`t.departed_on is not null`);
  if (f.area) where.push(chainWithin(f.area));
  return where;
}
const chain = (village: string, f: StayFilter) => (f.area ? areaChainJoins(village, sql`t.area_id`) : sql``);

export async function countStays(db: Db, village: string, f: StayFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from temporary_residents t ${chain(village, f)} where ${sql.join(conditions(village, f), sql` and `)}`.execute(db);
  return r.rows[0]!.n;
}

export async function stayRows(db: Db, village: string, f: StayFilter, page: { limit: number; offset: number; newestFirst?: boolean }): Promise<StayRow[]> {
  const order = page.newestFirst ? sql`t.arrived_on desc, t.id desc` : sql`t.arrived_on, t.id`;
  const r = await sql<StayRow>`
    select t.id, t.name, t.sex, t.citizenship, t.nik, t.passport_number, t.nationality, t.birth_place, t.birth_date, t.occupation, t.origin_address, t.purpose,
      t.host_resident_id, t.area_id, t.host_name, t.host_address, t.arrived_on, t.planned_departure_on, t.departed_on, t.departure_note, t.note,
      h.name as host_resident_name, coalesce(h.address, hf.address) as host_resident_address
    from temporary_residents t
      left join residents h on h.village_code = t.village_code and h.id = t.host_resident_id
      left join families hf on hf.village_code = h.village_code and hf.id = h.family_id
      ${chain(village, f)}
    where ${sql.join(conditions(village, f), sql` and `)}
    order by ${order} limit ${page.limit} offset ${page.offset}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), host_resident_id: x.host_resident_id === null ? null : Number(x.host_resident_id), area_id: x.area_id === null ? null : Number(x.area_id) }));
}

/** The identity number as the reader may see it: a NIK, or "Paspor …" for a foreigner without one; masked unless the reader may see NIKs whole. */
export function identityOf(row: { nik: string | null; passport_number: string | null }, fullNik: boolean): string {
  if (row.nik) return fullNik ? row.nik : maskNik(row.nik);
  if (row.passport_number) return `Paspor ${fullNik ? row.passport_number : maskPassport(row.passport_number)}`;
  return '';
}

type Area = { id: number; parent_id: number | null; level: string; name: string };

/** "Budi Santoso, Jl. Pantai Hanura No. 7, Dusun I › RT 001": whom they stay with and where, as the book prints it. */
export function hostText(row: Pick<StayRow, 'host_resident_name' | 'host_resident_address' | 'host_name' | 'host_address' | 'area_id'>, areas: Area[]): string {
  return [row.host_resident_name ?? row.host_name, row.host_address ?? row.host_resident_address, areaPath(areas, row.area_id)].filter(Boolean).join(', ');
}

/** "WNI", or "WNA (Malaysia)": kewarganegaraan and kebangsaan in one. */
export const citizenshipText = (row: Pick<StayRow, 'citizenship' | 'nationality'>) => (row.citizenship === 2 ? `WNA${row.nationality ? ` (${row.nationality})` : ''}` : 'WNI');
