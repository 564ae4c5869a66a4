import type { Lang } from '../../i18n/i18n.js';

/** Words of the page frame and shared controls. Module pages keep their own words beside them. */
const text = {
  id: {
    menu: 'Menu utama', home: 'Beranda', regions: 'Wilayah', myVillage: 'Desa saya', accounts: 'Akun',
    password: 'Kata sandi', logout: 'Keluar', login: 'Masuk', guide: 'Panduan halaman ini',
    footer: 'Balai — sistem desa cerdas. Data wilayah: idn-area-data (ODbL).',
    error: 'Kesalahan', backHome: 'Kembali ke beranda', save: 'Simpan', yes: 'Ya', no: 'Tidak',
    myData: 'Data saya', letters: 'Surat',
  },
  en: {
    menu: 'Main menu', home: 'Home', regions: 'Regions', myVillage: 'My village', accounts: 'Accounts',
    password: 'Password', logout: 'Log out', login: 'Log in', guide: 'Guide to this page',
    footer: 'Balai — smart village system. Region data: idn-area-data (ODbL).',
    error: 'Error', backHome: 'Back to home', save: 'Save', yes: 'Yes', no: 'No',
    myData: 'My data', letters: 'Letters',
  },
} satisfies Record<Lang, Record<string, string>>;

export const ui = (lang: Lang) => text[lang];
