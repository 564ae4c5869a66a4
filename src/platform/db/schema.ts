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
}
