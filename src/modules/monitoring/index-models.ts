import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { IndexModel, IndexStatus } from '../../platform/db/schema.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { projectRoot } from '../../platform/paths.js';

/**
 * The two village development indices. IDM (Permendesa 2/2016) is fixed by regulation and
 * lives here as code; Indeks Desa 2024 (Permendesa 9/2024) has weights and cut-offs the
 * domain reference marks unverified, so they come from a JSON file (indeks-desa-2024.json,
 * or the file named by INDEKS_DESA_CONFIG).
 */

export type { IndexModel, IndexStatus };
export const MODELS: readonly IndexModel[] = ['idm', 'id2024'];
/** Worst to best: the order of every table and chart. */
export const STATUSES: readonly IndexStatus[] = ['sangat_tertinggal', 'tertinggal', 'berkembang', 'maju', 'mandiri'];

export const STATUS_LABEL: Record<IndexStatus, Record<Lang, string>> = {
  sangat_tertinggal: { id: 'Sangat tertinggal', en: 'Very underdeveloped' },
  tertinggal: { id: 'Tertinggal', en: 'Underdeveloped' },
  berkembang: { id: 'Berkembang', en: 'Developing' },
  maju: { id: 'Maju', en: 'Advanced' },
  mandiri: { id: 'Mandiri', en: 'Self-reliant' },
};

/** Figures of the village's own data in Balai that speak to an indicator (shown beside it, never used in the score). */
export type VillageDataKey = 'residents' | 'families' | 'school_age' | 'working_age' | 'elderly' | 'jkn_share' | 'letters_year' | 'self_service_share' | 'active_days';

export interface Indicator {
  id: string;
  label: string;
  data?: VillageDataKey;
}
export interface IndicatorGroup {
  id: string;
  label: Record<Lang, string>;
  indicators: Indicator[];
  data?: VillageDataKey[];
}
export interface Dimension {
  key: string;
  label: Record<Lang, string>;
  weight: number;
  groups: IndicatorGroup[];
}
export interface ModelDefinition {
  model: IndexModel;
  label: Record<Lang, string>;
  short: string;
  /** 1: scores 0–1 (IDM); 100: scores 0–100 (Indeks Desa). */
  scale: 1 | 100;
  decimals: number;
  dimensions: Dimension[];
  /** Upper bounds (inclusive) of the first four statuses, worst first. */
  cutoffs: [number, number, number, number];
  verified: boolean;
}

const g = (id: string, idLabel: string, enLabel: string, indicators: [string, string, VillageDataKey?][], data?: VillageDataKey[]): IndicatorGroup => ({
  id,
  label: { id: idLabel, en: enLabel },
  indicators: indicators.map(([iid, label, d]) => ({ id: iid, label, ...(d ? { data: d } : {}) })),
  ...(data ? { data } : {}),
});

/**
 * IDM: indicators scored 0–5, grouped as in the IDM questionnaire (social: health,
 * education, social capital, settlement; economic: production, trade, logistics, finance,
 * economic institutions, openness; ecological: environment quality, disaster risk, disaster
 * response). Each index is the sum of its indicators over their maximum. The wording is ours,
 * shortened; the ministry's published IKS/IKE/IKL can be entered or imported directly.
 */
