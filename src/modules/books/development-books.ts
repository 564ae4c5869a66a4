import { sql } from 'kysely';
import { formatRupiah } from '../../platform/format/format.js';
import { FUNDS } from '../budget/index.js';
import { codeLabel } from '../population/index.js';
import { day, sliceOf, type DerivedBook } from './book.js';

/** The development books (Permendagri 47/2016, D), read from the RKPDes, the projects and the trainings. */

const fundName = (f: string | null) => (f ? FUNDS[f as keyof typeof FUNDS] ?? f : '');
const EXECUTION: Record<string, string> = { swakelola: 'Swakelola', kerjasama: 'Kerja sama antardesa', pihak_ketiga: 'Pihak ketiga' };

interface PlanItemRow { description: string; location: string; volume: string; fund: string; cost: string; execution: string; beneficiaries: string; activity_code: string }

/** The adopted RKPDes of the year (the newest adopted version) — the plan the year's projects come from. */
const adoptedRkpdes = (village: string, year: number) => sql`(select id from plans where village_code = ${village} and kind = 'rkpdes' and first_year = ${year} and status = 'adopted' order by version desc limit 1)`;

/** Buku Rencana Kerja Pembangunan Desa: the year's adopted RKPDes, activity by activity. */
export const workPlanBook: DerivedBook = {
  slug: 'rencana-kerja-pembangunan',
  group: 'pembangunan',
  name: { id: 'Buku Rencana Kerja Pembangunan', en: 'Development work plan book' },
  title: 'BUKU RENCANA KERJA PEMBANGUNAN DESA',
  permission: 'planning.read',
  personal: false,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'NAMA PROYEK/ KEGIATAN', width: 130 }, { title: 'LOKASI', width: 80 }, { title: 'VOLUME', width: 50 }, { title: 'SUMBER DANA', width: 80 },
    { title: 'JUMLAH (Rp)', width: 70 }, { title: 'PELAKSANA', width: 60 }, { title: 'MANFAAT', width: 80 }, { title: 'KETERANGAN (KODE KEGIATAN)', width: 60 },
  ],
  empty: 'Belum ada RKPDes yang ditetapkan untuk tahun ini.',
  async count(db, village, { year }) {
    const r = await sql<{ n: number }>`select count(*)::int as n from plan_items where village_code = ${village} and plan_id = ${adoptedRkpdes(village, year)}`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, { year }, { slice }) {
    const { limit, offset } = sliceOf(slice);
    const r = await sql<PlanItemRow>`select description, location, volume, fund, cost::text as cost, execution, beneficiaries, activity_code from plan_items
      where village_code = ${village} and plan_id = ${adoptedRkpdes(village, year)} order by activity_code, id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => ({ cells: [x.description, x.location, x.volume, fundName(x.fund), formatRupiah(x.cost), EXECUTION[x.execution] ?? x.execution, x.beneficiaries, x.activity_code] }));
  },
};

interface ProjectRow { id: number; name: string; volume: string; location: string; implementer: string; starts_on: string; ends_on: string; funds: string | null; total: string; progress: string; done_on: string | null }

const projectsOf = (village: string, year: number) => sql`
  select p.id, p.name, p.volume, p.location, p.implementer, p.starts_on::text as starts_on, p.ends_on::text as ends_on,
    (select string_agg(f.fund || '=' || f.amount::text, ';' order by f.fund) from project_funds f where f.village_code = p.village_code and f.project_id = p.id) as funds,
    (select coalesce(sum(f.amount), 0)::text from project_funds f where f.village_code = p.village_code and f.project_id = p.id) as total,
    coalesce((select r.progress::text from project_reports r where r.village_code = p.village_code and r.project_id = p.id order by r.reported_on desc, r.id desc limit 1), '0') as progress,
    (select min(r.reported_on)::text from project_reports r where r.village_code = p.village_code and r.project_id = p.id and r.progress >= 100) as done_on
  from projects p where p.village_code = ${village} and p.year = ${year}`;

const fundsText = (funds: string | null) => (funds ?? '').split(';').filter(Boolean).map((x) => {
  const [f, amount] = x.split('=');
  return `${fundName(f!)} ${formatRupiah(amount!)}`;
}).join('; ');

/** Buku Kegiatan Pembangunan: the year's projects, their funds, time, implementer and progress. */
export const projectsBook: DerivedBook = {
  slug: 'kegiatan-pembangunan',
  group: 'pembangunan',
  name: { id: 'Buku Kegiatan Pembangunan', en: 'Development activities book' },
  title: 'BUKU KEGIATAN PEMBANGUNAN',
  permission: 'planning.read',
  personal: false,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'NAMA KEGIATAN', width: 120 }, { title: 'VOLUME', width: 50 }, { title: 'SUMBER DANA', width: 130 }, { title: 'JUMLAH (Rp)', width: 70 },
    { title: 'WAKTU', width: 90 }, { title: 'PELAKSANA', width: 70 }, { title: 'LOKASI', width: 70 }, { title: 'KEMAJUAN', width: 40 },
  ],
  empty: 'Belum ada kegiatan pembangunan pada tahun ini.',
  async count(db, village, { year }) {
    const r = await sql<{ n: number }>`select count(*)::int as n from projects where village_code = ${village} and year = ${year}`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, { year }, { slice }) {
    const { limit, offset } = sliceOf(slice);
    const r = await sql<ProjectRow>`${projectsOf(village, year)} order by p.starts_on, p.id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => ({ cells: [x.name, x.volume, fundsText(x.funds), formatRupiah(x.total), `${day(x.starts_on)} s.d. ${day(x.ends_on)}`, x.implementer, x.location, `${x.progress.replace(/\.0+$/, '').replace('.', ',')}%`] }));
  },
};

