import type { InstitutionKind } from '../../platform/db/schema.js';
import type { Fund } from '../budget/index.js';

/**
 * The ministries' village profiles as data: Prodeskel (Profil Desa dan Kelurahan, Kemendagri,
 * Permendagri 12/2007) and SDGs Desa (Kemendes PDTT, Permendesa PDTT 21/2020). Each item carries
 * its code as the ministry numbers it — Prodeskel's by the Permendagri's outline (A data dasar
 * keluarga, B potensi, C perkembangan; the last number is the item's place in Balai's list),
 * SDGs Desa's by the village questionnaire (P2xx) and by the goals' targets on the achievement
 * screen (1.2.1 …) — and either the figure Balai fills it with or how the village types it.
 * One typed value (`manual.key`) may answer items of both systems: the village's area is typed once.
 */

export type System = 'prodeskel' | 'sdgs';

/** How an item Balai cannot count is typed. */
export type Manual =
  | { key: string; kind: 'number'; decimals: number; max: number }
  | { key: string; kind: 'choice'; options: readonly string[] }
  | { key: string; kind: 'text'; max: number };

export type HouseholdPick = 'households' | 'surveyed' | 'dirt_floor' | 'no_electricity' | 'no_sanitation' | 'unsafe_water';
/** The statistics page's breakdowns a profile table takes whole (rows as the page shows them). */
export type TableField = 'age' | 'education_kk' | 'occupation' | 'religion' | 'citizenship' | 'disability' | 'marital_status';

/** Where Balai takes a figure from: always the same service the page named in `SOURCES` shows. */
export type Figure =
  | { from: 'population'; pick: 'male' | 'female' | 'total' | 'families' }
  | { from: 'table'; field: TableField }
  /** Residents in BPJS health insurance (PBI, non-PBI, regional): the statistics' insurance rows 2–4. */
  | { from: 'insured' }
  | { from: 'households'; pick: HouseholdPick }
  | { from: 'areas'; level: 'dusun' | 'rw' | 'rt' }
  | { from: 'village_kind' }
  | { from: 'institutions'; kind: InstitutionKind; pick: 'count' | 'members' }
  | { from: 'income'; fund: Fund | 'total' }
  /** Spending by bidang (the first level of the activity codes) or in total. */
  | { from: 'spending'; field: '1' | '2' | '3' | '4' | '5' | 'total' }
  | { from: 'farmers'; pick: 'farmers' | 'poktan' | 'hectares' }
  | { from: 'crops' }
  /** Residents per km²: the statistics' total over the typed area (ha / 100). */
  | { from: 'density' };

export interface Indicator {
  /** Unique in the catalogue: the page's anchors and the tests name items by it. */
  id: string;
  code: string;
  label: string;
  unit: string;
  figure?: Figure;
  manual?: Manual;
}

export interface Section {
  id: string;
  system: System;
  title: string;
  /** The ministry's screen the sheet is typed into (also in the guide). */
  screen: string;
  /** The Excel sheet's name (≤ 31 characters). */
  sheet: string;
  indicators: Indicator[];
}

const num = (key: string, decimals = 0, max = 1e12): Manual => ({ key, kind: 'number', decimals, max });

/** Typed items, once each, whichever items they answer. */
const M = {
  luasWilayah: num('luas_wilayah', 2, 1e7),
  ketinggian: num('ketinggian', 0, 9000),
  curahHujan: num('curah_hujan', 0, 20000),
  jarakKecamatan: num('jarak_kecamatan', 1, 2000),
  jarakKabupaten: num('jarak_kabupaten', 1, 2000),
  etnis: { key: 'etnis', kind: 'text', max: 300 },
  bekerja: num('tenaga_kerja_bekerja', 0, 1e7),
  tidakBekerja: num('tenaga_kerja_tidak_bekerja', 0, 1e7),
  perangkat: num('perangkat_desa', 0, 500),
  topografi: { key: 'topografi', kind: 'choice', options: ['Lereng/puncak', 'Lembah', 'Dataran', 'Pesisir pantai'] },
  kantorDesa: { key: 'kantor_desa', kind: 'choice', options: ['Ada, layak', 'Ada, tidak layak', 'Tidak ada'] },
  garisPantai: num('garis_pantai', 2, 10000),
  miskin: num('penduduk_miskin', 0, 1e7),
  miskinEkstrem: num('penduduk_miskin_ekstrem', 0, 1e7),
  sjsnKerja: num('sjsn_ketenagakerjaan', 0, 1e7),
  keluargaBansos: num('keluarga_miskin_bansos', 0, 1e7),
  bpdPerempuan: num('bpd_perempuan', 0, 100),
} satisfies Record<string, Manual>;

