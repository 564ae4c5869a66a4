import { fieldLabel as platformFieldLabel } from '../../../platform/i18n/field-labels.js';
import type { CodeListName } from '../codes.js';
import { FIELD_CODE_LIST } from '../codes.js';

/** How each resident field is shown and entered, grouped as on the family card and civil register. */
export interface FieldSpec {
  name: string;
  id: string;
  en: string;
  kind: 'text' | 'date' | 'code' | 'textarea' | 'email' | 'tel';
  list?: CodeListName;
  required?: boolean;
}

const code = (name: keyof typeof FIELD_CODE_LIST, id: string, en: string, required = false): FieldSpec => ({ name, id, en, kind: 'code', list: FIELD_CODE_LIST[name], required });

export const FIELD_GROUPS: { id: string; en: string; fields: FieldSpec[] }[] = [
  {
    id: 'Identitas', en: 'Identity', fields: [
      { name: 'name', id: 'Nama lengkap', en: 'Full name', kind: 'text', required: true },
      code('sex', 'Jenis kelamin', 'Sex', true),
      { name: 'birth_place', id: 'Tempat lahir', en: 'Place of birth', kind: 'text' },
      { name: 'birth_date', id: 'Tanggal lahir', en: 'Date of birth', kind: 'date' },
      code('religion', 'Agama', 'Religion', true),
      code('marital_status', 'Status perkawinan', 'Marital status'),
      code('citizenship', 'Kewarganegaraan', 'Citizenship'),
      { name: 'ethnicity', id: 'Suku', en: 'Ethnic group', kind: 'text' },
    ],
  },
  {
    id: 'Pendidikan dan pekerjaan', en: 'Education and work', fields: [
      code('education_kk', 'Pendidikan (dalam KK)', 'Education (on the KK)'),
      code('education_current', 'Pendidikan sedang ditempuh', 'Education in progress'),
      code('occupation', 'Pekerjaan', 'Occupation'),
    ],
  },
  {
    id: 'Orang tua', en: 'Parents', fields: [
      { name: 'father_nik', id: 'NIK ayah', en: "Father's NIK", kind: 'text' },
      { name: 'father_name', id: 'Nama ayah', en: "Father's name", kind: 'text' },
      { name: 'mother_nik', id: 'NIK ibu', en: "Mother's NIK", kind: 'text' },
      { name: 'mother_name', id: 'Nama ibu', en: "Mother's name", kind: 'text' },
    ],
  },
  {
    id: 'Kesehatan', en: 'Health', fields: [
      code('blood_type', 'Golongan darah', 'Blood type'),
      code('disability', 'Cacat', 'Disability'),
      code('chronic_illness', 'Sakit menahun', 'Chronic illness'),
      code('contraception', 'Akseptor KB', 'Contraception'),
      code('pregnant', 'Status kehamilan', 'Pregnancy'),
      code('insurance_type', 'Asuransi kesehatan', 'Health insurance'),
      { name: 'insurance_number', id: 'Nomor asuransi', en: 'Insurance number', kind: 'text' },
    ],
  },
  {
    id: 'Dokumen', en: 'Documents', fields: [
      code('ektp', 'KTP-el', 'e-KTP'),
      code('ektp_recording', 'Status rekam KTP-el', 'e-KTP recording'),
      { name: 'ektp_tag', id: 'Tag kartu KTP-el', en: 'e-KTP card tag', kind: 'text' },
      { name: 'birth_certificate', id: 'No. akta kelahiran', en: 'Birth certificate', kind: 'text' },
      { name: 'marriage_certificate', id: 'No. akta perkawinan', en: 'Marriage certificate', kind: 'text' },
      { name: 'marriage_date', id: 'Tanggal perkawinan', en: 'Marriage date', kind: 'date' },
      { name: 'divorce_certificate', id: 'No. akta perceraian', en: 'Divorce certificate', kind: 'text' },
      { name: 'divorce_date', id: 'Tanggal perceraian', en: 'Divorce date', kind: 'date' },
      { name: 'passport_number', id: 'No. paspor', en: 'Passport', kind: 'text' },
      { name: 'passport_expiry', id: 'Paspor berlaku sampai', en: 'Passport expiry', kind: 'date' },
      { name: 'kitas_number', id: 'No. KITAS/KITAP', en: 'KITAS/KITAP', kind: 'text' },
    ],
  },
  {
    id: 'Alamat dan kontak', en: 'Address and contact', fields: [
      { name: 'address', id: 'Alamat', en: 'Address', kind: 'textarea' },
      { name: 'current_address', id: 'Alamat sekarang (bila berbeda)', en: 'Current address (if different)', kind: 'textarea' },
      { name: 'previous_address', id: 'Alamat sebelumnya', en: 'Previous address', kind: 'textarea' },
      { name: 'phone', id: 'Telepon', en: 'Phone', kind: 'tel' },
      { name: 'email', id: 'E-mail', en: 'E-mail', kind: 'email' },
    ],
  },
];

export const ALL_FIELDS = FIELD_GROUPS.flatMap((g) => g.fields);
/** A resident field's label; one the form does not show (the family relation) from the platform's labels. */
export const fieldLabel = (name: string, lang: 'id' | 'en') => {
  const f = ALL_FIELDS.find((x) => x.name === name);
  return f ? f[lang] : platformFieldLabel(lang, name);
};
