import type { Lang } from '../../../platform/i18n/i18n.js';

/** Words of the monthly population report (page and workbook). */
const text = {
  id: {
    title: 'Laporan bulanan penduduk', heading: 'LAPORAN BULANAN PENDUDUK', month: 'Bulan', year: 'Tahun', show: 'Tampilkan',
    months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
    detail: 'Perincian', wni: 'WNI', wna: 'WNA', all: 'Jumlah', m: 'L', f: 'P', mf: 'L+P', male: 'Laki-laki', female: 'Perempuan',
    start: 'Penduduk awal bulan', births: 'Lahir', moves_in: 'Datang (pindah masuk)', registered: 'Didaftarkan (data baru/impor)',
    returned: 'Kembali setelah hilang', deaths: 'Meninggal', moves_out: 'Pindah keluar', lost: 'Hilang', end: 'Penduduk akhir bulan',
    families: 'Keluarga (KK)', familiesStart: 'KK awal bulan', familiesAdded: 'KK bertambah', familiesEnded: 'KK berkurang', familiesEnd: 'KK akhir bulan',
    population: 'Penduduk', count: 'Jumlah',
    definition: 'Penduduk = warga yang hidup dan tercatat di desa, termasuk yang pergi sementara; sama dengan halaman statistik. Akhir bulan = awal bulan berikutnya.',
    citizenshipNote: 'WNI termasuk anak berkewarganegaraan ganda terbatas dan penduduk yang kewarganegaraannya belum diisi.',
    familiesNote: 'KK dihitung bila ada anggotanya yang termasuk penduduk, menurut kartu keluarga saat ini.',
    excel: 'Unduh Excel (.xlsx)', print: 'Cetak dengan menu cetak peramban (Ctrl+P): formulir dan menu tidak ikut tercetak.',
    head: { desa: 'Kepala Desa', kelurahan: 'Lurah', desa_adat: 'Kepala Desa Adat' } as Record<string, string>,
    nip: 'NIP', nipd: 'NIPD', noHead: 'Nama kepala desa belum diisi di profil desa.', village: 'Desa',
  },
  en: {
    title: 'Monthly population report', heading: 'MONTHLY POPULATION REPORT', month: 'Month', year: 'Year', show: 'Show',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    detail: 'Item', wni: 'Citizens (WNI)', wna: 'Foreigners (WNA)', all: 'Total', m: 'M', f: 'F', mf: 'M+F', male: 'Male', female: 'Female',
    start: 'Residents at the start of the month', births: 'Births', moves_in: 'Moved in', registered: 'Registered (new records/import)',
    returned: 'Returned after missing', deaths: 'Deaths', moves_out: 'Moved out', lost: 'Missing', end: 'Residents at the end of the month',
    families: 'Families (KK)', familiesStart: 'Families at the start', familiesAdded: 'Families added', familiesEnded: 'Families ended', familiesEnd: 'Families at the end',
    population: 'Residents', count: 'Count',
    definition: 'Residents = the living registered in the village, including those temporarily away; the same as on the statistics page. End of month = start of the next.',
    citizenshipNote: 'WNI includes children with limited dual citizenship and residents whose citizenship is not filled in.',
    familiesNote: 'A family counts when one of its members is a resident, by today\'s family card.',
    excel: 'Download Excel (.xlsx)', print: 'Print with the browser\'s print menu (Ctrl+P): forms and menus are left out.',
    head: { desa: 'Village Head', kelurahan: 'Lurah', desa_adat: 'Customary Village Head' } as Record<string, string>,
    nip: 'NIP', nipd: 'NIPD', noHead: 'The village head\'s name is not filled in on the village profile.', village: 'Village',
  },
} satisfies Record<Lang, Record<string, unknown>>;

export type ReportWords = (typeof text)['id'];
export const reportWords = (lang: Lang): ReportWords => text[lang];
