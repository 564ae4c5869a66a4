/** What the books' pages say, Bahasa Indonesia first. */
export const BOOK_TEXT = {
  id: {
    shelf: 'Buku administrasi desa',
    shelfIntro: 'Buku-buku administrasi desa (Permendagri 47/2016) disusun dari data yang sudah ada di Balai: tidak diketik dua kali, jadi selalu sama dengan datanya. Setiap buku bisa diunduh sebagai Excel dan dicetak sebagai PDF (A4 atau F4 mendatar) dengan tanda tangan kepala desa.',
    groups: { umum: 'Administrasi umum', penduduk: 'Administrasi penduduk', keuangan: 'Administrasi keuangan', pembangunan: 'Administrasi pembangunan' },
    notKept: 'Belum tersedia',
    year: 'Tahun', month: 'Bulan', allYear: 'Setahun penuh', show: 'Tampilkan',
    excel: 'Unduh Excel', pdfA4: 'PDF A4', pdfF4: 'PDF F4 (folio)',
    rows: 'baris', page: 'Halaman', of: 'dari', prev: '‹ Sebelumnya', next: 'Berikutnya ›',
    shelfLink: 'Semua buku administrasi',
    current: 'Keadaan hari ini',
    noDownload: 'Mengunduh buku ini perlu hak ekspor data penduduk.',
  },
  en: {
    shelf: 'Village administration books',
    shelfIntro: 'The village administration books (Permendagri 47/2016) are made from the data already in Balai: never typed twice, so they always agree with it. Each book downloads as Excel and prints as PDF (landscape A4 or F4) with the village head\'s signature.',
    groups: { umum: 'General administration', penduduk: 'Population', keuangan: 'Finance', pembangunan: 'Development' },
    notKept: 'Not available yet',
    year: 'Year', month: 'Month', allYear: 'Whole year', show: 'Show',
    excel: 'Download Excel', pdfA4: 'PDF A4', pdfF4: 'PDF F4 (folio)',
    rows: 'rows', page: 'Page', of: 'of', prev: '‹ Previous', next: 'Next ›',
    shelfLink: 'All administration books',
    current: 'As of today',
    noDownload: 'Downloading this book needs the right to export population data.',
  },
};