const IDM: ModelDefinition = {
  model: 'idm',
  label: { id: 'Indeks Desa Membangun (IDM)', en: 'Village Development Index (IDM)' },
  short: 'IDM',
  scale: 1,
  decimals: 4,
  verified: true,
  cutoffs: [0.4907, 0.5989, 0.7072, 0.8155],
  dimensions: [
    {
      key: 'iks',
      label: { id: 'Indeks Ketahanan Sosial (IKS)', en: 'Social Resilience Index (IKS)' },
      weight: 1,
      groups: [
        g('kesehatan', 'Kesehatan', 'Health', [
          ['iks.kes.jarak', 'Waktu tempuh ke sarana kesehatan terdekat'],
          ['iks.kes.dokter', 'Ketersediaan dokter'],
          ['iks.kes.bidan', 'Ketersediaan bidan'],
          ['iks.kes.nakes', 'Ketersediaan tenaga kesehatan lain'],
          ['iks.kes.poskesdes', 'Akses ke poskesdes, polindes atau posyandu'],
          ['iks.kes.posyandu', 'Tingkat aktivitas posyandu'],
          ['iks.kes.jkn', 'Tingkat kepesertaan BPJS Kesehatan (JKN)', 'jkn_share'],
        ], ['residents']),
        g('pendidikan', 'Pendidikan', 'Education', [
          ['iks.pend.sd', 'Akses ke SD/MI'],
          ['iks.pend.smp', 'Akses ke SMP/MTs'],
          ['iks.pend.sma', 'Akses ke SMA/SMK/MA'],
          ['iks.pend.paud', 'Ketersediaan PAUD'],
          ['iks.pend.pkbm', 'Ketersediaan PKBM / Paket A-B-C'],
          ['iks.pend.kursus', 'Ketersediaan kursus atau pusat keterampilan'],
          ['iks.pend.perpus', 'Taman bacaan masyarakat atau perpustakaan desa'],
        ], ['school_age']),
        g('modal_sosial', 'Modal sosial', 'Social capital', [
          ['iks.sos.gotong_royong', 'Kebiasaan gotong royong'],
          ['iks.sos.frekuensi', 'Frekuensi gotong royong'],
          ['iks.sos.ruang_publik', 'Ruang publik terbuka'],
          ['iks.sos.kelompok_or', 'Kelompok kegiatan olahraga'],
          ['iks.sos.kegiatan_or', 'Kegiatan olahraga'],
          ['iks.sos.suku', 'Keragaman suku atau etnis'],
          ['iks.sos.bahasa', 'Bahasa sehari-hari'],
          ['iks.sos.agama', 'Kerukunan antarumat beragama'],
          ['iks.sos.poskamling', 'Pos keamanan lingkungan (poskamling)'],
          ['iks.sos.siskamling', 'Partisipasi warga dalam siskamling'],
          ['iks.sos.konflik', 'Tidak ada perkelahian massal'],
          ['iks.sos.slb', 'Akses ke sekolah luar biasa'],
          ['iks.sos.pmks', 'Penanganan penyandang masalah kesejahteraan sosial'],
        ], ['elderly']),
        g('permukiman', 'Permukiman', 'Settlement', [
          ['iks.muk.air_minum', 'Akses air minum layak'],
          ['iks.muk.air_mandi', 'Akses air untuk mandi dan mencuci'],
          ['iks.muk.jamban', 'Akses jamban dan sanitasi'],
          ['iks.muk.sampah', 'Tempat pembuangan sampah'],
          ['iks.muk.listrik', 'Rumah tangga berlistrik'],
          ['iks.muk.sinyal', 'Sinyal telepon seluler'],
          ['iks.muk.internet', 'Internet di kantor desa'],
          ['iks.muk.siaran', 'Siaran televisi dan radio'],
        ], ['families']),
      ],
    },
    {
      key: 'ike',
      label: { id: 'Indeks Ketahanan Ekonomi (IKE)', en: 'Economic Resilience Index (IKE)' },
      weight: 1,
      groups: [
        g('produksi', 'Keragaman produksi', 'Diversity of production', [['ike.produksi', 'Lebih dari satu jenis kegiatan ekonomi penduduk']], ['working_age']),
        g('perdagangan', 'Pusat pelayanan perdagangan', 'Trade', [
          ['ike.pasar', 'Akses ke pasar'],
          ['ike.toko', 'Toko, minimarket atau warung kelontong'],
          ['ike.kuliner', 'Kedai dan rumah makan'],
          ['ike.penginapan', 'Penginapan'],
        ]),
        g('logistik', 'Akses distribusi dan logistik', 'Distribution and logistics', [['ike.logistik', 'Kantor pos dan jasa logistik']]),
        g('keuangan', 'Akses lembaga keuangan dan perkreditan', 'Banking and credit', [
          ['ike.bank', 'Lembaga keuangan (bank, BPR)'],
          ['ike.kredit', 'Fasilitas kredit (KUR, KKP-E, simpan pinjam)'],
        ]),
        g('lembaga_ekonomi', 'Lembaga ekonomi', 'Economic institutions', [
          ['ike.koperasi', 'Koperasi'],
          ['ike.bumdes', 'Badan usaha milik desa (BUMDes)'],
        ]),
        g('keterbukaan', 'Keterbukaan wilayah', 'Openness', [
          ['ike.angkutan', 'Moda transportasi umum'],
          ['ike.jalan', 'Jalan yang dapat dilalui kendaraan roda empat sepanjang tahun'],
        ]),
      ],
    },
    {
      key: 'ikl',
      label: { id: 'Indeks Ketahanan Lingkungan/Ekologi (IKL)', en: 'Ecological Resilience Index (IKL)' },
      weight: 1,
      groups: [
        g('kualitas', 'Kualitas lingkungan', 'Environment quality', [
          ['ikl.pencemaran', 'Tidak ada pencemaran air, tanah atau udara'],
          ['ikl.sungai', 'Tidak ada sungai yang terkena limbah'],
        ]),
        g('rawan_bencana', 'Potensi rawan bencana', 'Disaster risk', [['ikl.bencana', 'Kejadian bencana alam (banjir, longsor, kebakaran hutan)']]),
        g('tanggap_bencana', 'Tanggap bencana', 'Disaster response', [
          ['ikl.peringatan_dini', 'Sistem peringatan dini dan jalur evakuasi'],
          ['ikl.perlengkapan', 'Perlengkapan keselamatan dan mitigasi'],
        ]),
      ],
    },
  ],
};