export const SECTIONS: readonly Section[] = [
  {
    id: 'pd-umum', system: 'prodeskel', title: 'Potensi umum', sheet: 'PD Potensi Umum',
    screen: 'Prodeskel › Potensi Desa › Sumber Daya Alam › Potensi Umum (luas, iklim, orbitasi)',
    indicators: [
      { id: 'pd-luas', code: 'B.1.a.1', label: 'Luas wilayah desa/kelurahan', unit: 'ha', manual: M.luasWilayah },
      { id: 'pd-ketinggian', code: 'B.1.a.2', label: 'Ketinggian tanah dari permukaan laut', unit: 'm', manual: M.ketinggian },
      { id: 'pd-hujan', code: 'B.1.a.3', label: 'Curah hujan', unit: 'mm/tahun', manual: M.curahHujan },
      { id: 'pd-jarak-kec', code: 'B.1.a.4', label: 'Jarak ke ibu kota kecamatan', unit: 'km', manual: M.jarakKecamatan },
      { id: 'pd-jarak-kab', code: 'B.1.a.5', label: 'Jarak ke ibu kota kabupaten/kota', unit: 'km', manual: M.jarakKabupaten },
    ],
  },
  {
    id: 'pd-pertanian', system: 'prodeskel', title: 'Pertanian', sheet: 'PD Pertanian',
    screen: 'Prodeskel › Potensi Desa › Sumber Daya Alam › Pertanian',
    indicators: [
      { id: 'pd-petani', code: 'B.1.b.1', label: 'Petani terdaftar (Kartu Petani)', unit: 'orang', figure: { from: 'farmers', pick: 'farmers' } },
      { id: 'pd-lahan', code: 'B.1.b.2', label: 'Luas lahan petani terdaftar', unit: 'ha', figure: { from: 'farmers', pick: 'hectares' } },
      { id: 'pd-tanam', code: 'B.1.b.3', label: 'Luas tanam menurut komoditas', unit: 'ha', figure: { from: 'crops' } },
    ],
  },
  {
    id: 'pd-sdm', system: 'prodeskel', title: 'Sumber daya manusia', sheet: 'PD SDM',
    screen: 'Prodeskel › Potensi Desa › Sumber Daya Manusia (Jumlah, Usia, Pendidikan, Mata Pencaharian Pokok, Agama, Kewarganegaraan, Etnis, Cacat, Tenaga Kerja)',
    indicators: [
      { id: 'pd-laki', code: 'B.2.a.1', label: 'Jumlah laki-laki', unit: 'orang', figure: { from: 'population', pick: 'male' } },
      { id: 'pd-perempuan', code: 'B.2.a.2', label: 'Jumlah perempuan', unit: 'orang', figure: { from: 'population', pick: 'female' } },
      { id: 'pd-total', code: 'B.2.a.3', label: 'Jumlah total', unit: 'orang', figure: { from: 'population', pick: 'total' } },
      { id: 'pd-kk', code: 'B.2.a.4', label: 'Jumlah kepala keluarga', unit: 'KK', figure: { from: 'population', pick: 'families' } },
      { id: 'pd-kepadatan', code: 'B.2.a.5', label: 'Kepadatan penduduk', unit: 'jiwa/km²', figure: { from: 'density' } },
      { id: 'pd-usia', code: 'B.2.b', label: 'Usia (kelompok lima tahunan)', unit: 'orang', figure: { from: 'table', field: 'age' } },
      { id: 'pd-pendidikan', code: 'B.2.c', label: 'Pendidikan (dalam KK)', unit: 'orang', figure: { from: 'table', field: 'education_kk' } },
      { id: 'pd-pekerjaan', code: 'B.2.d', label: 'Mata pencaharian pokok', unit: 'orang', figure: { from: 'table', field: 'occupation' } },
      { id: 'pd-agama', code: 'B.2.e', label: 'Agama dan aliran kepercayaan', unit: 'orang', figure: { from: 'table', field: 'religion' } },
      { id: 'pd-wni', code: 'B.2.f', label: 'Kewarganegaraan', unit: 'orang', figure: { from: 'table', field: 'citizenship' } },
      { id: 'pd-etnis', code: 'B.2.g', label: 'Etnis/suku bangsa (uraian)', unit: '', manual: M.etnis },
      { id: 'pd-cacat', code: 'B.2.h', label: 'Cacat fisik dan mental', unit: 'orang', figure: { from: 'table', field: 'disability' } },
      { id: 'pd-bekerja', code: 'B.2.i.1', label: 'Penduduk usia 18–56 tahun yang bekerja', unit: 'orang', manual: M.bekerja },
      { id: 'pd-tidak-bekerja', code: 'B.2.i.2', label: 'Penduduk usia 18–56 tahun yang belum atau tidak bekerja', unit: 'orang', manual: M.tidakBekerja },
    ],
  },
  {
    id: 'pd-lembaga', system: 'prodeskel', title: 'Kelembagaan', sheet: 'PD Kelembagaan',
    screen: 'Prodeskel › Potensi Desa › Kelembagaan',
    indicators: [
      { id: 'pd-perangkat', code: 'B.3.a.1', label: 'Jumlah perangkat desa', unit: 'orang', manual: M.perangkat },
      { id: 'pd-bpd', code: 'B.3.a.2', label: 'Jumlah anggota BPD', unit: 'orang', figure: { from: 'institutions', kind: 'bpd', pick: 'members' } },
      { id: 'pd-dusun', code: 'B.3.b.1', label: 'Jumlah dusun/lingkungan', unit: 'unit', figure: { from: 'areas', level: 'dusun' } },
      { id: 'pd-rw', code: 'B.3.b.2', label: 'Jumlah Rukun Warga (RW)', unit: 'unit', figure: { from: 'areas', level: 'rw' } },
      { id: 'pd-rt', code: 'B.3.b.3', label: 'Jumlah Rukun Tetangga (RT)', unit: 'unit', figure: { from: 'areas', level: 'rt' } },
      { id: 'pd-lpm', code: 'B.3.b.4', label: 'LPM: jumlah pengurus', unit: 'orang', figure: { from: 'institutions', kind: 'lpm', pick: 'members' } },
      { id: 'pd-pkk', code: 'B.3.b.5', label: 'TP PKK: jumlah pengurus', unit: 'orang', figure: { from: 'institutions', kind: 'pkk', pick: 'members' } },
      { id: 'pd-karang-taruna', code: 'B.3.b.6', label: 'Karang Taruna: jumlah pengurus', unit: 'orang', figure: { from: 'institutions', kind: 'karang_taruna', pick: 'members' } },
      { id: 'pd-posyandu', code: 'B.3.b.7', label: 'Jumlah Posyandu', unit: 'unit', figure: { from: 'institutions', kind: 'posyandu', pick: 'count' } },
      { id: 'pd-kelompok', code: 'B.3.c.1', label: 'Kelompok masyarakat', unit: 'unit', figure: { from: 'institutions', kind: 'kelompok', pick: 'count' } },
      { id: 'pd-poktan', code: 'B.3.f.1', label: 'Kelompok tani (Poktan)', unit: 'unit', figure: { from: 'farmers', pick: 'poktan' } },
      { id: 'pd-adat', code: 'B.3.h.1', label: 'Lembaga adat', unit: 'unit', figure: { from: 'institutions', kind: 'adat', pick: 'count' } },
    ],
  },
  {
    id: 'pd-ddk', system: 'prodeskel', title: 'Data dasar keluarga (rekap desa)', sheet: 'PD Data Dasar Keluarga',
    screen: 'Prodeskel › Data Dasar Keluarga (rekapitulasi desa)',
    indicators: [
      { id: 'pd-keluarga', code: 'A.1.1', label: 'Jumlah keluarga', unit: 'KK', figure: { from: 'population', pick: 'families' } },
      { id: 'pd-kawin', code: 'A.1.2', label: 'Status perkawinan', unit: 'orang', figure: { from: 'table', field: 'marital_status' } },
      { id: 'pd-ruta', code: 'A.4.1', label: 'Jumlah rumah tangga', unit: 'rumah tangga', figure: { from: 'households', pick: 'households' } },
      { id: 'pd-ruta-didata', code: 'A.4.2', label: 'Rumah tangga yang kondisi rumahnya sudah didata', unit: 'rumah tangga', figure: { from: 'households', pick: 'surveyed' } },
      { id: 'pd-lantai', code: 'A.4.3', label: 'Rumah berlantai tanah', unit: 'rumah tangga', figure: { from: 'households', pick: 'dirt_floor' } },
      { id: 'pd-listrik', code: 'A.4.4', label: 'Rumah tanpa listrik', unit: 'rumah tangga', figure: { from: 'households', pick: 'no_electricity' } },
      { id: 'pd-jamban', code: 'A.4.5', label: 'Rumah tanpa jamban', unit: 'rumah tangga', figure: { from: 'households', pick: 'no_sanitation' } },
      { id: 'pd-air', code: 'A.4.6', label: 'Rumah dengan sumber air minum tidak layak', unit: 'rumah tangga', figure: { from: 'households', pick: 'unsafe_water' } },
    ],
  },
  {
    id: 'pd-keuangan', system: 'prodeskel', title: 'Keuangan desa (APBDes)', sheet: 'PD Keuangan',
    screen: 'Prodeskel › Perkembangan Desa › Pemerintahan Desa › Keuangan',
    indicators: [
      { id: 'pd-pad', code: 'C.9.1', label: 'Pendapatan Asli Desa', unit: 'Rp', figure: { from: 'income', fund: 'PAD' } },
      { id: 'pd-dd', code: 'C.9.2', label: 'Dana Desa', unit: 'Rp', figure: { from: 'income', fund: 'DDS' } },
      { id: 'pd-add', code: 'C.9.3', label: 'Alokasi Dana Desa', unit: 'Rp', figure: { from: 'income', fund: 'ADD' } },
      { id: 'pd-pbh', code: 'C.9.4', label: 'Bagi hasil pajak dan retribusi daerah', unit: 'Rp', figure: { from: 'income', fund: 'PBH' } },
      { id: 'pd-bkp', code: 'C.9.5', label: 'Bantuan keuangan provinsi', unit: 'Rp', figure: { from: 'income', fund: 'BKP' } },
      { id: 'pd-bkk', code: 'C.9.6', label: 'Bantuan keuangan kabupaten/kota', unit: 'Rp', figure: { from: 'income', fund: 'BKK' } },
      { id: 'pd-lain', code: 'C.9.7', label: 'Pendapatan lain-lain yang sah', unit: 'Rp', figure: { from: 'income', fund: 'LAIN' } },
      { id: 'pd-pendapatan', code: 'C.9.8', label: 'Jumlah pendapatan desa', unit: 'Rp', figure: { from: 'income', fund: 'total' } },
      { id: 'pd-bidang1', code: 'C.9.9', label: 'Belanja bidang penyelenggaraan pemerintahan desa', unit: 'Rp', figure: { from: 'spending', field: '1' } },
      { id: 'pd-bidang2', code: 'C.9.10', label: 'Belanja bidang pelaksanaan pembangunan desa', unit: 'Rp', figure: { from: 'spending', field: '2' } },
      { id: 'pd-bidang3', code: 'C.9.11', label: 'Belanja bidang pembinaan kemasyarakatan', unit: 'Rp', figure: { from: 'spending', field: '3' } },
      { id: 'pd-bidang4', code: 'C.9.12', label: 'Belanja bidang pemberdayaan masyarakat', unit: 'Rp', figure: { from: 'spending', field: '4' } },
      { id: 'pd-bidang5', code: 'C.9.13', label: 'Belanja bidang penanggulangan bencana, darurat dan mendesak', unit: 'Rp', figure: { from: 'spending', field: '5' } },
      { id: 'pd-belanja', code: 'C.9.14', label: 'Jumlah belanja desa', unit: 'Rp', figure: { from: 'spending', field: 'total' } },
    ],
  },
  {
    id: 'sdgs-desa', system: 'sdgs', title: 'Kuesioner desa: deskripsi lokasi', sheet: 'SDGs Kuesioner Desa',
    screen: 'SDGs Desa › Kuesioner Desa › P2 Deskripsi Lokasi',
    indicators: [
      { id: 'sd-status', code: 'P211', label: 'Status pemerintahan', unit: '', figure: { from: 'village_kind' } },
      { id: 'sd-rw', code: 'P212', label: 'Jumlah RW', unit: 'RW', figure: { from: 'areas', level: 'rw' } },
      { id: 'sd-rt', code: 'P213', label: 'Jumlah RT', unit: 'RT', figure: { from: 'areas', level: 'rt' } },
      { id: 'sd-luas', code: 'P216', label: 'Luas wilayah desa', unit: 'ha', manual: M.luasWilayah },
      { id: 'sd-topografi', code: 'P218', label: 'Topografi terluas wilayah desa', unit: '', manual: M.topografi },
      { id: 'sd-kantor', code: 'P220', label: 'Kantor kepala desa/balai desa', unit: '', manual: M.kantorDesa },
      { id: 'sd-ketinggian', code: 'P226', label: 'Ketinggian lokasi kegiatan pemerintahan desa dari permukaan air laut', unit: 'm', manual: M.ketinggian },
      { id: 'sd-pantai', code: 'P227', label: 'Panjang garis pantai (0 bila tidak ada)', unit: 'km', manual: M.garisPantai },
    ],
  },
  {
    id: 'sdgs-capaian', system: 'sdgs', title: 'Capaian tujuan: warga dan keluarga', sheet: 'SDGs Capaian',
    screen: 'SDGs Desa › Capaian per tujuan (data warga, keluarga dan rumah tangga)',
    indicators: [
      { id: 'sd-miskin', code: '1.1.1', label: 'Penduduk miskin', unit: 'jiwa', manual: M.miskin },
      { id: 'sd-miskin-ekstrem', code: '1.1.2', label: 'Penduduk miskin ekstrem', unit: 'jiwa', manual: M.miskinEkstrem },
      { id: 'sd-jkn', code: '1.2.1', label: 'Warga desa peserta SJSN bidang kesehatan (BPJS Kesehatan)', unit: 'jiwa', figure: { from: 'insured' } },
      { id: 'sd-bpjstk', code: '1.2.2', label: 'Warga desa peserta SJSN bidang ketenagakerjaan', unit: 'jiwa', manual: M.sjsnKerja },
      { id: 'sd-bansos', code: '1.3', label: 'Keluarga miskin penerima bantuan sosial', unit: 'keluarga', manual: M.keluargaBansos },
      { id: 'sd-bpd-perempuan', code: '5', label: 'Perempuan anggota BPD (Tujuan 5: keterlibatan perempuan desa)', unit: 'orang', manual: M.bpdPerempuan },
      { id: 'sd-air', code: '6', label: 'Rumah tangga dengan sumber air minum tidak layak (Tujuan 6)', unit: 'rumah tangga', figure: { from: 'households', pick: 'unsafe_water' } },
      { id: 'sd-jamban', code: '6', label: 'Rumah tangga tanpa jamban (Tujuan 6)', unit: 'rumah tangga', figure: { from: 'households', pick: 'no_sanitation' } },
      { id: 'sd-listrik', code: '7', label: 'Rumah tangga tanpa listrik (Tujuan 7)', unit: 'rumah tangga', figure: { from: 'households', pick: 'no_electricity' } },
      { id: 'sd-lantai', code: '11', label: 'Rumah tangga berlantai tanah (Tujuan 11: permukiman layak)', unit: 'rumah tangga', figure: { from: 'households', pick: 'dirt_floor' } },
    ],
  },
];

/** Every typed value, once, with the items it answers (in the catalogue's order). */
export const MANUAL_ITEMS: readonly { manual: Manual; label: string; unit: string; answers: { section: Section; indicator: Indicator }[] }[] = (() => {
  const byKey = new Map<string, { manual: Manual; label: string; unit: string; answers: { section: Section; indicator: Indicator }[] }>();
  for (const section of SECTIONS) {
    for (const indicator of section.indicators) {
      if (!indicator.manual) continue;
      const item = byKey.get(indicator.manual.key) ?? { manual: indicator.manual, label: indicator.label, unit: indicator.unit, answers: [] };
      item.answers.push({ section, indicator });
      byKey.set(indicator.manual.key, item);
    }
  }
  return [...byKey.values()];
})();

export const MANUAL_KEYS: readonly string[] = MANUAL_ITEMS.map((i) => i.manual.key);

export const manualItem = (key: string) => MANUAL_ITEMS.find((i) => i.manual.key === key);

export const SYSTEM_LABEL: Record<System, string> = { prodeskel: 'Prodeskel (Kemendagri)', sdgs: 'SDGs Desa (Kemendes PDTT)' };
