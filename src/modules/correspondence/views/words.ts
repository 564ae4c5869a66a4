/** The incoming mail's words, Bahasa Indonesia first. */
export const MAIL_TEXT = {
  id: {
    title: 'Surat Masuk', intro: 'Catat setiap surat yang datang ke kantor desa dengan pindaiannya. Nomor agenda diberikan otomatis, berurutan per tahun.',
    register: 'Catat surat masuk', receivedOn: 'Tanggal diterima', sender: 'Pengirim (instansi atau nama)', letterNo: 'Nomor surat', letterDate: 'Tanggal surat',
    subject: 'Perihal', nature: 'Sifat surat', summary: 'Ringkasan isi', scan: 'Pindaian surat (PDF, atau foto JPEG/PNG/WebP; paling besar 10 MB)', save: 'Simpan',
    saved: 'Tersimpan.', year: 'Tahun', search: 'Cari pengirim, perihal atau nomor', status: 'Keadaan', all: 'Semua', open: 'Menunggu tindak lanjut', finished: 'Tidak ada tindak lanjut terbuka',
    voidedStatus: 'Dibatalkan', show: 'Tampilkan', agendaNo: 'No. Agenda', none: 'Belum ada surat masuk yang cocok.', routes: 'Disposisi', openRoutes: 'terbuka',
    prev: 'Sebelumnya', next: 'Berikutnya', page: 'Halaman', of: 'dari', letters: 'surat',
    scanLink: 'Buka pindaian', noScan: 'Tanpa pindaian', registeredBy: 'Dicatat oleh', voided: 'Dibatalkan', voidReason: 'Alasan pembatalan', voidLetter: 'Batalkan pencatatan',
    voidIntro: 'Surat yang salah dicatat dibatalkan dengan alasannya; nomor agendanya tetap, tidak dihapus.',
    routeTitle: 'Disposisi', routeTo: 'Diteruskan kepada', instruction: 'Isi disposisi (mis. "Mohon ditindaklanjuti", "Hadiri dan laporkan")', dueOn: 'Batas waktu (boleh kosong)',
    route: 'Kirim disposisi', routedBy: 'dari', due: 'batas', doneAt: 'selesai', doneNote: 'Catatan penyelesaian', markDone: 'Tandai selesai', waiting: 'belum selesai', late: 'terlambat',
    noRoutes: 'Belum didisposisikan.',
    queueTitle: 'Disposisi saya', queueIntro: 'Surat masuk yang diteruskan kepada Anda. Setelah ditindaklanjuti, tulis catatannya lalu tekan "Tandai selesai".',
    queueNone: 'Tidak ada disposisi yang menunggu Anda.', recentlyDone: 'Baru selesai',
    agendaTitle: 'Buku Agenda', agendaIntro: 'Surat masuk dan surat keluar setahun menurut tanggalnya, disusun dari catatan surat masuk dan surat yang ditandatangani di Balai — tidak diketik dua kali.',
    month: 'Bulan', allYear: 'Setahun', excel: 'Unduh Excel', pdfA4: 'Cetak PDF (A4)', pdfF4: 'Cetak PDF (F4)', seq: 'No. Urut', day: 'Tanggal', inbound: 'Surat masuk', outbound: 'Surat keluar', number: 'Nomor', date: 'Tanggal',
    party: 'Pengirim / ditujukan kepada', remark: 'Keterangan', kind: 'Jenis', noAgenda: 'Belum ada surat pada periode ini.',
    links: 'Buku Agenda', queueLink: 'Disposisi saya', back: 'Kembali ke Surat Masuk',
    figures: 'Surat masuk kantor desa', figuresNote: 'Surat masuk yang dicatat (tanpa yang dibatalkan), disposisi yang dikirim dan yang diselesaikan dalam tahun ini; terlambat = diselesaikan sesudah batas waktunya. Tanpa pengirim atau perihal.',
  },
  en: {
    title: 'Incoming Letters', intro: 'Record every letter that reaches the village office, with its scan. The agenda number is given automatically, in order per year.',
    register: 'Record an incoming letter', receivedOn: 'Date received', sender: 'Sender (office or name)', letterNo: 'Letter number', letterDate: 'Letter date',
    subject: 'Subject', nature: 'Nature', summary: 'Summary', scan: 'Scan of the letter (PDF, or a JPEG/PNG/WebP photo; at most 10 MB)', save: 'Save',
    saved: 'Saved.', year: 'Year', search: 'Search sender, subject or number', status: 'State', all: 'All', open: 'Awaiting follow-up', finished: 'No open follow-up',
    voidedStatus: 'Voided', show: 'Show', agendaNo: 'Agenda no.', none: 'No matching incoming letters yet.', routes: 'Routings', openRoutes: 'open',
    prev: 'Previous', next: 'Next', page: 'Page', of: 'of', letters: 'letters',
    scanLink: 'Open the scan', noScan: 'No scan', registeredBy: 'Recorded by', voided: 'Voided', voidReason: 'Reason for voiding', voidLetter: 'Void this record',
    voidIntro: 'A letter recorded by mistake is voided with its reason; its agenda number stays, nothing is deleted.',
    routeTitle: 'Routing (disposisi)', routeTo: 'Route to', instruction: 'Instruction (e.g. "Please follow up", "Attend and report")', dueOn: 'Due date (optional)',
    route: 'Send routing', routedBy: 'from', due: 'due', doneAt: 'done', doneNote: 'Note on what was done', markDone: 'Mark done', waiting: 'not done yet', late: 'late',
    noRoutes: 'Not routed yet.',
    queueTitle: 'My routings', queueIntro: 'Incoming letters routed to you. Once followed up, write a note and tap "Mark done".',
    queueNone: 'Nothing is waiting for you.', recentlyDone: 'Recently done',
    agendaTitle: 'Agenda Book', agendaIntro: 'The year\'s letters in and out by date, made from the incoming register and the letters signed in Balai — never typed twice.',
    month: 'Month', allYear: 'Whole year', excel: 'Download Excel', pdfA4: 'Print PDF (A4)', pdfF4: 'Print PDF (F4)', seq: 'No.', day: 'Date', inbound: 'Incoming', outbound: 'Outgoing', number: 'Number', date: 'Date',
    party: 'Sender / addressee', remark: 'Remarks', kind: 'Kind', noAgenda: 'No letters in this period yet.',
    links: 'Agenda Book', queueLink: 'My routings', back: 'Back to Incoming Letters',
    figures: 'Village offices\' incoming mail', figuresNote: 'Incoming letters recorded (voided ones out), routings sent and done in the year; late = done after the due date. No sender or subject.',
  },
} as const;
export type MailWords = (typeof MAIL_TEXT)['id' | 'en'];

export const NATURE_LABEL = {
  biasa: { id: 'Biasa', en: 'Ordinary' }, penting: { id: 'Penting', en: 'Important' }, segera: { id: 'Segera', en: 'Urgent' }, rahasia: { id: 'Rahasia', en: 'Confidential' },
} as const;