const LabelSchema = z.object({ id: z.string().min(1), en: z.string().min(1) });
const Id2024Schema = z.object({
  verified: z.boolean().default(false),
  scale: z.literal(100),
  dimensions: z.array(z.object({ key: z.string().regex(/^[a-z_]{2,30}$/), label: LabelSchema, weight: z.number().positive() })).length(6),
  cutoffs: z.object({ sangat_tertinggal: z.number(), tertinggal: z.number(), berkembang: z.number(), maju: z.number() }),
});

/** Where Balai finds its own figures for each Indeks Desa dimension. */
const ID2024_DATA: Record<string, VillageDataKey[]> = {
  layanan_dasar: ['residents', 'jkn_share', 'school_age'],
  sosial: ['families', 'elderly'],
  ekonomi: ['working_age'],
  tata_kelola: ['letters_year', 'self_service_share', 'active_days'],
};

export function loadId2024(file = process.env.INDEKS_DESA_CONFIG || join(projectRoot, 'src', 'modules', 'monitoring', 'indeks-desa-2024.json')): ModelDefinition {
  const parsed = Id2024Schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Konfigurasi Indeks Desa di ${file} tidak sah: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  const cut: [number, number, number, number] = [c.cutoffs.sangat_tertinggal, c.cutoffs.tertinggal, c.cutoffs.berkembang, c.cutoffs.maju];
  if (cut.some((x, i) => i > 0 && x <= cut[i - 1]!)) throw new Error(`Konfigurasi Indeks Desa di ${file}: batas status harus naik (sangat_tertinggal < tertinggal < berkembang < maju).`);
  return {
    model: 'id2024',
    label: { id: 'Indeks Desa 2024', en: 'Village Index 2024' },
    short: 'ID 2024',
    scale: 100,
    decimals: 2,
    verified: c.verified,
    cutoffs: cut,
    dimensions: c.dimensions.map((d) => ({ key: d.key, label: d.label, weight: d.weight, groups: [{ id: d.key, label: d.label, indicators: [], data: ID2024_DATA[d.key] }] })),
  };
}

let id2024: ModelDefinition | null = null;
export function modelDefinition(model: IndexModel): ModelDefinition {
  if (model === 'idm') return IDM;
  id2024 ??= loadId2024();
  return id2024;
}

export const indicatorsOf = (def: ModelDefinition) => def.dimensions.flatMap((d) => d.groups.flatMap((gr) => gr.indicators.map((i) => ({ ...i, dimension: d.key }))));

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** The five statuses from a score, with the published precision (IDM: four decimals). */
export function statusOf(def: ModelDefinition, score: number): IndexStatus {
  const s = round(score, def.decimals);
  const i = def.cutoffs.findIndex((upper) => s <= upper);
  return STATUSES[i < 0 ? 4 : i]!;
}

/** The combined score: IDM the mean of IKS, IKE and IKL; Indeks Desa the weighted mean of its dimensions. */
export function combine(def: ModelDefinition, dimensions: Record<string, number>): number {
  const total = def.dimensions.reduce((n, d) => n + d.weight, 0);
  return round(def.dimensions.reduce((n, d) => n + d.weight * dimensions[d.key]!, 0) / total, def.decimals);
}

/** IDM: an index from its indicators (each 0–5): their sum over the maximum. Null unless every one is scored. */
export function dimensionFromIndicators(def: ModelDefinition, key: string, indicators: Record<string, number>): number | null {
  const dim = def.dimensions.find((d) => d.key === key);
  const ids = dim?.groups.flatMap((gr) => gr.indicators.map((i) => i.id)) ?? [];
  if (!ids.length || ids.some((id) => indicators[id] === undefined)) return null;
  return round(ids.reduce((n, id) => n + indicators[id]!, 0) / (5 * ids.length), def.decimals);
}

/** The range a status covers, for the guide and the page's legend: "0,5989 < IDM ≤ 0,7072". */
export function statusRanges(def: ModelDefinition): { status: IndexStatus; from: number | null; to: number | null }[] {
  return STATUSES.map((status, i) => ({ status, from: i === 0 ? null : def.cutoffs[i - 1]!, to: i === 4 ? null : def.cutoffs[i]! }));
}
