import type { Lang } from '../../platform/i18n/i18n.js';

const text = {
  id: {
    welcome: 'Selamat datang di Balai', intro: 'Balai adalah sistem desa cerdas: administrasi kependudukan, layanan surat, perencanaan dan pemantauan dari desa sampai provinsi.',
    login: 'Masuk', home: 'Beranda', indonesia: 'Seluruh Indonesia', scope: 'wilayah kerja', of: 'dari',
    villagesActive: 'desa/kelurahan sudah memakai Balai', browse: 'Jelajahi wilayah dan aktifkan desa', manageAccounts: 'Kelola akun',
    recent: 'Desa yang sudah aktif', noneActive: 'Belum ada desa yang aktif di wilayah ini.',
    villageIntro: 'Yang dapat Anda kerjakan untuk desa Anda:', villageProfile: 'Profil desa, logo, dusun/RW/RT',
    villageAccounts: 'Akun perangkat desa', changePassword: 'Ganti kata sandi',
    residents: 'Data penduduk', families: 'Keluarga (KK)', statistics: 'Statistik penduduk', monthly: 'Laporan bulanan', corrections: 'Permohonan perbaikan data warga', publicPage: 'Halaman publik desa',
  },
  en: {
    welcome: 'Welcome to Balai', intro: 'Balai is a smart village system: population register, letters, planning and monitoring from village to province.',
    login: 'Log in', home: 'Home', indonesia: 'All of Indonesia', scope: 'area of work', of: 'of',
    villagesActive: 'villages use Balai', browse: 'Browse regions and activate villages', manageAccounts: 'Manage accounts',
    recent: 'Activated villages', noneActive: 'No village in this region is active yet.',
    villageIntro: 'What you can do for your village:', villageProfile: 'Village profile, logo, dusun/RW/RT',
    villageAccounts: 'Village staff accounts', changePassword: 'Change password',
    residents: 'Residents', families: 'Families (KK)', statistics: 'Population statistics', monthly: 'Monthly report', corrections: 'Citizens\' correction requests', publicPage: 'Public village page',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
