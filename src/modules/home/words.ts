import type { Lang } from '../../platform/i18n/i18n.js';

const text = {
  id: {
    welcome: 'Selamat datang di Balai', intro: 'Balai adalah sistem desa cerdas: administrasi kependudukan, layanan surat, perencanaan dan pemantauan dari desa sampai provinsi.',
    login: 'Masuk', home: 'Beranda', indonesia: 'Seluruh Indonesia', scope: 'wilayah kerja', of: 'dari',
    villagesActive: 'desa/kelurahan sudah memakai Balai', browse: 'Jelajahi wilayah dan aktifkan desa', manageAccounts: 'Kelola akun',
    recent: 'Desa yang sudah aktif', noneActive: 'Belum ada desa yang aktif di wilayah ini.',
    villageIntro: 'Yang dapat Anda kerjakan untuk desa Anda:', villageProfile: 'Profil desa, logo, dusun/RW/RT',
    villageAccounts: 'Akun perangkat desa', changePassword: 'Ganti kata sandi',
    residents: 'Data penduduk', families: 'Keluarga (KK)', statistics: 'Statistik penduduk', monthly: 'Laporan bulanan', corrections: 'Permohonan perbaikan data warga', notifications: 'Pemberitahuan kepada warga', publicPage: 'Halaman publik desa',
    // the landing page
    officers: 'Perangkat desa dan petugas wilayah', officersText: 'Masuk dengan nama pengguna dan kata sandi dari admin Balai.',
    citizens: 'Warga', citizensText: 'Ajukan surat dan lihat data keluarga Anda dari HP, dengan NIK dan PIN dari kantor desa.', citizenLogin: 'Layanan mandiri warga',
    verify: 'Periksa keaslian surat', verifyText: 'Ketik kode verifikasi yang tercetak di bawah kode QR pada surat.', verifyCode: 'Kode verifikasi', verifyButton: 'Periksa',
    publicPages: 'Halaman publik desa', publicText: 'Jumlah penduduk dan layanan desa yang memakai Balai, untuk siapa saja:', publicNone: 'Belum ada desa yang memakai Balai.', villagesIn: 'desa',
    // work waiting
    work: 'Pekerjaan menunggu', workNone: 'Tidak ada surat yang menunggu. Semua permohonan sudah dikerjakan.',
    toCheck: 'permohonan surat perlu diperiksa', toSign: 'surat menunggu tanda tangan', toSignYours: 'surat menunggu tanda tangan Anda',
    toMarkReady: 'surat sudah ditandatangani, tandai siap diambil', toHandOver: 'surat siap diserahkan kepada warga',
    // a village that has just started
    startTitle: 'Mulai di sini: desa Anda belum punya data penduduk',
    startText: 'Halaman publik desa akan menampilkan angka kependudukan setelah data penduduk dimasukkan. Tiga langkah:',
    startProfile: 'Lengkapi profil desa dan dusun/RW/RT', startImport: 'Impor data penduduk dari OpenSID atau Excel',
    startImportNote: 'bila desa sudah memakai OpenSID atau punya daftar penduduk di Excel', startAdd: 'Tambah penduduk satu per satu',
    startAddNote: 'untuk desa yang mulai dari buku induk kertas', guide: 'panduan',
    startingPublic: 'baru mulai memakai Balai', startingPublicText: 'Angka kependudukan tampil di halaman ini setelah perangkat desa memasukkan data penduduk.',
  },
  en: {
    welcome: 'Welcome to Balai', intro: 'Balai is a smart village system: population register, letters, planning and monitoring from village to province.',
    login: 'Log in', home: 'Home', indonesia: 'All of Indonesia', scope: 'area of work', of: 'of',
    villagesActive: 'villages use Balai', browse: 'Browse regions and activate villages', manageAccounts: 'Manage accounts',
    recent: 'Activated villages', noneActive: 'No village in this region is active yet.',
    villageIntro: 'What you can do for your village:', villageProfile: 'Village profile, logo, dusun/RW/RT',
    villageAccounts: 'Village staff accounts', changePassword: 'Change password',
    residents: 'Residents', families: 'Families (KK)', statistics: 'Population statistics', monthly: 'Monthly report', corrections: 'Citizens\' correction requests', notifications: 'Notifications to citizens', publicPage: 'Public village page',
    officers: 'Village and regional officers', officersText: 'Log in with the username and password from your Balai administrator.',
    citizens: 'Citizens', citizensText: 'Request letters and see your family\'s data from your phone, with your NIK and the PIN from the village office.', citizenLogin: 'Citizen self-service',
    verify: 'Check a letter', verifyText: 'Type the verification code printed below the QR code on the letter.', verifyCode: 'Verification code', verifyButton: 'Check',
    publicPages: 'Public village pages', publicText: 'Population and services of the villages on Balai, open to everyone:', publicNone: 'No village uses Balai yet.', villagesIn: 'villages',
    work: 'Work waiting', workNone: 'No letters are waiting. Every request has been handled.',
    toCheck: 'letter requests to check', toSign: 'letters waiting for a signature', toSignYours: 'letters waiting for your signature',
    toMarkReady: 'letters signed, to mark ready for pick-up', toHandOver: 'letters ready to hand over to citizens',
    startTitle: 'Start here: your village has no residents yet',
    startText: 'The public village page shows population figures once residents are entered. Three steps:',
    startProfile: 'Complete the village profile and its dusun/RW/RT', startImport: 'Import residents from OpenSID or Excel',
    startImportNote: 'when the village already uses OpenSID or keeps its register in Excel', startAdd: 'Add residents one by one',
    startAddNote: 'for a village starting from the paper register', guide: 'guide',
    startingPublic: 'has just started using Balai', startingPublicText: 'Population figures appear on this page once the village office has entered its residents.',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
