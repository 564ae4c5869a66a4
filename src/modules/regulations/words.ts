import type { RegulationKind } from '../../platform/db/schema.js';

/** The four kinds, in the order of the form and the books (Permendagri 111/2014). */
export const KINDS: readonly RegulationKind[] = ['perdes', 'perbersama', 'perkades', 'kepkades'];

export const KIND_LABEL: Record<RegulationKind, { id: string; en: string; short: string }> = {
  perdes: { id: 'Peraturan Desa', en: 'Village Regulation', short: 'Perdes' },
  perbersama: { id: 'Peraturan Bersama Kepala Desa', en: 'Joint Regulation of Village Heads', short: 'Perber' },
  perkades: { id: 'Peraturan Kepala Desa', en: 'Village Head Regulation', short: 'Perkades' },
  kepkades: { id: 'Keputusan Kepala Desa', en: 'Village Head Decision', short: 'Kepkades' },
};

/**
 * "Peraturan Desa Nomor 3 Tahun 2026": a plain number is said with its year; a number the office
 * writes in its own pattern ("141/05/KPTS/2026") is said as written.
 */
export function regulationTitle(kind: RegulationKind, number: string, year: number, lang: 'id' | 'en' = 'id') {
  if (lang === 'en') return /^\d{1,6}$/.test(number) ? `${KIND_LABEL[kind].en} No. ${number} of ${year}` : `${KIND_LABEL[kind].en} No. ${number}`;
  return /^\d{1,6}$/.test(number) ? `${KIND_LABEL[kind].id} Nomor ${number} Tahun ${year}` : `${KIND_LABEL[kind].id} Nomor ${number}`;
}
