import type { LetterRule } from '../../platform/db/schema.js';
import { REPORTER_RELATIONS } from '../population/index.js';

/** One field a letter type asks for, beyond the resident's identity. */
export interface LetterField {
  /** Lower-case name used in templates as {{isian.<name>}}. */
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'money' | 'select';
  required: boolean;
  /** Longest text, or largest number. */
  max?: number;
  options?: string[];
}

export interface LetterType {
  code: string;
  title: string;
  /** Archive classification (Permendagri 78/2012), the first part of the number. */
  classification: string;
  /** The body after the identity block, in the template language of template.ts. */
  template: string;
  fields: LetterField[];
  /** What the citizen brings to the office. */
  requirements: string[];
  /** Days the letter stays valid; 0 = no end. */
  validityDays: number;
  /** May citizens request it themselves (online or at the kiosk)? */
  online: boolean;
  rule: LetterRule;
  active: boolean;
  /** Built in (possibly changed by the village) or the village's own. */
  builtIn: boolean;
  /** Issued only with a certified electronic signature (the village's choice; off for the catalogue). */
  certified: boolean;
}

const purpose: LetterField = { name: 'keperluan', label: 'Keperluan', kind: 'text', required: true, max: 200 };
const reporter: LetterField[] = [
  { name: 'nama_pelapor', label: 'Nama pelapor', kind: 'text', required: true, max: 100 },
  // The same list as the death record on the resident page, so what was recorded is what the letter offers.
  { name: 'hubungan_pelapor', label: 'Hubungan pelapor', kind: 'select', required: true, options: [...REPORTER_RELATIONS] },
];
const coverLetter = 'Surat pengantar dari Ketua RT/RW';
const kk = 'Fotokopi Kartu Keluarga (KK)';
const ktp = 'Fotokopi KTP-el';

const builtIn = (t: Omit<LetterType, 'active' | 'builtIn' | 'online' | 'rule' | 'validityDays' | 'certified'> & Partial<LetterType>): LetterType => ({
  online: true,
  rule: 'subject_alive',
  validityDays: 30,
  active: true,
  builtIn: true,
  certified: false,
  ...t,
});

/**
 * The letters a new village can issue at once (domain reference §3). A village may change
 * any of them (wording, fields, code) or add its own; those changes live in letter_types.
 */
