// The code lists' own module, not the population module's index: the worker threads that read these layouts load no more.
import { CODE_LISTS, type CodeListName } from '../population/codes.js';

/**
 * The column layouts of the civil registry (Disdukcapil, SIAK), as data. The column names are
 * SIAK's own field names as village offices meet them in SIAK's exports (NIK, NO_KK, NAMA_LGKP,
 * JENIS_KLMIN, TMPT_LHR, TGL_LHR …). *Unverified* against every district's SIAK version: a
 * district that wants other titles changes them here, the code reads them from this file only.
 */

export type ReportKind = 'birth' | 'death' | 'move_in' | 'move_out' | 'correction';
/** The sheets of a report, in the order of the workbook. */
export const REPORT_KINDS: readonly ReportKind[] = ['birth', 'death', 'move_in', 'move_out', 'correction'];

export const SHEET_NAME: Record<ReportKind, string> = {
  birth: 'LAHIR',
  death: 'MATI',
  move_in: 'PINDAH DATANG',
  move_out: 'PINDAH KELUAR',
  correction: 'PERUBAHAN DATA',
};

export interface ReportColumn {
  /** The title in the sheet's first row. */
  title: string;
  /** What the office reads in the key sheet. */
  meaning: string;
  /** Width in characters. */
  width: number;
  /** A NIK or KK number: masked for whoever may not see it whole. */
  identity?: boolean;
}

const c = (title: string, meaning: string, width: number, identity = false): ReportColumn => ({ title, meaning, width, ...(identity ? { identity } : {}) });

/** Who the row is about: the same first columns on every sheet. */
const PERSON: ReportColumn[] = [
  c('NO', 'Nomor urut', 5),
  c('NIK', 'Nomor Induk Kependudukan', 19, true),
  c('NO_KK', 'Nomor Kartu Keluarga', 19, true),
  c('NAMA_LGKP', 'Nama lengkap', 28),
  c('JENIS_KLMIN', 'Jenis kelamin', 12),
  c('TMPT_LHR', 'Tempat lahir', 16),
  c('TGL_LHR', 'Tanggal lahir (HH-BB-TTTT)', 12),
  c('AGAMA', 'Agama', 12),
  c('STAT_HBKEL', 'Status hubungan dalam keluarga', 16),
];
/** Where the person lives (or lived) in the village, and when Balai recorded the event. */
const PLACE: ReportColumn[] = [
  c('ALAMAT', 'Alamat', 28),
  c('NO_RT', 'Nomor RT', 7),
  c('NO_RW', 'Nomor RW', 7),
  c('DUSUN', 'Dusun/lingkungan', 14),
  c('TGL_CATAT', 'Tanggal dicatat di desa (HH-BB-TTTT)', 12),
];

export const REPORT_COLUMNS: Record<ReportKind, ReportColumn[]> = {
  birth: [
    ...PERSON,
    c('NAMA_LGKP_AYAH', 'Nama lengkap ayah', 24),
    c('NIK_AYAH', 'NIK ayah', 19, true),
    c('NAMA_LGKP_IBU', 'Nama lengkap ibu', 24),
    c('NIK_IBU', 'NIK ibu', 19, true),
    c('NO_AKTA_LHR', 'Nomor akta kelahiran (bila sudah ada)', 18),
    ...PLACE,
  ],
  death: [
    ...PERSON,
    c('TGL_MATI', 'Tanggal kematian (HH-BB-TTTT)', 12),
    c('TMPT_MATI', 'Tempat kematian', 16),
    c('SEBAB_MATI', 'Sebab kematian', 20),
    c('NAMA_PELAPOR', 'Nama pelapor', 22),
    c('HUB_PELAPOR', 'Hubungan pelapor dengan yang meninggal', 12),
    ...PLACE,
  ],
  move_in: [
    ...PERSON,
    c('TGL_DATANG', 'Tanggal datang (HH-BB-TTTT)', 12),
    c('ALAMAT_ASAL', 'Alamat asal', 30),
    ...PLACE,
  ],
  move_out: [
    ...PERSON,
    c('TGL_PINDAH', 'Tanggal pindah (HH-BB-TTTT)', 12),
    c('ALAMAT_TUJUAN', 'Alamat tujuan', 30),
    c('KLASIFIKASI_PINDAH', 'Klasifikasi pindah', 18),
    c('ALASAN_PINDAH', 'Alasan pindah', 20),
    ...PLACE,
  ],
  correction: [
    ...PERSON,
    c('TGL_PERUBAHAN', 'Tanggal perubahan (HH-BB-TTTT)', 12),
    c('ELEMEN_DATA', 'Data yang diubah', 18),
    c('DATA_LAMA', 'Isi lama', 22),
    c('DATA_BARU', 'Isi baru', 22),
    c('ALASAN', 'Alasan perubahan', 24),
    ...PLACE,
  ],
};

