import type { Lang } from '../../../platform/i18n/i18n.js';

const text = {
  id: {
    regionsTitle: 'Wilayah', indonesia: 'Indonesia', code: 'Kode', name: 'Nama', kind: 'Jenis', villages: 'Desa/kelurahan',
    activated: 'Sudah aktif', percent: 'Persen', activate: 'Aktifkan', target: 'Desa sasaran provinsi',
    initiative: 'Inisiatif sendiri', activationKind: 'Jenis aktivasi', activeSince: 'Aktif sejak', activatedBy: 'Diaktifkan oleh',
    notActive: 'Belum aktif', open: 'Buka', totals: 'Jumlah', activatedHere: 'Desa yang sudah aktif di wilayah ini',
    profile: 'Profil desa', headName: 'Nama kepala desa', headNip: 'NIP / nomor kepala desa', officeAddress: 'Alamat kantor',
    postalCode: 'Kode pos', phone: 'Telepon', email: 'E-mail', website: 'Situs web', logo: 'Logo', uploadLogo: 'Unggah logo',
    logoHint: 'PNG atau JPEG, maksimal 300 KB.', areas: 'Wilayah administratif desa (dusun, RW, RT)', addArea: 'Tambah wilayah',
    level: 'Tingkat', parent: 'Berada di bawah', none: '—', noAreas: 'Belum ada dusun. Tambahkan dusun pertama di bawah.',
    save: 'Simpan', dusun: 'Dusun', rw: 'RW', rt: 'RT', search: 'Cari wilayah', searchButton: 'Cari', results: 'wilayah cocok dengan', noResults: 'Tidak ada wilayah yang cocok dengan',
    up: 'Naik ke', residents: 'Data penduduk', statistics: 'Statistik penduduk', letters: 'Layanan surat', letterFigures: 'Angka layanan surat', publicPage: 'Halaman publik', district: 'Kecamatan', regency: 'Kabupaten/Kota', province: 'Provinsi', notActivatedYet: 'Desa ini belum diaktifkan di Balai.',
  },
  en: {
    regionsTitle: 'Regions', indonesia: 'Indonesia', code: 'Code', name: 'Name', kind: 'Kind', villages: 'Villages',
    activated: 'Activated', percent: 'Percent', activate: 'Activate', target: "Province's target village",
    initiative: 'Own initiative', activationKind: 'Activation kind', activeSince: 'Active since', activatedBy: 'Activated by',
    notActive: 'Not active', open: 'Open', totals: 'Total', activatedHere: 'Activated villages in this region',
    profile: 'Village profile', headName: 'Village head', headNip: "Village head's staff number", officeAddress: 'Office address',
    postalCode: 'Postal code', phone: 'Phone', email: 'E-mail', website: 'Website', logo: 'Logo', uploadLogo: 'Upload logo',
    logoHint: 'PNG or JPEG, at most 300 KB.', areas: 'Areas of the village (dusun, RW, RT)', addArea: 'Add area',
    level: 'Level', parent: 'Inside', none: '—', noAreas: 'No dusun yet. Add the first one below.',
    save: 'Save', dusun: 'Dusun', rw: 'RW', rt: 'RT', search: 'Search regions', searchButton: 'Search', results: 'regions match', noResults: 'No region matches',
    up: 'Up to', residents: 'Residents', statistics: 'Population statistics', letters: 'Letters', letterFigures: 'Letter figures', publicPage: 'Public page', district: 'District', regency: 'Regency/City', province: 'Province', notActivatedYet: 'This village is not activated on Balai yet.',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
