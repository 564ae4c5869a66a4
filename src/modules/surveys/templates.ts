/**
 * The two ready-made questionnaires a village copies and then changes ("Salin dari contoh"):
 * the items of the village data bank's housing and farm forms, as data. Choice codes are the
 * text stored in an answer; a village that changes a label keeps its code.
 */
export type Unit = 'resident' | 'family' | 'household';
export type Kind = 'choice' | 'number' | 'text' | 'date';
export interface TemplateQuestion {
  text: string; kind: Kind; options?: string[]; unit_label?: string; min?: number; max?: number; decimals?: number; required?: boolean;
}
export interface SurveyTemplate { key: string; title: string; title_en: string; description: string; unit: Unit; questions: TemplateQuestion[] }

export const TEMPLATES: SurveyTemplate[] = [
  {
    key: 'kondisi-rumah',
    title: 'Kondisi rumah',
    title_en: 'Housing condition',
    description: 'Keadaan rumah tiap rumah tangga: lantai, dinding, atap, air minum, jamban, listrik dan kepemilikan. Dipakai untuk program bedah rumah dan sanitasi.',
    unit: 'household',
    questions: [
      { text: 'Jenis lantai terluas', kind: 'choice', options: ['Keramik/marmer/granit', 'Ubin/tegel/teraso', 'Semen/bata merah', 'Kayu/papan', 'Bambu', 'Tanah'], required: true },
      { text: 'Jenis dinding terluas', kind: 'choice', options: ['Tembok', 'Plesteran anyaman bambu/kawat', 'Kayu/papan', 'Anyaman bambu', 'Lainnya'], required: true },
      { text: 'Jenis atap terluas', kind: 'choice', options: ['Genteng', 'Seng', 'Asbes', 'Beton', 'Ijuk/rumbia/daun'], required: true },
      { text: 'Luas lantai rumah', kind: 'number', unit_label: 'm²', min: 1, max: 2000, decimals: 1 },
      { text: 'Sumber air minum utama', kind: 'choice', options: ['Air kemasan/isi ulang', 'Leding', 'Sumur bor/pompa', 'Sumur terlindung', 'Mata air/sungai', 'Air hujan'] },
      { text: 'Fasilitas buang air besar', kind: 'choice', options: ['Jamban sendiri dengan septic tank', 'Jamban bersama', 'Jamban umum', 'Tidak ada'] },
      { text: 'Sumber penerangan utama', kind: 'choice', options: ['Listrik PLN dengan meteran', 'Listrik PLN tanpa meteran', 'Listrik non-PLN', 'Bukan listrik'] },
      { text: 'Status kepemilikan rumah', kind: 'choice', options: ['Milik sendiri', 'Kontrak/sewa', 'Bebas sewa', 'Dinas', 'Lainnya'] },
      { text: 'Jumlah kamar tidur', kind: 'number', unit_label: 'kamar', min: 0, max: 30 },
      { text: 'Tanggal pendataan', kind: 'date' },
      { text: 'Catatan petugas', kind: 'text' },
    ],
  },
  {
    key: 'produksi-pertanian',
    title: 'Produksi pertanian',
    title_en: 'Farm production',
    description: 'Usaha tani tiap rumah tangga dalam setahun: lahan, komoditas utama, hasil panen dan ternak. Dipakai untuk perencanaan pertanian dan ketahanan pangan desa.',
    unit: 'household',
    questions: [
      { text: 'Apakah rumah tangga mengusahakan pertanian?', kind: 'choice', options: ['Ya', 'Tidak'], required: true },
      { text: 'Luas lahan yang diusahakan', kind: 'number', unit_label: 'ha', min: 0, max: 500, decimals: 2 },
      { text: 'Status lahan utama', kind: 'choice', options: ['Milik sendiri', 'Sewa', 'Bagi hasil/garap', 'Tanah desa/bengkok'] },
      { text: 'Komoditas utama', kind: 'choice', options: ['Padi sawah', 'Padi ladang', 'Jagung', 'Singkong', 'Kelapa/kakao/kopi', 'Sayuran', 'Buah-buahan', 'Lainnya'] },
      { text: 'Hasil panen komoditas utama setahun', kind: 'number', unit_label: 'kg', min: 0, max: 10000000 },
      { text: 'Jumlah sapi/kerbau', kind: 'number', unit_label: 'ekor', min: 0, max: 10000 },
      { text: 'Jumlah kambing/domba', kind: 'number', unit_label: 'ekor', min: 0, max: 10000 },
      { text: 'Jumlah ayam/itik', kind: 'number', unit_label: 'ekor', min: 0, max: 1000000 },
      { text: 'Anggota kelompok tani?', kind: 'choice', options: ['Ya', 'Tidak'] },
      { text: 'Catatan petugas', kind: 'text' },
    ],
  },
];

export const templateOf = (key: string | undefined) => TEMPLATES.find((t) => t.key === key);
