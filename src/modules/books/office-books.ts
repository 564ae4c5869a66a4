import { sql } from 'kysely';
import { day, periodRange, sliceOf, type DerivedBook } from './book.js';

/** The general administration books Balai can read from its own records (Permendagri 47/2016, A). */

interface OfficialRow { name: string; staff_number: string | null; position_title: string; signs_ub: boolean; active: boolean; created_at: Date; updated_at: Date; has_account: boolean }

/**
 * Buku Aparat Pemerintah Desa: the officials as recorded for signing letters — who holds which
 * position, their NIP/NIAP, whether they may sign u.b. and whether they still serve (an official
 * who left stays in the book, marked).
 */
export const officialsBook: DerivedBook = {
  slug: 'aparat',
  group: 'umum',
  name: { id: 'Buku Aparat Pemerintah Desa', en: 'Village officials book' },
  title: 'BUKU APARAT PEMERINTAH DESA',
  permission: 'population.read',
  personal: false,
  period: 'none',
  paper: 'a4',
  columns: [
    { title: 'NAMA', width: 110 }, { title: 'NIAP/NIP', width: 80 }, { title: 'JABATAN', width: 110 }, { title: 'MENANDATANGANI SURAT', width: 80 },
    { title: 'DICATAT SEJAK', width: 60 }, { title: 'STATUS', width: 60 }, { title: 'AKUN BALAI', width: 50 },
  ],
  empty: 'Belum ada aparat yang dicatat (menu Perangkat desa).',
  async count(db, village) {
    const r = await sql<{ n: number }>`select count(*)::int as n from village_officials where village_code = ${village}`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, _period, { slice }) {
    const { limit, offset } = sliceOf(slice);
    const r = await sql<OfficialRow>`select name, staff_number, position_title, signs_ub, active, created_at, updated_at, user_id is not null as has_account
      from village_officials where village_code = ${village} order by active desc, id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => ({
      cells: [x.name, x.staff_number ?? '', x.position_title, x.signs_ub ? 'Ya, u.b.' : '', day(x.created_at), x.active ? 'Menjabat' : `Tidak menjabat lagi (${day(x.updated_at)})`, x.has_account ? 'Ya' : 'Tidak'],
    }));
  },
};

interface DispatchRow { number: string; signed_at: Date; type_title: string; name: string; collected_at: Date | null; ready_at: Date | null; revoked_at: Date | null; revoke_reason: string | null }

/**
 * Buku Ekspedisi: every letter the village numbered and signed in the period, to whom it went
 * and when it was handed over — read from the letters themselves.
 */
export const dispatchBook: DerivedBook = {
  slug: 'ekspedisi',
  group: 'umum',
  name: { id: 'Buku Ekspedisi', en: 'Dispatch book' },
  title: 'BUKU EKSPEDISI',
  permission: 'letters.read',
  personal: true,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'TANGGAL PENGIRIMAN', width: 60 }, { title: 'TANGGAL DAN NOMOR SURAT', width: 110 }, { title: 'ISI SINGKAT SURAT YANG DIKIRIM', width: 130 },
    { title: 'DITUJUKAN KEPADA', width: 100 }, { title: 'KETERANGAN', width: 100 },
  ],
  empty: 'Belum ada surat yang ditandatangani pada periode ini.',
  async count(db, village, period) {
    const { from, to } = periodRange(period);
    const r = await sql<{ n: number }>`select count(*)::int as n from letters where village_code = ${village} and number is not null
      and signed_at >= ${`${from}T00:00:00+07:00`}::timestamptz and signed_at < ${`${to}T00:00:00+07:00`}::timestamptz`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, period, { slice }) {
    const { from, to } = periodRange(period);
    const { limit, offset } = sliceOf(slice);
    const r = await sql<DispatchRow>`select l.number, l.signed_at, l.type_title, r.name, l.collected_at, l.ready_at, l.revoked_at, l.revoke_reason
      from letters l left join residents r on r.village_code = l.village_code and r.id = l.resident_id
      where l.village_code = ${village} and l.number is not null
        and l.signed_at >= ${`${from}T00:00:00+07:00`}::timestamptz and l.signed_at < ${`${to}T00:00:00+07:00`}::timestamptz
      order by l.signed_at, l.running_number nulls last, l.id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => {
      const sent = x.collected_at ?? x.ready_at;
      const note = x.revoked_at ? `Dicabut: ${x.revoke_reason ?? ''}` : x.collected_at ? 'Diterima pemohon' : x.ready_at ? 'Siap diambil' : 'Belum diserahkan';
      return { cells: [day(sent), `${day(x.signed_at)}, No. ${x.number}`, x.type_title, x.name ?? '', note] };
    });
  },
};
