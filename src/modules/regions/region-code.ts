import type { RegionKind } from '../../platform/db/schema.js';
import { titleCase } from '../../platform/format/format.js';

/** Digits per level once the dots are gone: province 2, regency 4, district 6, village 10. */
const PLAIN_LENGTH_TO_LEVEL: Record<number, 1 | 2 | 3 | 4> = { 2: 1, 4: 2, 6: 3, 10: 4 };
const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/**
 * "1809102004", "18.09.10.2004" or " 18.09.10.2004 " → "18.09.10.2004"; anything else → null.
 * Regions split over time, so this checks the shape only, never whether the code still exists.
 */
export function normalizeRegionCode(input: string): string | null {
  const s = input.trim();
  if (DOTTED.test(s)) return s;
  if (!/^\d+$/.test(s) || !PLAIN_LENGTH_TO_LEVEL[s.length]) return null;
  const parts = [s.slice(0, 2), s.slice(2, 4), s.slice(4, 6), s.slice(6, 10)].filter(Boolean);
  return parts.join('.');
}

export function regionLevel(code: string): 1 | 2 | 3 | 4 {
  return (code.split('.').length as 1 | 2 | 3 | 4);
}

export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** Every ancestor code, province first: "18.09.10.2004" → ["18", "18.09", "18.09.10"]. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * The kind follows from the code: regency 01–69 kabupaten, 71–99 kota; village part
 * starting 1 kelurahan, 2 desa, 3 desa adat.
 */
export function regionKind(code: string): RegionKind {
  const parts = code.split('.');
  switch (parts.length) {
    case 1:
      return 'provinsi';
    case 2:
      return Number(parts[1]) >= 71 ? 'kota' : 'kabupaten';
    case 3:
      return 'kecamatan';
    default: {
      const first = parts[3]![0];
      return first === '1' ? 'kelurahan' : first === '3' ? 'desa_adat' : 'desa';
    }
  }
}

export const KIND_LABEL: Record<RegionKind, { id: string; en: string }> = {
  provinsi: { id: 'Provinsi', en: 'Province' },
  kabupaten: { id: 'Kabupaten', en: 'Regency' },
  kota: { id: 'Kota', en: 'City' },
  kecamatan: { id: 'Kecamatan', en: 'District' },
  desa: { id: 'Desa', en: 'Village' },
  kelurahan: { id: 'Kelurahan', en: 'Urban ward' },
  desa_adat: { id: 'Desa Adat', en: 'Customary village' },
};

/** "Provinsi Lampung", "Kabupaten Pesawaran", "Kecamatan Teluk Pandan", "Desa Hanura", "Indonesia". */
export function regionTitle(r: { name: string; kind: RegionKind | 'nasional' }, lang: 'id' | 'en'): string {
  if (r.kind === 'nasional') return 'Indonesia';
  if (r.kind === 'kabupaten' || r.kind === 'kota') return titleCase(r.name);
  return `${KIND_LABEL[r.kind][lang]} ${titleCase(r.name)}`;
}
