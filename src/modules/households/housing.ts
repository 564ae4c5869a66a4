/**
 * The housing items of a household as the Smart Village "data bank" surveys them, with the
 * categories of the national socio-economic survey. Codes are stored; labels are shown. The
 * `poor` codes are what the dashboards count (dirt floor, no electricity, no toilet, unsafe water).
 */
type Label = { id: string; en: string };
export interface HousingItem { field: HousingField; label: Label; codes: [number, Label][]; poor: number[] }
export type HousingField = 'floor' | 'wall' | 'roof' | 'water' | 'sanitation' | 'electricity' | 'house_ownership';

const L = (id: string, en: string): Label => ({ id, en });

export const HOUSING: HousingItem[] = [
  { field: 'floor', label: L('Lantai terluas', 'Main floor'), poor: [1], codes: [
    [1, L('Tanah', 'Earth')], [2, L('Bambu/kayu kualitas rendah', 'Bamboo or low-quality wood')], [3, L('Kayu/papan', 'Wooden boards')],
    [4, L('Semen/bata merah', 'Cement or brick')], [5, L('Keramik/marmer/granit', 'Tiles, marble or granite')],
  ] },
  { field: 'wall', label: L('Dinding terluas', 'Main wall'), poor: [], codes: [
    [1, L('Bambu/anyaman/rumbia', 'Bamboo or woven')], [2, L('Kayu/papan', 'Wooden boards')], [3, L('Tembok tanpa plester', 'Unplastered masonry')], [4, L('Tembok diplester', 'Plastered masonry')],
  ] },
  { field: 'roof', label: L('Atap terluas', 'Main roof'), poor: [], codes: [
    [1, L('Ijuk/rumbia/daun', 'Thatch or leaves')], [2, L('Seng', 'Corrugated iron')], [3, L('Asbes', 'Asbestos')], [4, L('Genteng', 'Roof tiles')], [5, L('Beton', 'Concrete')],
  ] },
  { field: 'water', label: L('Sumber air minum', 'Drinking water'), poor: [1, 2, 3], codes: [
    [1, L('Sungai/danau/air hujan', 'River, lake or rain')], [2, L('Mata air tidak terlindungi', 'Unprotected spring')], [3, L('Sumur tidak terlindungi', 'Unprotected well')],
    [4, L('Sumur terlindungi/sumur bor', 'Protected or bored well')], [5, L('Leding/PAM', 'Piped water')], [6, L('Air kemasan/isi ulang', 'Bottled or refill water')],
  ] },
  { field: 'sanitation', label: L('Jamban', 'Toilet'), poor: [1], codes: [
    [1, L('Tidak ada', 'None')], [2, L('Jamban bersama/umum', 'Shared or public')], [3, L('Milik sendiri tanpa tangki septik', 'Own, without septic tank')], [4, L('Milik sendiri dengan tangki septik', 'Own, with septic tank')],
  ] },
  { field: 'electricity', label: L('Penerangan', 'Lighting'), poor: [1], codes: [
    [1, L('Tidak ada listrik', 'No electricity')], [2, L('Listrik non-PLN', 'Off-grid electricity')], [3, L('PLN 450 VA', 'PLN 450 VA')], [4, L('PLN 900 VA', 'PLN 900 VA')], [5, L('PLN lebih dari 900 VA', 'PLN above 900 VA')],
  ] },
  { field: 'house_ownership', label: L('Status rumah', 'House ownership'), poor: [], codes: [
    [1, L('Milik sendiri', 'Owned')], [2, L('Kontrak/sewa', 'Rented')], [3, L('Bebas sewa/menumpang', 'Rent-free')], [4, L('Dinas', 'Official housing')], [5, L('Lainnya', 'Other')],
  ] },
];

/** Assets the data bank asks about. */
export const ASSETS: [string, Label][] = [
  ['motor', L('Sepeda motor', 'Motorcycle')], ['mobil', L('Mobil', 'Car')], ['kulkas', L('Lemari es', 'Refrigerator')], ['tv', L('Televisi', 'Television')],
  ['hp', L('Telepon genggam', 'Mobile phone')], ['komputer', L('Komputer/laptop', 'Computer')], ['ternak', L('Ternak besar (sapi, kerbau)', 'Cattle')],
  ['perahu', L('Perahu/kapal motor', 'Boat')], ['lahan', L('Lahan pertanian sendiri', 'Own farmland')],
];

export const housingLabel = (field: HousingField, code: number | null, lang: 'id' | 'en') =>
  code === null ? '' : (HOUSING.find((h) => h.field === field)?.codes.find(([c]) => c === code)?.[1][lang] ?? String(code));
