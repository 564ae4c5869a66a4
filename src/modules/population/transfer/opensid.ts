import { CODE_LISTS, FIELD_CODE_LIST, type CodeListName } from '../codes.js';

/**
 * The OpenSID resident sheet ("Format Impor Excel", shared/domain/formats.md): its
 * columns in their order, and the Balai field each one fills. Code columns take their
 * name from the code list (`codes.json`), so the two can never disagree.
 */

/** Resident fields an import may set (the columns of `residents` that a sheet carries). */
export type ImportField =
  | 'address' | 'name' | 'sex' | 'birth_place' | 'birth_date' | 'religion' | 'education_kk' | 'education_current'
  | 'occupation' | 'marital_status' | 'family_relation' | 'citizenship' | 'father_nik' | 'father_name' | 'mother_nik'
  | 'mother_name' | 'blood_type' | 'birth_certificate' | 'passport_number' | 'passport_expiry' | 'kitas_number'
  | 'marriage_certificate' | 'marriage_date' | 'divorce_certificate' | 'divorce_date' | 'disability' | 'contraception'
  | 'pregnant' | 'ektp' | 'ektp_recording' | 'current_address' | 'life_status' | 'ethnicity' | 'ektp_tag'
  | 'insurance_type' | 'insurance_number' | 'lat' | 'lng' | 'chronic_illness' | 'phone' | 'email' | 'previous_address';

export type ColumnKind =
  | { kind: 'text'; max: number }
  | { kind: 'code'; list: CodeListName }
  | { kind: 'date'; past?: boolean }
  | { kind: 'nik' }
  | { kind: 'kk' }
  | { kind: 'parent_nik' }
  | { kind: 'area' }
  | { kind: 'coordinate'; max: number }
  | { kind: 'phone' }
  | { kind: 'email' };

export interface ColumnSpec {
  /** The header as OpenSID writes it. */
  name: string;
  /** The resident field it fills; null for the columns that place the row (KK, NIK, areas). */
  field: ImportField | null;
  type: ColumnKind;
  required?: boolean;
  /** Not in OpenSID's sheet: Balai writes it after OpenSID's columns so a round trip loses nothing. */
  balaiOnly?: boolean;
}

const code = (field: keyof typeof FIELD_CODE_LIST & ImportField, required = false): ColumnSpec => {
  const list = FIELD_CODE_LIST[field];
  return { name: CODE_LISTS[list].column, field, type: { kind: 'code', list }, required };
};
const text = (name: string, field: ImportField, max: number): ColumnSpec => ({ name, field, type: { kind: 'text', max } });

export const COLUMNS: readonly ColumnSpec[] = [
  text('alamat', 'address', 300),
  { name: 'dusun', field: null, type: { kind: 'area' }, required: true },
  { name: 'rw', field: null, type: { kind: 'area' } },
  { name: 'rt', field: null, type: { kind: 'area' } },
  { name: 'nama', field: 'name', type: { kind: 'text', max: 150 }, required: true },
  { name: 'no_kk', field: null, type: { kind: 'kk' }, required: true },
  { name: 'nik', field: null, type: { kind: 'nik' }, required: true },
  code('sex', true),
  text('tempatlahir', 'birth_place', 80),
  { name: 'tanggallahir', field: 'birth_date', type: { kind: 'date', past: true } },
  code('religion', true),
  code('education_kk'),
  code('education_current'),
  code('occupation'),
  code('marital_status'),
  code('family_relation'),
  code('citizenship'),
  { name: 'ayah_nik', field: 'father_nik', type: { kind: 'parent_nik' } },
  text('nama_ayah', 'father_name', 150),
  { name: 'ibu_nik', field: 'mother_nik', type: { kind: 'parent_nik' } },
  text('nama_ibu', 'mother_name', 150),
  code('blood_type'),
  text('akta_lahir', 'birth_certificate', 40),
  text('dokumen_pasport', 'passport_number', 30),
  { name: 'tanggal_akhir_paspor', field: 'passport_expiry', type: { kind: 'date' } },
  text('dokumen_kitas', 'kitas_number', 30),
  text('akta_perkawinan', 'marriage_certificate', 40),
  { name: 'tanggalperkawinan', field: 'marriage_date', type: { kind: 'date', past: true } },
  text('akta_perceraian', 'divorce_certificate', 40),
  { name: 'tanggalperceraian', field: 'divorce_date', type: { kind: 'date', past: true } },
  code('disability'),
  code('contraception'),
  code('pregnant'),
  code('ektp'),
  code('ektp_recording'),
  text('alamat_sekarang', 'current_address', 300),
  code('life_status'),
  text('suku', 'ethnicity', 60),
  text('tag_id_card', 'ektp_tag', 40),
  code('insurance_type'),
  text('no_asuransi', 'insurance_number', 30),
  { name: 'lat', field: 'lat', type: { kind: 'coordinate', max: 90 } },
  { name: 'lng', field: 'lng', type: { kind: 'coordinate', max: 180 } },
  // Balai's own, after OpenSID's: OpenSID keeps these in its database but not in its sheet.
  { ...code('chronic_illness'), balaiOnly: true },
  { name: 'telepon', field: 'phone', type: { kind: 'phone' }, balaiOnly: true },
  { name: 'email', field: 'email', type: { kind: 'email' }, balaiOnly: true },
  { name: 'alamat_sebelumnya', field: 'previous_address', type: { kind: 'text', max: 300 }, balaiOnly: true },
];

export const COLUMN_BY_NAME = new Map(COLUMNS.map((c) => [c.name, c]));
export const REQUIRED_COLUMNS = COLUMNS.filter((c) => c.required).map((c) => c.name);
/** The fields an import writes, in column order. */
export const IMPORT_FIELDS = COLUMNS.flatMap((c) => (c.field ? [c.field] : []));

/** Columns whose value is a date, a number or a code: the rest are text. */
export const NUMERIC_FIELDS = new Set<ImportField>(COLUMNS.flatMap((c) => (c.field && c.type.kind === 'code' ? [c.field] : [])));
export const DATE_FIELDS = new Set<ImportField>(COLUMNS.flatMap((c) => (c.field && c.type.kind === 'date' ? [c.field] : [])));
