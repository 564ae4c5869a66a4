/** Roles, each bound to a region scope: the account's `region_code`. */
export const ROLES = [
  'national_admin',
  'province_admin',
  'regency_officer',
  'district_officer',
  'village_head',
  'village_secretary',
  'village_treasurer',
  'village_operator',
  'extension_officer',
  'agriculture_officer',
  'fertiliser_kiosk',
  'election_committee',
  'polling_officer',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles of officer accounts (the users table); a citizen logs in with NIK and PIN instead. */
export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, 'citizen'> => r !== 'citizen');
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The region level (1 province … 4 village) a role's scope sits on; 0 is the whole country. */
export const ROLE_LEVEL: Record<Role, 0 | 1 | 2 | 3 | 4> = {
  national_admin: 0,
  province_admin: 1,
  regency_officer: 2,
  district_officer: 3,
  village_head: 4,
  village_secretary: 4,
  village_treasurer: 4,
  village_operator: 4,
  // The extension officer (PPL) works the villages of a district; the agriculture office is the regency's.
  extension_officer: 3,
  agriculture_officer: 2,
  // A kiosk's account sits on its district; what it may reach is the villages it serves (farm_kiosk_villages).
  fertiliser_kiosk: 3,
  // The village head election's committee (panitia, appointed by the BPD) and its TPS officers (KPPS).
  election_committee: 4,
  polling_officer: 4,
  citizen: 4,
};

export const ROLE_LABEL: Record<Role, { id: string; en: string }> = {
  national_admin: { id: 'Administrator Nasional', en: 'National administrator' },
  province_admin: { id: 'Administrator Provinsi', en: 'Province administrator' },
  regency_officer: { id: 'Petugas Kabupaten/Kota', en: 'Regency officer' },
  district_officer: { id: 'Petugas Kecamatan', en: 'District officer' },
  village_head: { id: 'Kepala Desa', en: 'Village head' },
  village_secretary: { id: 'Sekretaris Desa', en: 'Village secretary' },
  village_treasurer: { id: 'Kaur Keuangan (Bendahara)', en: 'Village treasurer' },
  village_operator: { id: 'Operator Desa', en: 'Village operator' },
  extension_officer: { id: 'Penyuluh Pertanian (PPL)', en: 'Agricultural extension officer (PPL)' },
  agriculture_officer: { id: 'Dinas Pertanian Kabupaten/Kota', en: 'Regency agriculture office' },
  fertiliser_kiosk: { id: 'Kios Pupuk Lengkap', en: 'Fertiliser kiosk' },
  election_committee: { id: 'Panitia Pilkades', en: 'Election committee' },
  polling_officer: { id: 'Petugas TPS (KPPS)', en: 'Polling station officer' },
  citizen: { id: 'Warga', en: 'Citizen' },
};

/** A village officer (not a citizen, who is also scoped to one village). */
export const isVillageRole = (role: Role) => ROLE_LEVEL[role] === 4 && role !== 'citizen';
