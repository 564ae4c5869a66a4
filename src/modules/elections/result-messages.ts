/** The count's, the recount's and the results' sentences; spread into src/platform/i18n/messages.ts. */
export const resultMessages = {
  'election.count_not_final': { id: 'Hasil penghitungan belum final: pemilihan belum ditutup panitia.', en: 'The count is not final: the committee has not closed the election yet.' },
  'election.count_station_unknown': { id: 'TPS tidak ditemukan pada pemilihan ini.', en: 'No such polling station in this election.' },
  'election.count_station_open': { id: 'TPS {number} belum ditutup: penghitungannya belum ada.', en: 'Polling station {number} is not closed yet: it has no count.' },
  'election.recount_count': { id: 'Kolom suara calon nomor {number}: tulis jumlah surat suara (struk kertas) dengan angka, 0 atau lebih.', en: 'The field votes for candidate {number}: write the number of paper receipts as digits, 0 or more.' },
  'election.recount_unreadable': { id: 'Kolom Struk tidak terbaca: tulis jumlahnya dengan angka, 0 atau lebih.', en: 'The field unreadable receipts: write the number as digits, 0 or more.' },
  'election.recount_note_long': { id: 'Kolom Catatan maksimal {max} karakter.', en: 'The field note allows at most {max} characters.' },
} as const;
