import type { Lang } from './i18n.js';

/**
 * What the user calls each query and body field, so that a message says "Kolom Halaman
 * minimal 1" and not "Kolom page minimal 1". Keys are the names in the code (API and forms);
 * `t()` looks the `{field}` of every message up here.
 */
const L = (id: string, en: string) => ({ id, en });

export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // lists, searches and periods
  page: L('Halaman', 'Page'),
  per_page: L('Baris per halaman', 'Rows per page'),
  limit: L('Jumlah hasil', 'Number of results'),
  q: L('Kata pencarian', 'Search words'),
  from: L('Dari tanggal', 'From date'),
  to: L('Sampai tanggal', 'To date'),
  dari: L('Dari tanggal', 'From date'),
  sampai: L('Sampai tanggal', 'To date'),
  tanggal: L('Tanggal', 'Date'),
  date: L('Tanggal', 'Date'),
  period: L('Periode', 'Period'),
  year: L('Tahun', 'Year'),
  tahun: L('Tahun', 'Year'),
  month: L('Bulan', 'Month'),
  bulan: L('Bulan', 'Month'),
  status: L('Status', 'Status'),
  kind: L('Jenis', 'Kind'),
  type: L('Jenis surat', 'Letter type'),
  jenis: L('Jenis surat', 'Letter type'),
  field: L('Kategori', 'Category'),
  value: L('Nilai kategori', 'Category value'),
  age_min: L('Umur dari', 'Age from'),
  age_max: L('Umur sampai', 'Age to'),
  life_status: L('Status penduduk', 'Resident status'),
  wilayah: L('Dusun/RW/RT', 'Dusun/RW/RT'),
  area_id: L('Dusun/RW/RT', 'Dusun/RW/RT'),
  kertas: L('Ukuran kertas', 'Paper size'),
  paper: L('Ukuran kertas', 'Paper size'),
  model: L('Model indeks', 'Index model'),
  level: L('Tingkat wilayah', 'Region level'),
  within: L('Di dalam wilayah', 'Within region'),
  everywhere: L('Semua perangkat', 'All devices'),
  semua: L('Semua perangkat', 'All devices'),
  purpose: L('Keperluan', 'Purpose'),
  keperluan: L('Keperluan', 'Purpose'),
  next: L('Halaman tujuan', 'Next page'),
  body: L('Isi permintaan', 'Request body'),
  // places and records
  id: L('Nomor data', 'Record number'),
  code: L('Kode wilayah', 'Region code'),
  region_code: L('Wilayah', 'Region'),
  village_code: L('Kode desa', 'Village code'),
  parent_id: L('Wilayah induk', 'Parent area'),
  parent_code: L('Wilayah induk', 'Parent region'),
  resident_id: L('Penduduk', 'Resident'),
  penduduk: L('Penduduk', 'Resident'),
  family_id: L('Keluarga (KK)', 'Family (KK)'),
  member_ids: L('Anggota keluarga', 'Family members'),
  new_head_id: L('Kepala keluarga baru', 'New head of family'),
  verify_code: L('Kode verifikasi', 'Verification code'),
  kode: L('Kode verifikasi', 'Verification code'),
  idempotency_key: L('Kode pengiriman', 'Submission key'),
  // accounts
  username: L('Nama pengguna', 'Username'),
  password: L('Kata sandi', 'Password'),
  current_password: L('Kata sandi saat ini', 'Current password'),
  new_password: L('Kata sandi baru', 'New password'),
  confirm_password: L('Ulangi kata sandi baru', 'Repeat the new password'),
  full_name: L('Nama lengkap', 'Full name'),
  role: L('Peran', 'Role'),
  position_title: L('Jabatan', 'Position'),
  nip: L('NIP/NIPD', 'Staff number (NIP/NIPD)'),
  pin: L('PIN', 'PIN'),
  // residents and families
  nik: L('NIK', 'NIK'),
  temporary_nik: L('NIK sementara', 'Temporary NIK'),
  kk_number: L('Nomor KK', 'KK number'),
  name: L('Nama', 'Name'),
  sex: L('Jenis kelamin', 'Sex'),
  birth_date: L('Tanggal lahir', 'Date of birth'),
  birth_place: L('Tempat lahir', 'Place of birth'),
  birth_certificate: L('Nomor akta kelahiran', 'Birth certificate number'),
  religion: L('Agama', 'Religion'),
  education_kk: L('Pendidikan dalam KK', 'Education on the KK'),
  education_current: L('Pendidikan sedang ditempuh', 'Current education'),
  occupation: L('Pekerjaan', 'Occupation'),
  marital_status: L('Status perkawinan', 'Marital status'),
  marriage_certificate: L('Nomor akta perkawinan', 'Marriage certificate number'),
  marriage_date: L('Tanggal perkawinan', 'Date of marriage'),
  divorce_certificate: L('Nomor akta cerai', 'Divorce certificate number'),
  divorce_date: L('Tanggal perceraian', 'Date of divorce'),
  family_relation: L('Hubungan dalam keluarga', 'Relation in the family'),
  old_head_relation: L('Hubungan kepala keluarga lama', 'Relation of the former head'),
  citizenship: L('Kewarganegaraan', 'Citizenship'),
  passport_number: L('Nomor paspor', 'Passport number'),
  passport_expiry: L('Tanggal akhir paspor', 'Passport expiry date'),
  kitas_number: L('Nomor KITAS/KITAP', 'KITAS/KITAP number'),
  father_nik: L('NIK ayah', "Father's NIK"),
  father_name: L('Nama ayah', "Father's name"),
  mother_nik: L('NIK ibu', "Mother's NIK"),
  mother_name: L('Nama ibu', "Mother's name"),
  address: L('Alamat', 'Address'),
  current_address: L('Alamat sekarang', 'Current address'),
  previous_address: L('Alamat sebelumnya', 'Previous address'),
  phone: L('Nomor telepon', 'Phone number'),
  email: L('E-mail', 'E-mail'),
  blood_type: L('Golongan darah', 'Blood type'),
  disability: L('Disabilitas', 'Disability'),
  chronic_illness: L('Sakit menahun', 'Chronic illness'),
  contraception: L('Akseptor KB', 'Contraception'),
  pregnant: L('Status kehamilan', 'Pregnancy'),
  insurance_type: L('Asuransi kesehatan', 'Health insurance'),
  insurance_number: L('Nomor asuransi', 'Insurance number'),
  ektp: L('Wajib KTP', 'ID card required'),
  ektp_recording: L('Perekaman KTP-el', 'e-KTP recording'),
  ektp_tag: L('Status KTP-el', 'e-KTP status'),
  ethnicity: L('Suku/etnis', 'Ethnicity'),
  // events
  place: L('Tempat', 'Place'),
  cause: L('Sebab', 'Cause'),
  destination: L('Alamat tujuan', 'Destination'),
  reporter_name: L('Nama pelapor', "Reporter's name"),
  reporter_relation: L('Hubungan pelapor', "Reporter's relation"),
  reason: L('Alasan', 'Reason'),
  note: L('Catatan', 'Note'),
  proposed: L('Data yang benar', 'Correct value'),
  answer: L('Jawaban', 'Answer'),
  // letters
  fields: L('Isian surat', 'Letter fields'),
  title: L('Judul surat', 'Letter title'),
  classification: L('Kode klasifikasi', 'Classification code'),
  template: L('Templat', 'Template'),
  requirements: L('Persyaratan', 'Requirements'),
  rule: L('Syarat penduduk', 'Resident rule'),
  online: L('Bisa diajukan daring', 'Online requests'),
  active: L('Dilayani', 'In service'),
  validity_days: L('Masa berlaku (hari)', 'Valid for (days)'),
  number_pattern: L('Pola nomor surat', 'Letter number pattern'),
  number_scope: L('Penomoran', 'Numbering'),
  staff_number_label: L('Sebutan nomor pegawai', 'Staff number label'),
  citizen_download: L('Warga boleh mengunduh surat', 'Citizens may download letters'),
  // village profile
  activation_kind: L('Cara aktivasi', 'Kind of activation'),
  head_name: L('Nama kepala desa', 'Name of the village head'),
  head_nip: L('NIP kepala desa', 'Staff number of the village head'),
  office_address: L('Alamat kantor', 'Office address'),
  postal_code: L('Kode pos', 'Postal code'),
  website: L('Situs web', 'Website'),
  // village index
  score: L('Nilai', 'Score'),
  indicators: L('Skor indikator', 'Indicator scores'),
  dimensions: L('Nilai dimensi', 'Dimension values'),
  source: L('Sumber', 'Source'),
};

/**
 * The label of a field for a message. A nested path ("fields.keperluan", "member_ids.0")
 * is named by its first part; a name the table lacks is shown in words, not as code.
 */
export function fieldLabel(lang: Lang, name: string): string {
  if (FIELD_LABELS[name]) return FIELD_LABELS[name][lang];
  if (!/^[a-z][a-z0-9_.]*$/.test(name)) return name; // already words: a label, a column title
  const [first, second] = name.split('.') as [string, string | undefined];
  const inWords = (s: string) => s.replace(/_/g, ' ');
  if (!FIELD_LABELS[first]) return inWords(second && !/^\d+$/.test(second) ? second : first);
  const label = FIELD_LABELS[first][lang];
  return second && !/^\d+$/.test(second) ? `${label}: ${inWords(second)}` : label;
}
