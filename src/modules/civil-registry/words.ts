import type { CompareField } from './compare.js';

/** The fields compared with the civil registry, as the officer calls them. */
export const FIELD_TITLE: Record<'id' | 'en', Record<CompareField, string>> = {
  id: {
    name: 'Nama', sex: 'Jenis kelamin', birth_place: 'Tempat lahir', birth_date: 'Tanggal lahir', religion: 'Agama', marital_status: 'Status perkawinan',
    education_kk: 'Pendidikan dalam KK', occupation: 'Pekerjaan', blood_type: 'Golongan darah', father_name: 'Nama ayah', mother_name: 'Nama ibu',
    family_relation: 'Hubungan dalam keluarga', kk: 'No. KK', area_id: 'Dusun/RW/RT', life_status: 'Status dasar',
  },
  en: {
    name: 'Name', sex: 'Sex', birth_place: 'Place of birth', birth_date: 'Date of birth', religion: 'Religion', marital_status: 'Marital status',
    education_kk: 'Education on the KK', occupation: 'Occupation', blood_type: 'Blood type', father_name: "Father's name", mother_name: "Mother's name",
    family_relation: 'Relation in the family', kk: 'KK number', area_id: 'Dusun/RW/RT', life_status: 'Life status',
  },
};

/** What a KK correction found changed since the comparison: the card, its number or its members. */
export const FAMILY_CARD_TITLE: Record<'id' | 'en', string> = { id: 'Kartu keluarga', en: 'family card' };