/** Balai's move classifications as SIAK's "klasifikasi pindah". */
export const MOVE_CLASSIFICATION: Record<string, string> = {
  village: 'ANTAR DESA/KELURAHAN DALAM SATU KECAMATAN',
  district: 'ANTAR KECAMATAN DALAM SATU KABUPATEN/KOTA',
  regency: 'ANTAR KABUPATEN/KOTA DALAM SATU PROVINSI',
  province: 'ANTAR PROVINSI',
};

/**
 * The resident fields a correction is reported for (the civil registry's data elements), with
 * their SIAK name; a correction of a phone number or a photo is the village's own business.
 */
export const REPORTED_FIELDS: Record<string, { title: string; list?: CodeListName; kind?: 'date' | 'area' | 'identity' }> = {
  nik: { title: 'NIK', kind: 'identity' },
  name: { title: 'NAMA_LGKP' },
  sex: { title: 'JENIS_KLMIN', list: 'sex' },
  birth_place: { title: 'TMPT_LHR' },
  birth_date: { title: 'TGL_LHR', kind: 'date' },
  religion: { title: 'AGAMA', list: 'religion' },
  education_kk: { title: 'PDDK_AKH', list: 'educationOnFamilyCard' },
  occupation: { title: 'JENIS_PKRJN', list: 'occupation' },
  marital_status: { title: 'STAT_KWN', list: 'maritalStatus' },
  family_relation: { title: 'STAT_HBKEL', list: 'familyRelation' },
  citizenship: { title: 'KEWARGANEGARAAN', list: 'citizenship' },
  blood_type: { title: 'GOL_DRH', list: 'bloodType' },
  disability: { title: 'PNYDNG_CCT', list: 'disability' },
  father_name: { title: 'NAMA_LGKP_AYAH' },
  father_nik: { title: 'NIK_AYAH', kind: 'identity' },
  mother_name: { title: 'NAMA_LGKP_IBU' },
  mother_nik: { title: 'NIK_IBU', kind: 'identity' },
  birth_certificate: { title: 'NO_AKTA_LHR' },
  marriage_certificate: { title: 'NO_AKTA_KWN' },
  marriage_date: { title: 'TGL_KWN', kind: 'date' },
  divorce_certificate: { title: 'NO_AKTA_CRAI' },
  divorce_date: { title: 'TGL_CRAI', kind: 'date' },
  address: { title: 'ALAMAT' },
  area_id: { title: 'RT/RW/DUSUN', kind: 'area' },
};

/** "1990-08-17" as SIAK writes it, "17-08-1990"; empty stays empty. */
export function siakDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = iso.slice(0, 10);
  return d.length === 10 ? `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}` : '';
}

/** A code as its official label (LAKI-LAKI, ISLAM …), upper case as SIAK prints them. */
export function siakLabel(list: CodeListName, code: number | null | undefined): string {
  if (code === null || code === undefined) return '';
  const found = CODE_LISTS[list].codes.find(([n]) => n === code);
  return found ? found[1].toUpperCase() : String(code);
}

// ---------------------------------------------------------------------------------------
// The civil registry's list of the village's residents, imported back

export type RegistryField =
  | 'nik' | 'kk' | 'name' | 'sex' | 'birth_place' | 'birth_date' | 'religion' | 'marital_status' | 'family_relation'
  | 'education_kk' | 'occupation' | 'blood_type' | 'father_name' | 'mother_name' | 'address' | 'rt' | 'rw' | 'dusun';

