/** Voting day's sentences (opening, the TPS desk and booth, closing, verification); spread into src/platform/i18n/messages.ts. */
export const votingMessages = {
  'election.not_voting_day': { id: 'Pemungutan suara baru dapat dibuka pada hari pemungutan suara, {day}.', en: 'Voting can be opened on the voting day only, {day}.' },
  'election.no_stations': { id: 'Belum ada TPS pada pemilihan ini: atur TPS dulu.', en: 'This election has no polling station yet: set them up first.' },
  'election.too_few_candidates': { id: 'Calon baru {count}: pemungutan suara memerlukan sedikitnya dua calon.', en: 'There are only {count} candidates: voting needs two at least.' },
  'election.stations_open': { id: 'TPS {numbers} belum ditutup: tutup semua TPS sebelum menutup pemilihan.', en: 'Polling stations {numbers} are still open: close every polling station before closing the election.' },
  'election.voting_opened': { id: 'Pemungutan suara dibuka di {count} TPS.', en: 'Voting is open at {count} polling stations.' },
  'election.station_closed_ok': { id: 'TPS {number} ditutup: {votes} suara masuk kotak suara, rekapitulasinya ditandatangani.', en: 'Polling station {number} is closed: {votes} votes went into the ballot box; its tally is signed.' },
  'election.election_closed_ok': { id: 'Pemilihan ditutup. Hasil penghitungan sudah final.', en: 'The election is closed. The count is final.' },
} as const;
