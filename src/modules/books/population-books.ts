import { sql } from 'kysely';
import { codeLabel, COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { day, periodRange, sliceOf, type DerivedBook } from './book.js';

/**
 * The population books read from the register and its events (Permendagri 47/2016, B.2–B.5):
 * who was added and who left in a period (mutasi), and the KTP and KK register. The monthly
 * recapitulation per dusun lives in recap-book.ts.
 */

const ADDED = ['birth', 'move_in'];
const REMOVED = ['death', 'move_out'];

interface MutationRow { kind: string; event_date: string; details: Record<string, unknown> | string; name: string; birth_place: string | null; birth_date: string | null; sex: number; citizenship: number }

export const mutationBook: DerivedBook = {
  slug: 'mutasi-penduduk',
  group: 'penduduk',
  name: { id: 'Buku Mutasi Penduduk', en: 'Population movements book' },
  title: 'BUKU MUTASI PENDUDUK DESA',
  permission: 'population.read',
  exportPermission: 'population.export',
  personal: true,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'NAMA LENGKAP', width: 90 }, { title: 'TEMPAT & TANGGAL LAHIR', width: 80 }, { title: 'JENIS KELAMIN', width: 40 },
    { title: 'KEWARGA- NEGARAAN', width: 40 }, { title: 'PENAMBAHAN: DATANG DARI / LAHIR', width: 90 }, { title: 'TANGGAL', width: 50 },
    { title: 'PENGURANGAN: PINDAH KE', width: 90 }, { title: 'TANGGAL', width: 50 }, { title: 'MENINGGAL: TANGGAL', width: 50 }, { title: 'KETERANGAN', width: 80 },
  ],
  empty: 'Tidak ada kelahiran, kedatangan, kematian atau kepindahan pada periode ini.',
  async count(db, village, period) {
    const { from, to } = periodRange(period);
    const r = await sql<{ n: number }>`select count(*)::int as n from population_events
      where village_code = ${village} and kind in (${sql.join([...ADDED, ...REMOVED])}) and event_date >= ${from}::date and event_date < ${to}::date`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, period, { slice }) {
    const { from, to } = periodRange(period);
    const { limit, offset } = sliceOf(slice);
    const r = await sql<MutationRow>`
      select e.kind, e.event_date::text as event_date, e.details, r.name, r.birth_place, r.birth_date::text as birth_date, r.sex, r.citizenship
      from population_events e join residents r on r.village_code = e.village_code and r.id = e.resident_id
      where e.village_code = ${village} and e.kind in (${sql.join([...ADDED, ...REMOVED])}) and e.event_date >= ${from}::date and e.event_date < ${to}::date
      order by e.event_date, e.id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => {
      const d = (typeof x.details === 'string' ? JSON.parse(x.details) : x.details) as Record<string, string | undefined>;
      const on = day(x.event_date);
      const note = x.kind === 'death' ? [d.place && `Di ${d.place}`, d.cause && `Sebab: ${d.cause}`].filter(Boolean).join('; ') : '';
      return {
        cells: [x.name, [x.birth_place, day(x.birth_date)].filter(Boolean).join(', '), codeLabel('sex', x.sex), codeLabel('citizenship', x.citizenship),
          x.kind === 'birth' ? 'Lahir' : x.kind === 'move_in' ? d.from ?? '' : '', ADDED.includes(x.kind) ? on : '',
          x.kind === 'move_out' ? d.destination ?? '' : '', x.kind === 'move_out' ? on : '', x.kind === 'death' ? on : '', note],
      };
    });
  },
};

interface CardRow {
  kk_number: string | null; name: string; nik: string; nik_temporary: boolean; sex: number; birth_place: string | null; birth_date: string | null; blood_type: number | null;
  religion: number; education_kk: number | null; occupation: number | null; address: string | null; marital_status: number | null; family_relation: number | null;
  citizenship: number; father_name: string | null; mother_name: string | null; ektp: number | null; family_id: number | null;
}

/**
 * The KTP and KK register (Buku KTP dan KK): today's population family by family, the head
 * first, with what the two cards carry and whether the e-KTP has been made. NIKs are masked
 * for a reader who may not see them whole.
 */
export const cardsBook: DerivedBook = {
  slug: 'ktp-kk',
  group: 'penduduk',
  name: { id: 'Buku KTP dan KK', en: 'ID card and family card register' },
  title: 'BUKU KARTU TANDA PENDUDUK DAN KARTU KELUARGA',
  permission: 'population.read',
  exportPermission: 'population.export',
  personal: true,
  period: 'none',
  paper: 'f4',
  columns: [
    { title: 'NO. KK', width: 62 }, { title: 'NAMA LENGKAP', width: 80 }, { title: 'NIK', width: 62 }, { title: 'JENIS KELAMIN', width: 36 },
    { title: 'TEMPAT/ TANGGAL LAHIR', width: 70 }, { title: 'GOL. DARAH', width: 26 }, { title: 'AGAMA', width: 36 }, { title: 'PENDIDIKAN', width: 50 },
    { title: 'PEKERJAAN', width: 56 }, { title: 'ALAMAT', width: 70 }, { title: 'STATUS PERKAWINAN', width: 42 }, { title: 'STATUS HUB. KELUARGA', width: 44 },
    { title: 'KEWARGA- NEGARAAN', width: 34 }, { title: 'AYAH', width: 56 }, { title: 'IBU', width: 56 }, { title: 'KTP-EL', width: 30 },
  ],
  empty: 'Belum ada penduduk.',
  async count(db, village) {
    const r = await sql<{ n: number }>`select count(*)::int as n from residents where village_code = ${village} and life_status in (${sql.join(COUNTED_IN_POPULATION)})`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, _period, { slice, fullNik }) {
    const { limit, offset } = sliceOf(slice);
    // Family by family in card number order, the head first; residents with no card at the end.
    // The row before the page comes too, to tell whether the page starts a new family.
    const before = offset > 0 ? 1 : 0;
    const r = await sql<CardRow>`
      select f.kk_number, r.name, r.nik, r.nik_temporary, r.sex, r.birth_place, r.birth_date::text as birth_date, r.blood_type, r.religion, r.education_kk,
        r.occupation, coalesce(r.address, f.address) as address, r.marital_status, r.family_relation, r.citizenship, r.father_name, r.mother_name, r.ektp, r.family_id
      from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${village} and r.life_status in (${sql.join(COUNTED_IN_POPULATION)})
      order by f.kk_number nulls last, r.family_id, r.family_relation nulls last, r.birth_date nulls last, r.id
      limit ${limit + before} offset ${offset - before}`.execute(db);
    return r.rows.slice(before).map((x, i) => ({
      heavyTop: x.family_id !== null && String(x.family_id) !== String(r.rows[i + before - 1]?.family_id ?? ''),
      cells: [x.kk_number ?? '', x.name, x.nik_temporary ? 'sementara' : fullNik ? x.nik : maskNik(x.nik), codeLabel('sex', x.sex),
        [x.birth_place, day(x.birth_date)].filter(Boolean).join(', '), codeLabel('bloodType', x.blood_type), codeLabel('religion', x.religion),
        codeLabel('educationOnFamilyCard', x.education_kk), codeLabel('occupation', x.occupation), x.address ?? '', codeLabel('maritalStatus', x.marital_status),
        codeLabel('familyRelation', x.family_relation), codeLabel('citizenship', x.citizenship), x.father_name ?? '', x.mother_name ?? '', codeLabel('electronicIdCard', x.ektp)],
    }));
  },
};