export interface RegistryColumn {
  field: RegistryField;
  /** The first name is the one in the template; the others are accepted as well (OpenSID's, plain words). */
  names: string[];
  required?: boolean;
  list?: CodeListName;
  date?: boolean;
  max?: number;
}

export const REGISTRY_COLUMNS: RegistryColumn[] = [
  { field: 'nik', names: ['NIK'], required: true },
  { field: 'kk', names: ['NO_KK', 'NOMOR_KK', 'NO_KARTU_KELUARGA', 'KK'], required: true },
  { field: 'name', names: ['NAMA_LGKP', 'NAMA_LENGKAP', 'NAMA'], required: true, max: 150 },
  { field: 'sex', names: ['JENIS_KLMIN', 'JENIS_KELAMIN', 'JK', 'SEX'], list: 'sex' },
  { field: 'birth_place', names: ['TMPT_LHR', 'TEMPAT_LAHIR', 'TEMPATLAHIR'], max: 80 },
  { field: 'birth_date', names: ['TGL_LHR', 'TANGGAL_LAHIR', 'TANGGALLAHIR'], date: true },
  { field: 'religion', names: ['AGAMA', 'AGAMA_ID'], list: 'religion' },
  { field: 'marital_status', names: ['STAT_KWN', 'STATUS_KAWIN', 'STATUS_PERKAWINAN'], list: 'maritalStatus' },
  { field: 'family_relation', names: ['STAT_HBKEL', 'SHDK', 'HUBUNGAN_KELUARGA', 'KK_LEVEL'], list: 'familyRelation' },
  { field: 'education_kk', names: ['PDDK_AKH', 'PENDIDIKAN', 'PENDIDIKAN_KK_ID'], list: 'educationOnFamilyCard' },
  { field: 'occupation', names: ['JENIS_PKRJN', 'PEKERJAAN', 'PEKERJAAN_ID'], list: 'occupation' },
  { field: 'blood_type', names: ['GOL_DRH', 'GOLONGAN_DARAH', 'GOLONGAN_DARAH_ID'], list: 'bloodType' },
  { field: 'father_name', names: ['NAMA_LGKP_AYAH', 'NAMA_AYAH'], max: 150 },
  { field: 'mother_name', names: ['NAMA_LGKP_IBU', 'NAMA_IBU'], max: 150 },
  { field: 'address', names: ['ALAMAT'], max: 300 },
  { field: 'rt', names: ['NO_RT', 'RT'], max: 10 },
  { field: 'rw', names: ['NO_RW', 'RW'], max: 10 },
  { field: 'dusun', names: ['DUSUN', 'NAMA_DUSUN', 'LINGKUNGAN'], max: 60 },
];

/**
 * Spellings of SIAK's printed labels that differ from the official list's (codes.json), by
 * list, in the normalised form of `labelKey`.
 */
export const LABEL_ALIASES: Partial<Record<CodeListName, Record<string, number>>> = {
  sex: { L: 1, LK: 1, 'LAKI LAKI': 1, P: 2, PR: 2 },
  religion: { KATOLIK: 3, BUDDHA: 5, KONGHUCU: 6, 'KONG HU CU': 6, KEPERCAYAAN: 7, LAINNYA: 7 },
  educationOnFamilyCard: { 'TIDAK/BLM SEKOLAH': 1, 'BELUM TAMAT SD': 2, 'TAMAT SD': 3, SLTP: 4, SLTA: 5, 'DIPLOMA I/II': 6, 'AKADEMI/DIPLOMA III/SARJANA MUDA': 7, 'DIPLOMA IV/STRATA I': 8 },
  familyRelation: { 'ORANG TUA': 7, 'FAMILI LAIN': 9 },
  maritalStatus: { 'BELUM KAWIN': 1, KAWIN: 2, 'KAWIN TERCATAT': 2, 'KAWIN BELUM TERCATAT': 2 },
  bloodType: { 'TIDAK TAHU': 13, '-': 13 },
};