/** Buku Inventaris Hasil-hasil Pembangunan: what the year's projects built, once reported complete. */
export const resultsBook: DerivedBook = {
  slug: 'inventaris-hasil-pembangunan',
  group: 'pembangunan',
  name: { id: 'Buku Inventaris Hasil Pembangunan', en: 'Development results inventory' },
  title: 'BUKU INVENTARIS HASIL-HASIL PEMBANGUNAN',
  permission: 'planning.read',
  personal: false,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'JENIS/ NAMA HASIL PEMBANGUNAN', width: 140 }, { title: 'VOLUME', width: 60 }, { title: 'BIAYA (Rp)', width: 80 }, { title: 'LOKASI', width: 100 },
    { title: 'SELESAI', width: 60 }, { title: 'KETERANGAN', width: 100 },
  ],
  empty: 'Belum ada kegiatan pembangunan tahun ini yang dilaporkan selesai (kemajuan 100%).',
  async count(db, village, { year }) {
    const r = await sql<{ n: number }>`select count(*)::int as n from (${projectsOf(village, year)}) x where x.done_on is not null`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, { year }, { slice }) {
    const { limit, offset } = sliceOf(slice);
    const r = await sql<ProjectRow>`select * from (${projectsOf(village, year)}) x where x.done_on is not null order by x.done_on, x.id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => ({ cells: [x.name, x.volume, formatRupiah(x.total), x.location, day(x.done_on), `Dilaksanakan oleh ${x.implementer}; ${fundsText(x.funds)}`] }));
  },
};

interface CadreRow { name: string; birth_date: string | null; sex: number; education_kk: number | null; trainings: string; topics: string; address: string | null }
const TOPIC: Record<string, string> = { digital: 'Digital', pertanian: 'Pertanian', usaha: 'Usaha', kesehatan: 'Kesehatan', pemerintahan: 'Pemerintahan', lainnya: 'Lainnya' };

/**
 * Buku Kader Pemberdayaan Masyarakat: residents who completed a training up to the end of the
 * year (the village's cadres), with their courses and fields.
 */
export const cadresBook: DerivedBook = {
  slug: 'kader-pemberdayaan',
  group: 'pembangunan',
  name: { id: 'Buku Kader Pemberdayaan Masyarakat', en: 'Community empowerment cadres book' },
  title: 'BUKU KADER PEMBERDAYAAN MASYARAKAT',
  permission: 'institutions.read',
  personal: true,
  period: 'year',
  paper: 'a4',
  columns: [
    { title: 'NAMA', width: 100 }, { title: 'UMUR', width: 30 }, { title: 'JENIS KELAMIN', width: 45 }, { title: 'PENDIDIKAN', width: 70 },
    { title: 'KURSUS/ PELATIHAN', width: 150 }, { title: 'BIDANG', width: 70 }, { title: 'ALAMAT', width: 100 },
  ],
  empty: 'Belum ada warga yang menyelesaikan pelatihan sampai tahun ini.',
  async count(db, village, { year }) {
    const r = await sql<{ n: number }>`select count(distinct p.resident_id)::int as n from training_participants p join trainings t on t.village_code = p.village_code and t.id = p.training_id
      where p.village_code = ${village} and p.completed and t.held_on < ${`${year + 1}-01-01`}::date`.execute(db);
    return r.rows[0]!.n;
  },
  async rows(db, village, { year }, { slice }) {
    const { limit, offset } = sliceOf(slice);
    const r = await sql<CadreRow>`select r.name, r.birth_date::text as birth_date, r.sex, r.education_kk, coalesce(r.address, '') as address,
        string_agg(t.title || ' (' || to_char(t.held_on, 'YYYY') || ')', '; ' order by t.held_on, t.id) as trainings, string_agg(distinct t.topic, ',') as topics
      from training_participants p join trainings t on t.village_code = p.village_code and t.id = p.training_id
      join residents r on r.village_code = p.village_code and r.id = p.resident_id
      where p.village_code = ${village} and p.completed and t.held_on < ${`${year + 1}-01-01`}::date
      group by r.id, r.name, r.birth_date, r.sex, r.education_kk, r.address order by r.name, r.id limit ${limit} offset ${offset}`.execute(db);
    return r.rows.map((x) => ({
      cells: [x.name, x.birth_date ? String(year - Number(x.birth_date.slice(0, 4))) : '', codeLabel('sex', x.sex), codeLabel('educationOnFamilyCard', x.education_kk),
        x.trainings, x.topics.split(',').map((t) => TOPIC[t] ?? t).join(', '), x.address ?? ''],
    }));
  },
};
