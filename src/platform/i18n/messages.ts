/**
 * Every sentence a user reads, in Bahasa Indonesia first and English second.
 * Keys are grouped by module; `{name}` marks a value filled in at run time.
 */
const m = <T extends Record<string, { id: string; en: string }>>(x: T) => x;

export const messages = m({
  // errors shared by every module
  'error.internal': { id: 'Terjadi kesalahan pada server. Silakan coba lagi.', en: 'Something went wrong on the server. Please try again.' },
  'error.not_found': { id: 'Halaman atau data tidak ditemukan.', en: 'Page or data not found.' },
  'error.unauthenticated': { id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' },
  'error.forbidden': { id: 'Anda tidak berhak mengakses data ini.', en: 'You are not allowed to access this data.' },
  'error.forbidden_region': { id: 'Anda tidak berhak mengakses wilayah {code}.', en: 'You are not allowed to access region {code}.' },
  'error.malformed_json': { id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  'error.body_too_large': { id: 'Isi permintaan terlalu besar (maksimal {limit}).', en: 'The request body is too large (at most {limit}).' },
  'error.csrf': { id: 'Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.', en: 'The form has expired or is not valid. Reload the page and try again.' },
  'error.rate_limited': { id: 'Terlalu banyak permintaan. Coba lagi dalam {minutes} menit.', en: 'Too many requests. Try again in {minutes} minutes.' },
  'error.conflict': { id: 'Data sudah ada.', en: 'The data already exists.' },
  // validation, naming the field
  'validation.required': { id: 'Kolom {field} wajib diisi.', en: 'The field {field} is required.' },
  'validation.type': { id: 'Kolom {field} harus berupa {expected}.', en: 'The field {field} must be {expected}.' },
  'validation.too_short': { id: 'Kolom {field} minimal {min} karakter.', en: 'The field {field} needs at least {min} characters.' },
  'validation.too_long': { id: 'Kolom {field} maksimal {max} karakter.', en: 'The field {field} allows at most {max} characters.' },
  'validation.too_small': { id: 'Kolom {field} minimal {min}.', en: 'The field {field} must be at least {min}.' },
  'validation.too_big': { id: 'Kolom {field} maksimal {max}.', en: 'The field {field} must be at most {max}.' },
  'validation.format': { id: 'Format kolom {field} tidak sah.', en: 'The field {field} has an invalid format.' },
  'validation.email': { id: 'Kolom {field} harus berupa alamat e-mail yang sah.', en: 'The field {field} must be a valid e-mail address.' },
  'validation.choice': { id: 'Pilihan pada kolom {field} tidak dikenal.', en: 'The choice in the field {field} is not known.' },
  'validation.unknown_field': { id: 'Kolom {field} tidak dikenal.', en: 'The field {field} is not known.' },
  'validation.invalid': { id: 'Isian kolom {field} tidak sah.', en: 'The field {field} is not valid.' },
  'type.string': { id: 'teks', en: 'text' },
  'type.number': { id: 'angka', en: 'a number' },
  'type.boolean': { id: 'ya/tidak', en: 'true or false' },
  'type.object': { id: 'objek', en: 'an object' },
  'type.array': { id: 'daftar', en: 'a list' },
  // regions
  'region.invalid_code': { id: 'Kode wilayah "{code}" tidak sah. Gunakan format 18, 18.09, 18.09.10 atau 18.09.10.2004 (titik boleh dihilangkan).', en: 'Region code "{code}" is not valid. Use 18, 18.09, 18.09.10 or 18.09.10.2004 (dots optional).' },
  'region.not_found': { id: 'Wilayah dengan kode {code} tidak ditemukan.', en: 'No region has the code {code}.' },
  'region.query_too_short': { id: 'Kata pencarian minimal 2 huruf.', en: 'The search needs at least 2 letters.' },
  // auth
  'auth.invalid': { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  'auth.locked': { id: 'Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara dari alamat Anda; coba lagi dalam {minutes} menit.', en: 'Too many failed logins. This account is locked from your address for now; try again in {minutes} minutes.' },
  'auth.ip_locked': { id: 'Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Coba lagi dalam {minutes} menit.', en: 'Too many failed logins from your address. Try again in {minutes} minutes.' },
  'auth.inactive': { id: 'Akun ini dinonaktifkan. Hubungi administrator.', en: 'This account is disabled. Contact an administrator.' },
  'auth.wrong_current_password': { id: 'Kata sandi saat ini salah.', en: 'The current password is wrong.' },
  'auth.password_too_short': { id: 'Kata sandi minimal {min} karakter.', en: 'The password needs at least {min} characters.' },
  'auth.password_common': { id: 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.', en: 'This password is too common and easy to guess. Choose another.' },
  'auth.password_same_as_username': { id: 'Kata sandi tidak boleh sama dengan nama pengguna.', en: 'The password must not equal the username.' },
  'auth.password_mismatch': { id: 'Konfirmasi kata sandi tidak sama.', en: 'The password confirmation does not match.' },
  'auth.password_changed': { id: 'Kata sandi berhasil diganti.', en: 'Password changed.' },
  // accounts
  'account.username_taken': { id: 'Nama pengguna "{username}" sudah dipakai.', en: 'The username "{username}" is taken.' },
  'account.username_format': { id: 'Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda hubung (3–40 karakter).', en: 'A username may only hold lowercase letters, digits, dot, underscore and hyphen (3–40 characters).' },
  'account.role_not_allowed': { id: 'Anda tidak berhak membuat akun dengan peran {role}.', en: 'You may not create accounts with the role {role}.' },
  'account.region_level': { id: 'Peran {role} harus ditempatkan pada wilayah tingkat {level}.', en: 'The role {role} must be placed on a region of level {level}.' },
  'account.village_not_active': { id: 'Desa {code} belum diaktifkan di Balai. Aktifkan desa terlebih dahulu.', en: 'Village {code} is not activated in Balai yet. Activate it first.' },
  'account.created': { id: 'Akun {username} berhasil dibuat.', en: 'Account {username} created.' },
  // villages
  'village.not_a_village': { id: 'Kode {code} bukan kode desa/kelurahan.', en: 'Code {code} is not a village code.' },
  'village.already_active': { id: 'Desa {name} sudah aktif sejak {date}.', en: 'Village {name} has been active since {date}.' },
  'village.not_active': { id: 'Desa {code} belum diaktifkan di Balai.', en: 'Village {code} is not activated in Balai.' },
  'village.activated': { id: 'Desa {name} berhasil diaktifkan.', en: 'Village {name} activated.' },
  'village.profile_saved': { id: 'Profil desa disimpan.', en: 'Village profile saved.' },
  'village.logo_type': { id: 'Logo harus berkas PNG atau JPEG.', en: 'The logo must be a PNG or JPEG file.' },
  'village.logo_size': { id: 'Logo maksimal {limit}.', en: 'The logo may be at most {limit}.' },
  'village.area_parent': { id: '{level} harus berada di bawah {parent}.', en: '{level} must sit under a {parent}.' },
  'village.area_exists': { id: '{level} "{name}" sudah ada di tempat itu.', en: '{level} "{name}" already exists there.' },
  'village.area_saved': { id: 'Wilayah {level} {name} ditambahkan.', en: 'Area {level} {name} added.' },
});

export type MessageKey = keyof typeof messages;
