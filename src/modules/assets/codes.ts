import type { AssetCondition, AssetKind } from '../../platform/db/schema.js';

/**
 * The code lists of the village's goods and land, with their words (Bahasa Indonesia first).
 * Kinds are the village asset categories (Permendagri 1/2016 on village assets, the columns of
 * Permendagri 47/2016's books); the database checks the same codes.
 */
type Words = { id: string; en: string };
const W = (id: string, en: string): Words => ({ id, en });

export const ASSET_KINDS: Record<AssetKind, Words> = {
  tanah: W('Tanah', 'Land'),
  peralatan_mesin: W('Peralatan dan mesin', 'Equipment and machinery'),
  gedung_bangunan: W('Gedung dan bangunan', 'Buildings'),
  jalan_irigasi_jaringan: W('Jalan, irigasi dan jaringan', 'Roads, irrigation and networks'),
  aset_tetap_lainnya: W('Aset tetap lainnya', 'Other fixed assets'),
  konstruksi_dalam_pengerjaan: W('Konstruksi dalam pengerjaan', 'Construction in progress'),
};
export const KIND_ORDER = Object.keys(ASSET_KINDS) as AssetKind[];

export const ASSET_ORIGINS = {
  apbdes: W('Dibeli sendiri (APBDes)', 'Bought by the village (APBDes)'),
  pemerintah: W('Bantuan pemerintah', 'Central government aid'),
  provinsi: W('Bantuan provinsi', 'Province aid'),
  kabupaten: W('Bantuan kabupaten/kota', 'Regency aid'),
  sumbangan: W('Sumbangan', 'Donation'),
} as const;
export type AssetOrigin = keyof typeof ASSET_ORIGINS;

export const CONDITIONS: Record<AssetCondition, Words> = {
  baik: W('Baik', 'Good'),
  rusak_ringan: W('Rusak ringan', 'Slightly damaged'),
  rusak_berat: W('Rusak berat', 'Badly damaged'),
};

export const DISPOSAL_REASONS = {
  dijual: W('Dijual', 'Sold'),
  rusak: W('Rusak (tidak dapat dipakai)', 'Broken beyond use'),
  hilang: W('Hilang', 'Lost'),
  dihibahkan: W('Dihibahkan/disumbangkan', 'Given away'),
} as const;
export type DisposalReason = keyof typeof DISPOSAL_REASONS;

export const LAND_ORIGINS = {
  asli: W('Asli milik desa', 'Original village land'),
  pembelian: W('Pembelian', 'Bought'),
  bantuan: W('Bantuan', 'Aid'),
  lain_lain: W('Lain-lain', 'Other'),
} as const;
export type LandOrigin = keyof typeof LAND_ORIGINS;

/** What the village's own land is used as (jenis tanah kas desa). */
export const PARCEL_USES = {
  sawah: W('Sawah', 'Rice field'),
  tegal: W('Tegal', 'Dry field'),
  kebun: W('Kebun', 'Garden/plantation'),
  tambak: W('Tambak/kolam', 'Fish pond'),
  tanah_kering: W('Tanah kering/darat', 'Dry land'),
} as const;
export type ParcelUse = keyof typeof PARCEL_USES;

/** Status hak tanah: certified (HM … HPL) or not yet (MA, VI, TN). */
export const LAND_RIGHTS = {
  HM: W('Hak Milik (HM)', 'Freehold (HM)'),
  HGB: W('Hak Guna Bangunan (HGB)', 'Right to build (HGB)'),
  HP: W('Hak Pakai (HP)', 'Right of use (HP)'),
  HGU: W('Hak Guna Usaha (HGU)', 'Right of cultivation (HGU)'),
  HPL: W('Hak Pengelolaan (HPL)', 'Right of management (HPL)'),
  MA: W('Milik Adat (MA)', 'Customary ownership (MA)'),
  VI: W('Verponding Indonesia (VI)', 'Verponding Indonesia (VI)'),
  TN: W('Tanah Negara (TN)', 'State land (TN)'),
} as const;
export type LandRight = keyof typeof LAND_RIGHTS;
export const CERTIFIED: readonly LandRight[] = ['HM', 'HGB', 'HP', 'HGU', 'HPL'];

/** Penggunaan tanah in the Buku Tanah di Desa: non-farm first, then farm uses. */
export const HOLDING_USES = {
  perumahan: W('Perumahan', 'Housing'),
  perdagangan_jasa: W('Perdagangan dan jasa', 'Trade and services'),
  perkantoran: W('Perkantoran', 'Offices'),
  industri: W('Industri', 'Industry'),
  fasilitas_umum: W('Fasilitas umum', 'Public facilities'),
  sawah: W('Sawah', 'Rice field'),
  tegalan: W('Tegalan', 'Dry field'),
  perkebunan: W('Perkebunan', 'Plantation'),
  peternakan_perikanan: W('Peternakan/perikanan', 'Livestock/fishery'),
  hutan_belukar: W('Hutan belukar', 'Scrub'),
  hutan_lebat: W('Hutan lebat/lindung', 'Forest'),
  tanah_kosong: W('Tanah kosong', 'Vacant land'),
  lain_lain: W('Lain-lain', 'Other'),
} as const;
export type HoldingUse = keyof typeof HOLDING_USES;
export const FARM_USES: readonly HoldingUse[] = ['sawah', 'tegalan', 'perkebunan', 'peternakan_perikanan', 'hutan_belukar', 'hutan_lebat', 'tanah_kosong', 'lain_lain'];

/** The code among `list`'s keys, or null. */
export const codeIn = <T extends string>(list: Record<T, Words>, v: string | undefined): T | null => {
  const s = (v ?? '').trim();
  return Object.prototype.hasOwnProperty.call(list, s) ? (s as T) : null;
};
