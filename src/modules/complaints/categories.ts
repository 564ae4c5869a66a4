/**
 * What a complaint is about, each with the days the village gives itself to answer it
 * (a road takes longer to look at than a letter that did not come). Overdue: not answered
 * by the due day.
 */
type Label = { id: string; en: string };
const L = (id: string, en: string): Label => ({ id, en });

export const CATEGORIES: { key: string; label: Label; days: number }[] = [
  { key: 'pelayanan', label: L('Pelayanan kantor desa (surat, administrasi)', 'Village office services (letters, paperwork)'), days: 3 },
  { key: 'kependudukan', label: L('Data kependudukan (KTP, KK, akta)', 'Population records (ID card, family card, certificates)'), days: 5 },
  { key: 'bansos', label: L('Bantuan sosial', 'Social assistance'), days: 7 },
  { key: 'infrastruktur', label: L('Jalan, jembatan, saluran, penerangan', 'Roads, bridges, drains, street lights'), days: 14 },
  { key: 'lingkungan', label: L('Lingkungan dan kebersihan', 'Environment and waste'), days: 7 },
  { key: 'kesehatan', label: L('Kesehatan (posyandu, puskesmas)', 'Health (posyandu, clinic)'), days: 3 },
  { key: 'keamanan', label: L('Keamanan dan ketertiban', 'Safety and order'), days: 2 },
  { key: 'lainnya', label: L('Lainnya / aspirasi', 'Other / an aspiration'), days: 7 },
];
export const categoryOf = (key: string) => CATEGORIES.find((c) => c.key === key);

export const STATUS_LABEL = {
  received: L('Diterima', 'Received'),
  in_progress: L('Diproses', 'In progress'),
  answered: L('Dijawab', 'Answered'),
  closed: L('Selesai', 'Closed'),
} as const;

/** The day a complaint received today is due. */
export function dueOn(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
