import { formatDate, formatRupiah } from '../../../platform/format/format.js';

export const TOURISM_TEXT = {
  id: {
    title: 'Wisata dan potensi desa', provinceTitle: 'Wisata dan potensi desa di Lampung', intro: 'Destinasi wisata, homestay, acara dan produk unggulan desa-desa. Pilih kabupaten untuk melihat lebih dekat.',
    q: 'Cari nama', kind: 'Jenis', allKinds: 'Semua jenis', region: 'Kode wilayah (kabupaten, kecamatan atau desa)', search: 'Cari', none: 'Belum ada yang dicatat.',
    page: 'Halaman', prev: '‹ Sebelumnya', next: 'Berikutnya ›', free: 'Gratis', per: 'per', hours: 'Jam buka', address: 'Alamat', map: 'Lihat di peta', call: 'Hubungi',
    rooms: 'kamar', dates: 'Tanggal', pastEvents: 'Acara yang sudah lewat', buy: 'Beli di Pasar Desa', photo: 'Foto', village: 'Desa', back: 'Semua wisata dan potensi desa',
    byRegion: 'Menurut wilayah', listings: 'potensi', allProvince: 'Seluruh provinsi', updated: 'Diperbarui',
    // the office
    officeIntro: 'Yang dicatat di sini tampil di situs desa dan di daftar wisata se-provinsi. Jangan mencantumkan data pribadi warga.',
    add: 'Tambah potensi', save: 'Simpan', saved: 'Tersimpan.', name: 'Nama', description: 'Uraian', lat: 'Lintang (misalnya -5.4291)', lon: 'Bujur (misalnya 105.2611)',
    hoursHint: 'Jam buka (misalnya Setiap hari 08.00–17.00)', priceMin: 'Harga (mulai dari; 0 bila gratis)', priceMax: 'Harga paling tinggi (kosongkan bila satu harga)', priceUnit: 'Harga per (misalnya orang, malam, paket)',
    phone: 'Nomor HP yang dapat dihubungi', roomsField: 'Jumlah kamar', startsOn: 'Tanggal mulai', endsOn: 'Tanggal selesai', product: 'Produk di Pasar Desa', noProduct: '— tidak ada —',
    photos: 'Foto (paling banyak 5; JPEG, PNG atau WebP)', newPhotos: 'Ganti foto (kosongkan bila tetap)', edit: 'Ubah', withdraw: 'Tarik dari situs', restore: 'Tampilkan lagi', withdrawn: 'ditarik',
    myListings: 'Yang sudah dicatat', onSite: 'Lihat di situs desa', onProvince: 'Lihat daftar se-provinsi', forKind: 'Isian khusus',
  },
  en: {
    title: 'Tourism and local potential', provinceTitle: 'Tourism and local potential in Lampung', intro: 'Destinations, homestays, events and products of the villages. Choose a regency to look closer.',
    q: 'Search a name', kind: 'Kind', allKinds: 'All kinds', region: 'Region code (regency, district or village)', search: 'Search', none: 'Nothing listed yet.',
    page: 'Page', prev: '‹ Previous', next: 'Next ›', free: 'Free', per: 'per', hours: 'Opening hours', address: 'Address', map: 'See on the map', call: 'Call',
    rooms: 'rooms', dates: 'Dates', pastEvents: 'Past events', buy: 'Buy on the Village Market', photo: 'Photo', village: 'Village', back: 'All tourism and local potential',
    byRegion: 'By region', listings: 'listed', allProvince: 'The whole province', updated: 'Updated',
    officeIntro: 'What is listed here shows on the village website and in the province-wide listing. Do not include residents\' personal data.',
    add: 'Add a listing', save: 'Save', saved: 'Saved.', name: 'Name', description: 'Description', lat: 'Latitude (e.g. -5.4291)', lon: 'Longitude (e.g. 105.2611)',
    hoursHint: 'Opening hours (e.g. Daily 08.00–17.00)', priceMin: 'Price (from; 0 when free)', priceMax: 'Highest price (empty for one price)', priceUnit: 'Price per (e.g. person, night, package)',
    phone: 'Contact phone', roomsField: 'Rooms', startsOn: 'Start date', endsOn: 'End date', product: 'Product on the Village Market', noProduct: '— none —',
    photos: 'Photos (at most 5; JPEG, PNG or WebP)', newPhotos: 'Replace the photos (empty to keep them)', edit: 'Edit', withdraw: 'Withdraw from the website', restore: 'Show again', withdrawn: 'withdrawn',
    myListings: 'Listed so far', onSite: 'See on the village website', onProvince: 'See the province-wide listing', forKind: 'For this kind',
  },
} as const;
export type TourismWords = (typeof TOURISM_TEXT)['id' | 'en'];

/** "Gratis", "Rp15.000 per orang", "Rp250.000–Rp400.000 per malam". */
export function priceText(l: { price_min: string | null; price_max: string | null; price_unit: string | null }, w: TourismWords): string | null {
  if (l.price_min === null) return null;
  if (l.price_min === '0' && (l.price_max === null || l.price_max === '0')) return w.free;
  const range = l.price_max && l.price_max !== l.price_min ? `${formatRupiah(l.price_min)}–${formatRupiah(l.price_max)}` : formatRupiah(l.price_min);
  return l.price_unit ? `${range} ${w.per} ${l.price_unit}` : range;
}

/** "10 September 2026" or "10 September 2026 – 12 September 2026". */
export function eventDays(l: { starts_on: string | null; ends_on: string | null }, lang: 'id' | 'en'): string | null {
  if (!l.starts_on) return null;
  return l.ends_on && l.ends_on !== l.starts_on ? `${formatDate(l.starts_on, lang)} – ${formatDate(l.ends_on, lang)}` : formatDate(l.starts_on, lang);
}

export const tourismPhotoUrl = (village: string, id: number, size: 'kecil' | 'besar') => `/wisata/foto/${village}/${id}/${size}`;
