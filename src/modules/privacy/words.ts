import type { Lang } from '../../platform/i18n/i18n.js';

const text = {
  id: {
    pdfTitle: 'Data pribadi yang disimpan desa',
    pdfIntro:
      'Salinan ini berisi semua data tentang Anda yang disimpan desa di Balai: data kependudukan, kartu keluarga, peristiwa, surat, permohonan perbaikan, status PIN layanan mandiri dan catatan siapa yang mengakses data Anda. Diberikan atas hak akses subjek data (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi). Simpan baik-baik: dokumen ini berisi data pribadi.',
    controller: 'Pengendali data', generated: 'Dibuat', bySelf: 'diunduh sendiri oleh warga', byOfficer: 'diunduh oleh petugas desa atas permintaan',
    photo: 'Foto', photoKept: 'Ada (tersimpan; ikut dalam berkas JSON)', family: 'Kartu keluarga', noFamily: 'Tidak tercatat dalam KK.',
    kk: 'Nomor KK', address: 'Alamat', you: 'Anda', events: 'Peristiwa kependudukan', recordedBy: 'dicatat oleh', none: 'Tidak ada.',
    letters: 'Surat', status: 'Status', requested: 'Diajukan', revoked: 'dicabut',
    corrections: 'Permohonan perbaikan data', pin: 'PIN layanan mandiri', pinIssued: 'PIN diterbitkan', lastLogin: 'terakhir masuk',
    pinHashNote: 'PIN sendiri tidak disimpan; desa hanya menyimpan sidik acaknya (hash) dan tidak dapat membacanya.',
    pinNone: 'Belum punya PIN layanan mandiri.',
    accessLog: 'Catatan akses (siapa membuka atau mengubah data ini)', self: 'Anda sendiri (layanan mandiri)', familyMember: 'Anggota keluarga (layanan mandiri)', system: 'Sistem',
    rightsTitle: 'Hak Anda',
    rights:
      'Anda berhak memperoleh salinan data ini, meminta data yang salah diperbaiki (di layanan mandiri: Ajukan perbaikan data, atau di kantor desa), menanyakan untuk apa data Anda dipakai, dan mengajukan keberatan. Bila Anda menduga data Anda bocor atau disalahgunakan, laporkan ke kantor desa.',
    eventKind: {
      registration: 'Pendaftaran', birth: 'Kelahiran', death: 'Kematian', move_out: 'Pindah keluar', move_in: 'Pindah datang', lost: 'Hilang',
      temporary_departure: 'Pergi sementara', return: 'Kembali', correction: 'Koreksi data', family_change: 'Perubahan KK',
    },
    letterStatus: { requested: 'Diajukan', checked: 'Diperiksa', signed: 'Ditandatangani', ready: 'Siap diambil', collected: 'Sudah diambil', rejected: 'Ditolak' },
    correctionStatus: { open: 'Menunggu', done: 'Selesai', rejected: 'Ditolak' },
    // the officer's panel on the resident page
    panelTitle: 'Data pribadi (hak akses subjek data)',
    panelHint: 'Bila warga meminta salinan semua data tentang dirinya (UU 27/2022), unduh di sini dan serahkan kepadanya. Unduhan dicatat dan terlihat oleh warga.',
    guideLink: 'Bila terjadi kebocoran data', guide: 'Panduan data pribadi',
  },
  en: {
    pdfTitle: 'Personal data held by the village',
    pdfIntro:
      'This copy holds everything about you that the village keeps in Balai: population record, family card, events, letters, correction requests, self-service PIN status and who accessed your record. Given under the data subject\'s right of access (Law No. 27 of 2022 on Personal Data Protection). Keep it safe: it contains personal data.',
    controller: 'Data controller', generated: 'Generated', bySelf: 'downloaded by the citizen', byOfficer: 'downloaded by a village officer on request',
    photo: 'Photo', photoKept: 'Kept (included in the JSON file)', family: 'Family card', noFamily: 'Not on a family card.',
    kk: 'Family card number', address: 'Address', you: 'you', events: 'Population events', recordedBy: 'recorded by', none: 'None.',
    letters: 'Letters', status: 'Status', requested: 'Requested', revoked: 'revoked',
    corrections: 'Correction requests', pin: 'Self-service PIN', pinIssued: 'PIN issued', lastLogin: 'last login',
    pinHashNote: 'The PIN itself is not stored; the village keeps only a salted hash and cannot read it.',
    pinNone: 'No self-service PIN yet.',
    accessLog: 'Access log (who opened or changed this record)', self: 'You (self-service)', familyMember: 'A family member (self-service)', system: 'System',
    rightsTitle: 'Your rights',
    rights:
      'You may have a copy of this data, ask for wrong data to be corrected (in self-service: Ask for a correction, or at the village office), ask what your data is used for, and object. If you suspect your data leaked or was misused, report it to the village office.',
    eventKind: {
      registration: 'Registration', birth: 'Birth', death: 'Death', move_out: 'Moved out', move_in: 'Moved in', lost: 'Missing',
      temporary_departure: 'Temporary departure', return: 'Return', correction: 'Correction', family_change: 'Family card change',
    },
    letterStatus: { requested: 'Requested', checked: 'Checked', signed: 'Signed', ready: 'Ready', collected: 'Collected', rejected: 'Rejected' },
    correctionStatus: { open: 'Waiting', done: 'Done', rejected: 'Rejected' },
    panelTitle: 'Personal data (data subject access)',
    panelHint: 'When a resident asks for a copy of everything about them (Law 27/2022), download it here and hand it over. The download is logged and visible to the resident.',
    guideLink: 'If a data breach happens', guide: 'Personal data guide',
  },
} as const;

export const words = (lang: Lang) => text[lang];
