import type { Lang } from '../../platform/i18n/i18n.js';

const text = {
  id: {
    title: 'Pemberitahuan kepada warga', intro: 'Pesan yang dikirim Balai kepada warga desa (surat siap, permohonan ditolak), terbaru di atas. Alamat dan nomor tujuan disamarkan.',
    all: 'Semua', pending: 'Menunggu dikirim', sent: 'Terkirim', failed: 'Gagal',
    when: 'Waktu', to: 'Kepada', channel: 'Saluran', about: 'Perihal', status: 'Status', reason: 'Alasan gagal', action: 'Tindakan',
    retry: 'Kirim ulang', retried: 'Pesan dimasukkan lagi ke antrean dan segera dikirim ulang.', none: 'Belum ada pemberitahuan.',
    attempts: 'percobaan', nextTry: 'dicoba lagi', next: 'Berikutnya', previous: 'Sebelumnya', letter: 'Surat',
    email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', telegram: 'Telegram', log: 'Log server (saluran belum diatur)',
  },
  en: {
    title: 'Notifications to citizens', intro: 'Messages Balai sent to the village\'s citizens (letter ready, request rejected), newest first. Addresses and numbers are masked.',
    all: 'All', pending: 'Waiting to be sent', sent: 'Sent', failed: 'Failed',
    when: 'When', to: 'To', channel: 'Channel', about: 'About', status: 'Status', reason: 'Why it failed', action: 'Action',
    retry: 'Send again', retried: 'The message is back in the queue and will be sent again shortly.', none: 'No notifications yet.',
    attempts: 'attempts', nextTry: 'next try', next: 'Next', previous: 'Previous', letter: 'Letter',
    email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', telegram: 'Telegram', log: 'Server log (no channel set up)',
  },
} satisfies Record<Lang, Record<string, string>>;

export const words = (lang: Lang) => text[lang];
