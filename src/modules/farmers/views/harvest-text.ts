import { formatRupiah } from '../../../platform/format/format.js';
import { formatQuantity } from '../catalog.js';
import type { OfferStatus } from '../harvest.service.js';

/** The words of the harvest pages (officer, citizen, public), Bahasa Indonesia first. */
export const HARVEST_TEXT = {
  id: {
    officeTitle: 'Penawaran hasil panen', myTitle: 'Jual hasil panen',
    officeIntro: 'Catat hasil panen yang dijual Poktan atau petani desa: pembeli melihat penawaran yang masih dibuka di halaman publik kecamatan, tanpa NIK dan tanpa nama lengkap petani. Tutup penawaran bila sudah terjual atau ditarik; harganya tetap masuk ke angka harga mingguan kabupaten.',
    myIntro: 'Tawarkan hasil panen Anda kepada pembeli. Penawaran tampil di halaman publik kecamatan dengan nama depan Anda dan inisial nama belakang, tanpa NIK. Tutup bila sudah terjual atau batal dijual.',
    publicLink: 'Halaman penawaran kecamatan (untuk pembeli)', pricesLink: 'Harga panen mingguan kabupaten', back: 'Kembali ke layanan warga',
    commodity: 'Komoditas', seller: 'Penjual', quantity: 'Jumlah', price: 'Harga per kg', available: 'Siap dijual', contact: 'Kontak', status: 'Status', recorded: 'Dicatat',
    individual: 'perorangan', none: 'Belum ada penawaran.', noneMine: 'Anda belum pernah menawarkan hasil panen.',
    sold: 'Terjual', withdraw: 'Tarik', closedOn: 'ditutup',
    newOffer: 'Catat penawaran', newMine: 'Tawarkan hasil panen', group: 'Poktan', noGroup: '— bukan Poktan: petani perorangan (isi NIK) —', nik: 'atau NIK petani (16 angka)',
    quantityInput: 'Jumlah (kg)', priceInput: 'Harga per kg (Rp, tanpa sen)', availableInput: 'Tanggal siap dijual', phoneInput: 'Nomor HP yang dapat dihubungi pembeli',
    phoneHint: 'Nomor kantor desa atau pengurus Poktan. Nomor pribadi petani hanya dengan izinnya.', myPhoneHint: 'Boleh dikosongkan: pembeli lalu bertanya ke kantor desa.',
    choose: '— pilih —', save: 'Simpan', saved: 'Tersimpan.', prev: 'Sebelumnya', next: 'Berikutnya', page: 'Halaman',
  },
  en: {
    officeTitle: 'Harvest offers', myTitle: 'Sell your harvest',
    officeIntro: 'Record the harvests the village\'s farmer groups or farmers sell: buyers see the open offers on the district\'s public page, without NIK and without the farmer\'s full name. Close an offer once sold or withdrawn; its price still counts in the regency\'s weekly price figures.',
    myIntro: 'Offer your harvest to buyers. The offer shows on the district\'s public page with your first name and the initial of your last name, never your NIK. Close it once sold or no longer for sale.',
    publicLink: 'The district\'s offers page (for buyers)', pricesLink: 'Weekly harvest prices of the regency', back: 'Back to citizen services',
    commodity: 'Commodity', seller: 'Seller', quantity: 'Quantity', price: 'Price per kg', available: 'Available from', contact: 'Contact', status: 'Status', recorded: 'Recorded',
    individual: 'individual', none: 'No offers yet.', noneMine: 'You have not offered a harvest yet.',
    sold: 'Sold', withdraw: 'Withdraw', closedOn: 'closed',
    newOffer: 'Record an offer', newMine: 'Offer a harvest', group: 'Farmer group', noGroup: '— not a group: one farmer (fill in the NIK) —', nik: 'or the farmer\'s NIK (16 digits)',
    quantityInput: 'Quantity (kg)', priceInput: 'Price per kg (Rp, whole rupiah)', availableInput: 'Available from', phoneInput: 'Phone a buyer may call',
    phoneHint: 'The village office\'s or the group leader\'s number. A farmer\'s own number only with their consent.', myPhoneHint: 'May be left empty: buyers then ask the village office.',
    choose: '— choose —', save: 'Save', saved: 'Saved.', prev: 'Previous', next: 'Next', page: 'Page',
  },
} as const;

export const STATUS_LABEL: Record<OfferStatus, { id: string; en: string; tag: string }> = {
  open: { id: 'Dibuka', en: 'Open', tag: 'tag-ready' },
  sold: { id: 'Terjual', en: 'Sold', tag: 'tag-signed' },
  withdrawn: { id: 'Ditarik', en: 'Withdrawn', tag: 'tag-rejected' },
};

export const kg = (v: string, lang: 'id' | 'en') => `${formatQuantity(v, lang)} kg`;
export const perKg = (v: string) => `${formatRupiah(v)}/kg`;
/** A number a phone can dial from a link: digits and a leading plus. */
export const telOf = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;
export const commodityName = (o: { commodity_name: string; commodity_name_en: string }, lang: 'id' | 'en') => (lang === 'en' ? o.commodity_name_en : o.commodity_name);
