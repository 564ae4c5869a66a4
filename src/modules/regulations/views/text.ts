/** The register's words, Bahasa Indonesia first. */
export const REG_TEXT = {
  id: {
    title: 'Peraturan dan Keputusan', intro: 'Catat setiap Peraturan Desa, Peraturan Bersama Kepala Desa, Peraturan Kepala Desa dan Keputusan Kepala Desa sekali saja, dengan berkas PDF-nya. Buku Peraturan di Desa, Buku Keputusan Kepala Desa dan Buku Lembaran Desa dan Berita Desa disusun dari catatan ini.',
    record: 'Catat peraturan atau keputusan', kind: 'Jenis', number: 'Nomor (mis. 3, atau 141/05/KPTS/2026)', setOn: 'Tanggal ditetapkan', about: 'Tentang',
    summary: 'Uraian singkat', bpd: 'Tanggal kesepakatan BPD (Peraturan Desa)', reportNo: 'Dilaporkan ke camat/bupati: nomor surat', reportedOn: 'Dilaporkan: tanggal',
    promulgatedOn: 'Diundangkan: tanggal (bukan untuk Keputusan)', gazetteNo: 'Nomor Lembaran Desa / Berita Desa', note: 'Keterangan', amends: 'Mengubah peraturan (boleh kosong)',
    document: 'Berkas yang ditandatangani (PDF, paling besar 10 MB)', documentKeep: 'Berkas baru (PDF; kosongkan untuk memakai berkas lama)', save: 'Simpan', saved: 'Tersimpan.',
    year: 'Tahun', allYears: 'Semua tahun', allKinds: 'Semua jenis', search: 'Cari nomor atau tentang', show: 'Tampilkan', none: 'Belum ada peraturan atau keputusan yang cocok.',
    records: 'catatan', prev: 'Sebelumnya', next: 'Berikutnya', page: 'Halaman', of: 'dari', revoked: 'Dicabut', amendedBy: 'Diubah oleh', amendsLabel: 'Mengubah',
    promulgated: 'Diundangkan', notPromulgated: 'Belum diundangkan', documentLink: 'Buka berkas PDF', noDocument: 'Tanpa berkas', recordedBy: 'Dicatat oleh',
    correctedNotice: 'Catatan ini salah ketik dan sudah dikoreksi', correctedSee: 'Lihat catatan yang berlaku', correctsNotice: 'Catatan ini mengoreksi catatan sebelumnya', correctsSee: 'lihat catatan lama',
    correct: 'Koreksi catatan ini', correctIntro: 'Untuk salah ketik: catatan baru dibuat dengan isian yang benar, catatan lama tetap tersimpan dengan alasannya.', correctionReason: 'Alasan koreksi',
    revoke: 'Cabut peraturan ini', revokeIntro: 'Peraturan yang tidak berlaku lagi dicabut dengan alasannya (mis. "Dicabut dengan Peraturan Desa Nomor 4 Tahun 2026"); catatannya tetap ada.',
    revokeReason: 'Alasan pencabutan', books: 'Buku', back: 'Kembali ke daftar', excel: 'Unduh Excel', pdfA4: 'Cetak PDF (A4)', pdfF4: 'Cetak PDF (F4)', bookNone: 'Belum ada catatan pada tahun ini.',
    bookIntro: 'Disusun dari daftar peraturan dan keputusan, tidak diketik dua kali. Catatan yang dicabut tetap tercantum dengan keterangannya.',
  },
  en: {
    title: 'Regulations and Decisions', intro: 'Record every village regulation, joint regulation, head regulation and head decision once, with its PDF. The Book of Village Regulations, the Book of Head Decisions and the Village Gazette book are made from these records.',
    record: 'Record a regulation or decision', kind: 'Kind', number: 'Number (e.g. 3, or 141/05/KPTS/2026)', setOn: 'Date set', about: 'About',
    summary: 'Short summary', bpd: 'Date agreed with the BPD (village regulation)', reportNo: 'Reported to the camat/regent: letter number', reportedOn: 'Reported: date',
    promulgatedOn: 'Promulgated: date (not for decisions)', gazetteNo: 'Village gazette number', note: 'Remarks', amends: 'Amends regulation (optional)',
    document: 'Signed document (PDF, at most 10 MB)', documentKeep: 'New document (PDF; leave empty to keep the old one)', save: 'Save', saved: 'Saved.',
    year: 'Year', allYears: 'All years', allKinds: 'All kinds', search: 'Search number or subject', show: 'Show', none: 'No matching regulations or decisions yet.',
    records: 'records', prev: 'Previous', next: 'Next', page: 'Page', of: 'of', revoked: 'Revoked', amendedBy: 'Amended by', amendsLabel: 'Amends',
    promulgated: 'Promulgated', notPromulgated: 'Not promulgated yet', documentLink: 'Open the PDF', noDocument: 'No document', recordedBy: 'Recorded by',
    correctedNotice: 'This record was typed wrong and has been corrected', correctedSee: 'See the record in force', correctsNotice: 'This record corrects an earlier one', correctsSee: 'see the old record',
    correct: 'Correct this record', correctIntro: 'For typing mistakes: a new record is made with the right values; the old one is kept with the reason.', correctionReason: 'Reason for the correction',
    revoke: 'Revoke this regulation', revokeIntro: 'A regulation no longer in force is revoked with the reason (e.g. "Revoked by Village Regulation No. 4 of 2026"); its record stays.',
    revokeReason: 'Reason for revoking', books: 'Books', back: 'Back to the list', excel: 'Download Excel', pdfA4: 'Print PDF (A4)', pdfF4: 'Print PDF (F4)', bookNone: 'Nothing recorded in this year yet.',
    bookIntro: 'Made from the register of regulations and decisions, never typed twice. Revoked records stay listed with their remarks.',
  },
} as const;
export type RegWords = (typeof REG_TEXT)['id' | 'en'];
