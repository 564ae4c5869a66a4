import type { Lang } from '../../../platform/i18n/i18n.js';

const text = {
  id: {
    title: 'Log audit', regionTitle: 'Log audit wilayah',
    intro: 'Setiap perubahan data dan setiap pembukaan data pribadi di Balai tercatat di sini: siapa, kapan, apa, dan hasilnya.',
    appendOnly: 'Log ini hanya bisa ditambah, tidak bisa diubah atau dihapus. Basis data sendiri menolaknya: pemicu (trigger) audit_log_no_change menggagalkan setiap perintah UPDATE atau DELETE pada tabel log audit, juga bila dijalankan langsung oleh administrator server. Catatan dibuat dalam transaksi yang sama dengan perubahan datanya: perubahan tanpa catatan tidak mungkin tersimpan.',
    regionIntro: 'Untuk wilayah di atas desa hanya ditampilkan metadata: waktu, tindakan, desa, hasil dan peran pelaku, serta jumlah per tindakan. Nama pelaku, data yang disentuh dan rinciannya (yang bisa memuat nama atau NIK warga) hanya dapat dilihat kepala desa dan sekretaris desa di desanya sendiri.',
    readLogged: 'Membuka halaman ini dan mengunduh Excel juga tercatat di log.',
    from: 'Dari tanggal', to: 'Sampai tanggal', actor: 'Pelaku (nama pengguna)', role: 'Peran pelaku', action: 'Tindakan atau modul',
    actionHint: 'Misalnya resident untuk semua tindakan pada data penduduk, atau auth.login untuk satu tindakan.',
    anyRole: 'Semua peran', show: 'Tampilkan', excel: 'Unduh Excel', total: 'Jumlah catatan', page: 'Halaman', prev: '« Sebelumnya', next: 'Berikutnya »',
    perAction: 'Jumlah per tindakan', count: 'Jumlah', refused: 'Ditolak/gagal', none: 'Tidak ada catatan untuk pilihan ini.',
    at: 'Waktu', who: 'Pelaku', what: 'Tindakan', outcome: 'Hasil', subject: 'Data', detail: 'Rincian', village: 'Desa', system: 'sistem', citizen: 'warga',
    ok: 'berhasil', denied: 'ditolak', failed: 'gagal', period: 'Periode', place: 'Wilayah', filters: 'Pilihan',
    capped: 'Hanya 100.000 catatan terbaru yang dimuat; persempit tanggal untuk sisanya.',
    villageView: 'Log audit desa', regionView: 'Log audit wilayah',
  },
  en: {
    title: 'Audit log', regionTitle: 'Regional audit log',
    intro: 'Every change of data and every opening of personal data in Balai is recorded here: who, when, what, and the outcome.',
    appendOnly: 'This log can only grow: it cannot be changed or deleted. The database itself refuses it: the trigger audit_log_no_change makes every UPDATE or DELETE on the audit log table fail, even one run by the server\'s administrator. An entry is written in the same transaction as the change it records: a change without its entry cannot be saved.',
    regionIntro: 'Above the village only metadata is shown: when, the action, the village, the outcome and the actor\'s role, with counts per action. The actor\'s name, the record touched and the detail (which may hold a resident\'s name or NIK) are for the village head and secretary of that village only.',
    readLogged: 'Opening this page and downloading the Excel file are recorded in the log too.',
    from: 'From date', to: 'To date', actor: 'Actor (username)', role: 'Actor role', action: 'Action or module',
    actionHint: 'E.g. resident for every action on a resident\'s record, or auth.login for one action.',
    anyRole: 'Every role', show: 'Show', excel: 'Download Excel', total: 'Entries', page: 'Page', prev: '« Previous', next: 'Next »',
    perAction: 'Entries per action', count: 'Count', refused: 'Refused/failed', none: 'No entries for this choice.',
    at: 'Time', who: 'Actor', what: 'Action', outcome: 'Outcome', subject: 'Record', detail: 'Detail', village: 'Village', system: 'system', citizen: 'citizen',
    ok: 'done', denied: 'refused', failed: 'failed', period: 'Period', place: 'Region', filters: 'Filters',
    capped: 'Only the newest 100,000 entries are included; narrow the dates for the rest.',
    villageView: 'Village audit log', regionView: 'Regional audit log',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
