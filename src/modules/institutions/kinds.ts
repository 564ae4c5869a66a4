/** The institutions a village has (Permendagri 18/2018 on village institutions, plus BPD and community groups). */
export const INSTITUTION_KINDS = {
  bpd: { id: 'BPD (Badan Permusyawaratan Desa)', en: 'BPD (village council)' },
  lpm: { id: 'LPM (Lembaga Pemberdayaan Masyarakat)', en: 'LPM (community empowerment board)' },
  pkk: { id: 'TP PKK', en: 'PKK (family welfare movement)' },
  karang_taruna: { id: 'Karang Taruna', en: 'Karang Taruna (youth organisation)' },
  posyandu: { id: 'Posyandu', en: 'Posyandu (health post)' },
  rt: { id: 'Rukun Tetangga (RT)', en: 'Neighbourhood unit (RT)' },
  rw: { id: 'Rukun Warga (RW)', en: 'Community unit (RW)' },
  adat: { id: 'Lembaga adat', en: 'Customary institution' },
  kelompok: { id: 'Kelompok masyarakat (kelompok tani, UMKM, pengajian …)', en: 'Community group (farmers, small business, religious …)' },
  lainnya: { id: 'Lembaga lainnya', en: 'Other institution' },
} as const;

export const TRAINING_TOPICS = {
  digital: { id: 'Literasi digital / kader digital', en: 'Digital literacy / digital cadres' },
  pertanian: { id: 'Pertanian dan perikanan', en: 'Farming and fishing' },
  usaha: { id: 'Usaha dan pemasaran', en: 'Business and marketing' },
  kesehatan: { id: 'Kesehatan', en: 'Health' },
  pemerintahan: { id: 'Pemerintahan desa', en: 'Village government' },
  lainnya: { id: 'Lainnya', en: 'Other' },
} as const;
