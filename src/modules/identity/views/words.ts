import type { Lang } from '../../../platform/i18n/i18n.js';

const text = {
  id: {
    loginTitle: 'Masuk ke Balai', username: 'Nama pengguna', password: 'Kata sandi', loginButton: 'Masuk',
    passwordTitle: 'Ganti kata sandi', currentPassword: 'Kata sandi saat ini', newPassword: 'Kata sandi baru',
    confirmPassword: 'Ulangi kata sandi baru', passwordHint: 'Minimal 10 karakter. Kalimat panjang yang mudah Anda ingat lebih aman daripada kata pendek yang rumit.',
    logoutEverywhere: 'Keluar dari semua perangkat', accountsTitle: 'Akun pengguna', newAccount: 'Buat akun baru',
    fullName: 'Nama lengkap', role: 'Peran', region: 'Kode wilayah', regionHint: 'Contoh: 18.09.10.2004 untuk desa, 18.09.10 untuk kecamatan.',
    positionTitle: 'Jabatan', nip: 'NIP / nomor pegawai', email: 'E-mail', phone: 'Telepon', initialPassword: 'Kata sandi awal',
    create: 'Buat akun', active: 'Aktif', inactive: 'Nonaktif', none: 'Belum ada akun.', status: 'Status',
  },
  en: {
    loginTitle: 'Log in to Balai', username: 'Username', password: 'Password', loginButton: 'Log in',
    passwordTitle: 'Change password', currentPassword: 'Current password', newPassword: 'New password',
    confirmPassword: 'Repeat the new password', passwordHint: 'At least 10 characters. A long sentence you remember is safer than a short complicated word.',
    logoutEverywhere: 'Log out on every device', accountsTitle: 'User accounts', newAccount: 'Create an account',
    fullName: 'Full name', role: 'Role', region: 'Region code', regionHint: 'E.g. 18.09.10.2004 for a village, 18.09.10 for a district.',
    positionTitle: 'Position', nip: 'Staff number (NIP)', email: 'E-mail', phone: 'Phone', initialPassword: 'Initial password',
    create: 'Create account', active: 'Active', inactive: 'Disabled', none: 'No accounts yet.', status: 'Status',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