export const BUILT_IN_LETTER_TYPES: readonly LetterType[] = [
  builtIn({
    code: 'domisili',
    title: 'Surat Keterangan Domisili',
    classification: '474.4',
    fields: [purpose],
    requirements: [coverLetter, kk, ktp],
    template:
      'Orang tersebut di atas benar berdomisili di {{penduduk.alamat}}, Desa {{desa.nama}}, Kecamatan {{desa.kecamatan}}, {{desa.kabupaten}}.\n\nSurat keterangan ini dibuat untuk keperluan {{isian.keperluan}}.\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'usaha',
    title: 'Surat Keterangan Usaha',
    classification: '503',
    fields: [
      { name: 'nama_usaha', label: 'Nama usaha', kind: 'text', required: true, max: 120 },
      { name: 'jenis_usaha', label: 'Jenis usaha', kind: 'text', required: true, max: 120 },
      { name: 'alamat_usaha', label: 'Alamat usaha', kind: 'text', required: true, max: 200 },
      { name: 'sejak_tahun', label: 'Berusaha sejak tahun', kind: 'number', required: false, max: 2100 },
      purpose,
    ],
    requirements: [coverLetter, kk, ktp, 'Foto tempat usaha'],
    validityDays: 180,
    template:
      'Orang tersebut di atas benar mempunyai usaha {{isian.jenis_usaha}} dengan nama "{{isian.nama_usaha}}" yang beralamat di {{isian.alamat_usaha}}.\n\nSurat keterangan ini dibuat untuk keperluan {{isian.keperluan}}.\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'sktm',
    title: 'Surat Keterangan Tidak Mampu',
    classification: '400',
    rule: 'family_head',
    fields: [purpose],
    requirements: [coverLetter, kk, ktp],
    template:
      'Orang tersebut di atas adalah anggota keluarga dengan Nomor KK {{keluarga.no_kk}} yang dikepalai oleh {{keluarga.kepala}}, beranggotakan {{keluarga.jumlah_anggota}} orang, dan benar tergolong keluarga tidak mampu (kurang mampu) di Desa {{desa.nama}}.\n\nSurat keterangan ini dibuat untuk keperluan {{isian.keperluan}}.\n\nDemikian surat keterangan ini dibuat dengan sebenarnya agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'skck',
    title: 'Surat Pengantar SKCK',
    classification: '331',
    fields: [{ ...purpose, label: 'Keperluan SKCK' }, { name: 'keterangan', label: 'Keterangan', kind: 'textarea', required: false, max: 300 }],
    requirements: [coverLetter, kk, ktp, 'Pas foto 4x6 latar merah (2 lembar)'],
    template:
      'Orang tersebut di atas sepanjang pengetahuan kami berkelakuan baik dan tidak pernah tersangkut perkara pidana di Desa {{desa.nama}}. {{isian.keterangan}}\n\nSurat pengantar ini diberikan untuk mengurus Surat Keterangan Catatan Kepolisian (SKCK) guna {{isian.keperluan}}.\n\nDemikian surat pengantar ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'kelahiran',
    title: 'Surat Keterangan Kelahiran',
    classification: '472.11',
    fields: [...reporter, { name: 'jam_lahir', label: 'Pukul lahir (JJ:MM)', kind: 'text', required: false, max: 5 }],
    requirements: ['Surat keterangan lahir dari bidan/rumah sakit', kk, 'KTP-el kedua orang tua'],
    validityDays: 0,
    template:
      'Telah lahir seorang anak dengan identitas tersebut di atas pada tanggal {{penduduk.tanggal_lahir}} di {{penduduk.tempat_lahir}}, dari ayah {{penduduk.nama_ayah}} dan ibu {{penduduk.nama_ibu}}.\n\nKelahiran ini dilaporkan oleh {{isian.nama_pelapor}} ({{isian.hubungan_pelapor}}).\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'kematian',
    title: 'Surat Keterangan Kematian',
    classification: '472.12',
    rule: 'subject_dead',
    online: false,
    validityDays: 0,
    fields: [
      { name: 'tanggal_kematian', label: 'Tanggal kematian', kind: 'date', required: true },
      { name: 'tempat_kematian', label: 'Tempat kematian', kind: 'text', required: true, max: 120 },
      { name: 'sebab_kematian', label: 'Sebab kematian', kind: 'text', required: true, max: 120 },
      ...reporter,
    ],
    requirements: [coverLetter, 'Surat keterangan kematian dari rumah sakit/puskesmas (bila ada)', kk, 'KTP-el almarhum/almarhumah', 'KTP-el pelapor'],
    template:
      'Orang tersebut di atas telah meninggal dunia pada tanggal {{isian.tanggal_kematian}} di {{isian.tempat_kematian}} disebabkan {{isian.sebab_kematian}}.\n\nKematian ini dilaporkan oleh {{isian.nama_pelapor}} ({{isian.hubungan_pelapor}}).\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'pindah',
    title: 'Surat Keterangan Pindah',
    classification: '474',
    rule: 'records_move',
    online: false,
    validityDays: 90,
    fields: [
      { name: 'alamat_tujuan', label: 'Alamat tujuan', kind: 'textarea', required: true, max: 300 },
      { name: 'tingkat_pindah', label: 'Klasifikasi pindah', kind: 'select', required: true, options: ['Dalam satu desa', 'Antar desa dalam satu kecamatan', 'Antar kecamatan dalam satu kabupaten', 'Antar kabupaten dalam satu provinsi', 'Antar provinsi'] },
      { name: 'jenis_kepindahan', label: 'Jenis kepindahan', kind: 'select', required: true, options: ['Kepala keluarga', 'Kepala keluarga dan seluruh anggota keluarga', 'Kepala keluarga dan sebagian anggota keluarga', 'Anggota keluarga'] },
      { name: 'alasan', label: 'Alasan pindah', kind: 'select', required: true, options: ['Pekerjaan', 'Pendidikan', 'Keamanan', 'Kesehatan', 'Perumahan', 'Keluarga', 'Lainnya'] },
      { name: 'pengikut', label: 'Pengikut (NIK anggota keluarga yang ikut pindah, pisahkan dengan koma; kosongkan bila seluruh anggota keluarga)', kind: 'textarea', required: false, max: 400 },
      { name: 'jumlah_pengikut', label: 'Jumlah pengikut', kind: 'number', required: false, max: 30 },
      { name: 'tanggal_pindah', label: 'Tanggal pindah', kind: 'date', required: true },
    ],
    requirements: [coverLetter, 'Kartu Keluarga (KK) asli', 'KTP-el asli'],
    template:
      'Orang tersebut di atas pindah dari Desa {{desa.nama}} pada tanggal {{isian.tanggal_pindah}} ke alamat {{isian.alamat_tujuan}} ({{isian.tingkat_pindah}}), jenis kepindahan {{isian.jenis_kepindahan}}, dengan alasan {{isian.alasan}}, jumlah pengikut {{isian.jumlah_pengikut}} orang.\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'keramaian',
    title: 'Surat Pengantar Izin Keramaian',
    classification: '331',
    validityDays: 14,
    fields: [
      { name: 'nama_acara', label: 'Nama acara', kind: 'text', required: true, max: 120 },
      { name: 'tanggal_acara', label: 'Tanggal acara', kind: 'date', required: true },
      { name: 'tempat_acara', label: 'Tempat acara', kind: 'text', required: true, max: 200 },
      { name: 'hiburan', label: 'Hiburan', kind: 'text', required: false, max: 120 },
      { name: 'jumlah_undangan', label: 'Perkiraan jumlah undangan', kind: 'number', required: false, max: 100000 },
    ],
    requirements: [coverLetter, ktp, 'Surat persetujuan tetangga sekitar'],
    template:
      'Orang tersebut di atas akan menyelenggarakan {{isian.nama_acara}} pada tanggal {{isian.tanggal_acara}} bertempat di {{isian.tempat_acara}}, dengan hiburan {{isian.hiburan}} dan perkiraan {{isian.jumlah_undangan}} undangan.\n\nPemerintah Desa {{desa.nama}} tidak berkeberatan atas kegiatan tersebut. Surat pengantar ini diberikan untuk mengurus izin keramaian kepada pihak kepolisian.\n\nDemikian surat pengantar ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'beda_identitas',
    title: 'Surat Keterangan Beda Identitas',
    classification: '470',
    validityDays: 0,
    fields: [
      { name: 'dokumen_1', label: 'Dokumen pertama', kind: 'text', required: true, max: 100 },
      { name: 'identitas_1', label: 'Identitas tertulis pada dokumen pertama', kind: 'text', required: true, max: 200 },
      { name: 'dokumen_2', label: 'Dokumen kedua', kind: 'text', required: true, max: 100 },
      { name: 'identitas_2', label: 'Identitas tertulis pada dokumen kedua', kind: 'text', required: true, max: 200 },
      purpose,
    ],
    requirements: [coverLetter, kk, ktp, 'Dokumen yang berbeda identitasnya'],
    template:
      'Orang tersebut di atas tercatat pada {{isian.dokumen_1}} sebagai {{isian.identitas_1}} dan pada {{isian.dokumen_2}} sebagai {{isian.identitas_2}}. Kedua identitas tersebut adalah benar satu orang yang sama.\n\nSurat keterangan ini dibuat untuk keperluan {{isian.keperluan}}.\n\nDemikian surat keterangan ini dibuat dengan sebenarnya agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'penghasilan_ortu',
    title: 'Surat Keterangan Penghasilan Orang Tua',
    classification: '400',
    fields: [
      { name: 'nama_anak', label: 'Nama anak', kind: 'text', required: true, max: 100 },
      { name: 'penghasilan', label: 'Penghasilan per bulan (Rp)', kind: 'money', required: true, max: 1_000_000_000 },
      purpose,
    ],
    requirements: [coverLetter, kk, ktp],
    template:
      'Orang tersebut di atas adalah orang tua dari {{isian.nama_anak}}, bekerja sebagai {{penduduk.pekerjaan}} dengan penghasilan rata-rata {{isian.penghasilan}} per bulan.\n\nSurat keterangan ini dibuat untuk keperluan {{isian.keperluan}}.\n\nDemikian surat keterangan ini dibuat dengan sebenarnya agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'pengantar_nikah',
    title: 'Surat Pengantar Nikah',
    classification: '474.2',
    validityDays: 90,
    fields: [
      { name: 'nama_pasangan', label: 'Nama calon pasangan', kind: 'text', required: true, max: 100 },
      { name: 'alamat_pasangan', label: 'Alamat calon pasangan', kind: 'text', required: true, max: 200 },
      { name: 'tempat_nikah', label: 'Rencana tempat akad nikah', kind: 'text', required: false, max: 200 },
    ],
    requirements: [coverLetter, kk, ktp, 'Akta kelahiran', 'Pas foto 2x3 dan 3x4', 'Akta cerai / surat kematian pasangan (bagi duda/janda)'],
    template:
      'Orang tersebut di atas berstatus {{penduduk.status_perkawinan}} dan benar akan melangsungkan pernikahan dengan {{isian.nama_pasangan}} yang beralamat di {{isian.alamat_pasangan}}, bertempat di {{isian.tempat_nikah}}.\n\nSurat pengantar ini diberikan untuk mengurus pernikahan di Kantor Urusan Agama (KUA) atau Kantor Catatan Sipil.\n\nDemikian surat pengantar ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'kehilangan',
    title: 'Surat Keterangan Kehilangan',
    classification: '331',
    fields: [
      { name: 'barang', label: 'Barang/dokumen yang hilang', kind: 'text', required: true, max: 200 },
      { name: 'tanggal_hilang', label: 'Tanggal kehilangan', kind: 'date', required: true },
      { name: 'tempat_hilang', label: 'Tempat kehilangan', kind: 'text', required: true, max: 200 },
    ],
    requirements: [coverLetter, ktp],
    template:
      'Orang tersebut di atas telah kehilangan {{isian.barang}} pada tanggal {{isian.tanggal_hilang}} di {{isian.tempat_hilang}}.\n\nSurat keterangan ini diberikan untuk melapor kepada pihak kepolisian atau instansi yang berwenang.\n\nDemikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.',
  }),
  builtIn({
    code: 'biodata',
    title: 'Biodata Penduduk',
    classification: '471',
    fields: [purpose],
    requirements: [kk, ktp],
    template:
      'Nomor KK: {{keluarga.no_kk}}. Kepala keluarga: {{keluarga.kepala}}. Pendidikan: {{penduduk.pendidikan}}. Nama ayah: {{penduduk.nama_ayah}}. Nama ibu: {{penduduk.nama_ibu}}. Golongan darah: {{penduduk.golongan_darah}}.\n\nBiodata ini dibuat untuk keperluan {{isian.keperluan}}, sesuai dengan data kependudukan Desa {{desa.nama}}.',
  }),
];

export const builtInLetterType = (code: string) => BUILT_IN_LETTER_TYPES.find((t) => t.code === code);
