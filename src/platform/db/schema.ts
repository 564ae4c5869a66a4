import type { ColumnType, Generated } from 'kysely';

/** TypeScript mirror of migrations/: what Kysely checks every query against. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: number | null;
  actor_label: string;
  action: string;
  outcome: ColumnType<'ok' | 'denied' | 'failed', 'ok' | 'denied' | 'failed' | undefined>;
  village_code: string | null;
  region_code: string | null;
  subject: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  ip: string | null;
}

export type RegionKind = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan' | 'desa_adat';

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: number;
  kind: RegionKind;
  name: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  full_name: string;
  role: string;
  region_code: string;
  position_title: string | null;
  nip: string | null;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  language: Generated<'id' | 'en'>;
  created_at: Generated<Date>;
  created_by: number | null;
  password_changed_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Generated<Date>;
}

export interface VillagesTable {
  village_code: string;
  activated_at: Generated<Date>;
  activated_by: number | null;
  activation_kind: 'target' | 'initiative';
  head_name: string | null;
  head_nip: string | null;
  office_address: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  logo: Uint8Array | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  updated_at: Generated<Date>;
}

export interface VillageAreasTable {
  village_code: string;
  id: Generated<number>;
  parent_id: number | null;
  level: 'dusun' | 'rw' | 'rt';
  name: string;
}

export interface FamiliesTable {
  village_code: string;
  id: Generated<number>;
  kk_number: string;
  address: string | null;
  area_id: number | null;
  status: Generated<'active' | 'dissolved'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

type DateText = ColumnType<string, string | null | undefined, string | null>;

export interface ResidentsTable {
  village_code: string;
  id: Generated<number>;
  nik: string;
  nik_temporary: Generated<boolean>;
  name: string;
  sex: number;
  birth_place: string | null;
  birth_date: DateText | null;
  religion: number;
  education_kk: number | null;
  education_current: number | null;
  occupation: number | null;
  marital_status: number | null;
  family_id: number | null;
  family_relation: number | null;
  citizenship: Generated<number>;
  passport_number: string | null;
  passport_expiry: DateText | null;
  kitas_number: string | null;
  father_nik: string | null;
  father_name: string | null;
  mother_nik: string | null;
  mother_name: string | null;
  blood_type: number | null;
  disability: number | null;
  chronic_illness: number | null;
  contraception: number | null;
  pregnant: number | null;
  insurance_type: number | null;
  insurance_number: string | null;
  ektp: number | null;
  ektp_recording: number | null;
  ektp_tag: string | null;
  birth_certificate: string | null;
  marriage_certificate: string | null;
  marriage_date: DateText | null;
  divorce_certificate: string | null;
  divorce_date: DateText | null;
  phone: string | null;
  email: string | null;
  ethnicity: string | null;
  area_id: number | null;
  address: string | null;
  current_address: string | null;
  previous_address: string | null;
  lat: string | null;
  lng: string | null;
  photo: Uint8Array | null;
  photo_type: string | null;
  life_status: Generated<number>;
  warnings: ColumnType<string[], string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActiveNiksTable {
  nik: string;
  village_code: string;
  resident_id: number;
}

export type PopulationEventKind =
  | 'registration' | 'birth' | 'death' | 'move_out' | 'move_in' | 'lost'
  | 'temporary_departure' | 'return' | 'correction' | 'family_change';

export interface PopulationEventsTable {
  village_code: string;
  id: Generated<number>;
  resident_id: number;
  family_id: number | null;
  kind: PopulationEventKind;
  event_date: DateText;
  population_change: Generated<-1 | 0 | 1>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  village_code: string;
  key: string;
  result: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface Database {
  audit_log: AuditLogTable;
  regions: RegionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  villages: VillagesTable;
  village_areas: VillageAreasTable;
  schema_migrations: SchemaMigrationsTable;
  families: FamiliesTable;
  residents: ResidentsTable;
  active_niks: ActiveNiksTable;
  population_events: PopulationEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
