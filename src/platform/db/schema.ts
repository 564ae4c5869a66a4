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
  /** Set by each login (migration 0051): accounts unused for 90 days are listed from it. */
  last_login_at: Timestamp | null;
}

/** A one-time password reset code an administrator made (migration 0051): only its hash is kept. */
export interface PasswordResetsTable {
  code_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A machine client's token (migration 0059): found by its hash, scoped to a region, with the permissions it was given. */
export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  name: string;
  region_code: string;
  permissions: string[];
  created_by: number;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
  last_used_at: Timestamp | null;
  last_used_ip: string | null;
  requests: Generated<number>;
  window_start: Generated<Date>;
  window_count: Generated<number>;
}

export interface SessionsTable {
  token_hash: string;
  /** An officer's session; null for a citizen's (then village_code and resident_id say whose). */
  user_id: number | null;
  village_code: string | null;
  resident_id: number | null;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AttemptCountersTable {
  kind: 'login' | 'verify' | 'complaint' | 'sync' | 'market' | 'api_token' | 'ballot';
  account: string;
  ip: string;
  count: number;
  window_start: Date;
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
  /** The day (WIB) of the last action by the village's officers or citizens (adoption dashboard). */
  last_active_day: string | null;
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
  /** balai_search_text(name), kept by the database (migration 0030); never written. */
  search_name: ColumnType<string, never, never>;
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

type Json<T> = ColumnType<T, string, string>;

export type LetterStatus = 'requested' | 'checked' | 'signed' | 'ready' | 'collected' | 'rejected';
export type LetterRule = 'none' | 'subject_dead' | 'family_head' | 'records_move' | 'subject_alive';

export interface LetterTypesTable {
  village_code: string;
  code: string;
  title: string;
  classification: string;
  template: string;
  fields: Json<unknown>;
  requirements: Json<string[]>;
  validity_days: number;
  online: boolean;
  rule: LetterRule;
  active: boolean;
  /** Letters of this type are issued only with a certified electronic signature (migration 0061). */
  certified_signature: Generated<boolean>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export interface LetterSettingsTable {
  village_code: string;
  number_pattern: Generated<string>;
  number_scope: Generated<'village_year' | 'type_year'>;
  paper: Generated<'A4' | 'F4'>;
  citizen_download: Generated<boolean>;
  staff_number_label: Generated<string>;
  checker_may_sign: Generated<boolean>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export type OfficialPosition = 'kepala_desa' | 'sekretaris_desa' | 'kaur' | 'kasi' | 'kepala_dusun' | 'staf';
export interface VillageOfficialsTable {
  village_code: string;
  id: Generated<number>;
  name: string;
  staff_number: string | null;
  position: OfficialPosition;
  position_title: string;
  signs_ub: Generated<boolean>;
  user_id: number | null;
  active: Generated<boolean>;
  /** For the certified signature (BSrE finds the certificate by it); never printed (migration 0061). */
  nik: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

export interface LetterCountersTable {
  village_code: string;
  scope_key: string;
  last_number: Generated<number>;
}

/** Where a letter's public verification code points (migration 0021). */
/** A certified letter's signed PDF, kept whole: the signature covers these bytes (migration 0061). */
export interface LetterSignaturesTable {
  village_code: string;
  letter_id: number;
  provider: 'bsre' | 'uji';
  signed_by_official: number;
  signed_at: Date;
  signature_sha256: string;
  pdf: Uint8Array;
}

export interface LetterVerifyCodesTable {
  verify_code: string;
  village_code: string;
  letter_id: number;
}

export interface LettersTable {
  village_code: string;
  id: Generated<number>;
  type_code: string;
  type_title: string;
  resident_id: number;
  status: ColumnType<LetterStatus, LetterStatus | undefined, LetterStatus>;
  channel: 'online' | 'counter' | 'kiosk';
  fields: Json<Record<string, string>>;
  queue_date: string | null;
  queue_number: number | null;
  requested_at: Generated<Date>;
  requested_by_user: number | null;
  requested_by_resident: number | null;
  checked_at: Timestamp | null;
  checked_by: number | null;
  signed_at: Timestamp | null;
  signed_by: number | null;
  sign_mode: 'self' | 'an' | 'ub' | null;
  signed_by_official: number | null;
  issued: Json<unknown> | null;
  number: string | null;
  number_scope_key: string | null;
  running_number: number | null;
  valid_until: string | null;
  verify_code: string | null;
  ready_at: Timestamp | null;
  ready_by: number | null;
  collected_at: Timestamp | null;
  collected_by: number | null;
  rejected_at: Timestamp | null;
  rejected_by: number | null;
  reject_reason: string | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
  revoke_reason: string | null;
  idempotency_key: string | null;
}

export interface LetterDailyTable {
  village_code: string;
  day: string;
  type_code: string;
  requested: Generated<number>;
  requested_online: Generated<number>;
  issued: Generated<number>;
  ready: Generated<number>;
  ready_seconds: Generated<number>;
  rejected: Generated<number>;
}

export interface CitizenPinsTable {
  village_code: string;
  resident_id: number;
  pin_hash: string;
  issued_at: Generated<Date>;
  issued_by: number | null;
  last_login_at: Timestamp | null;
}

export interface CorrectionRequestsTable {
  village_code: string;
  id: Generated<number>;
  resident_id: number;
  about_resident_id: number;
  field: string;
  proposed: string;
  note: string | null;
  status: ColumnType<'open' | 'done' | 'rejected', 'open' | 'done' | 'rejected' | undefined>;
  created_at: Generated<Date>;
  closed_at: Timestamp | null;
  closed_by: number | null;
  answer: string | null;
}

export type NotificationChannel = 'log' | 'email' | 'whatsapp' | 'telegram' | 'sms';

export interface NotificationOutboxTable {
  id: Generated<number>;
  village_code: string | null;
  channel: NotificationChannel;
  recipient: string;
  subject: ColumnType<string, string | undefined, string>;
  body: string;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  subject_ref: string | null;
}

// Monitoring rollups (migrations/0010, 0011): kept by triggers and recordAudit; read by src/modules/monitoring.
export interface MonitoringPopulationTable {
  village_code: string;
  life_status: number;
  sex: number;
  birth_year: number;
  residents: number;
}
/** The statistics page's summary (migration 0024): counted residents per area, field, code and sex. */
export interface PopulationBreakdownsTable {
  village_code: string;
  area_id: number;
  field: string;
  code: number;
  sex: number;
  residents: number;
}
/** Counted members per family, and per village the active families with any (migration 0025). */
export interface PopulationFamilyMembersTable {
  village_code: string;
  family_id: number;
  members: number;
}
/** The village's population version, moved by every change to the register (migration 0028). */
export interface PopulationVersionsTable {
  village_code: string;
  version: ColumnType<string, string | number, string | number>;
}

/** A monthly report of a month that has ended, as worked out at a population version. */
export interface PopulationMonthlyReportsTable {
  village_code: string;
  month: ColumnType<string, string, string>;
  version: ColumnType<string, string | number, string | number>;
  report: ColumnType<unknown, string, string>;
  worked_out_at: Generated<Date>;
}

export interface PopulationFamilyCountTable {
  village_code: string;
  families: number;
}
export interface MonitoringFamiliesTable {
  village_code: string;
  status: string;
  families: number;
}
export interface MonitoringEventsTable {
  village_code: string;
  month: string;
  kind: string;
  events: number;
}
export interface MonitoringLetterReadyTable {
  village_code: string;
  day: string;
  bucket: number;
  letters: number;
}
export interface VillageActivityDailyTable {
  village_code: string;
  day: string;
  officer_actions: Generated<number>;
  citizen_actions: Generated<number>;
  last_at: Timestamp;
}
export type IndexModel = 'idm' | 'id2024';
export type IndexStatus = 'sangat_tertinggal' | 'tertinggal' | 'berkembang' | 'maju' | 'mandiri';
export interface VillageIndexScoresTable {
  village_code: string;
  model: IndexModel;
  year: number;
  score: ColumnType<string, string | number, string | number>;
  status: IndexStatus;
  dimensions: ColumnType<Record<string, number>, string, string>;
  indicators: ColumnType<Record<string, number>, string | undefined, string>;
  source: 'form' | 'import' | 'demo';
  entered_by: number | null;
  entered_at: Generated<Date>;
}

/**
 * The tables behind the views residents, families, population_events and village_areas
 * (migration 0018: the views hide a staged import's rows). Reads use the views; writes go to
 * the tables, since Citus refuses writes through a view over distributed tables.
 */
type StagedRows<T> = T & { import_job: ColumnType<string | null, string | null | undefined, string | null> };

export interface BudgetAccountsTable { code: string; parent_code: string | null; level: number; name: string }
export interface BudgetActivitiesTable { code: string; parent_code: string | null; level: number; name: string }
export type BudgetStatus = 'draft' | 'verified' | 'adopted' | 'superseded';
/** Whole rupiah and volumes arrive as strings (numeric): exact, never floating point. */
type Numeric = ColumnType<string, string, string>;
export interface BudgetsTable {
  village_code: string;
  id: Generated<number>;
  year: number;
  version: number;
  based_on: number | null;
  status: ColumnType<BudgetStatus, BudgetStatus | undefined, BudgetStatus>;
  prepared_by: number;
  prepared_at: Generated<Date>;
  verified_by: number | null;
  verified_at: Date | null;
  adopted_by: number | null;
  adopted_at: Date | null;
  regulation_number: string | null;
  regulation_date: string | null;
  reason: string | null;
}
export interface BudgetLinesTable {
  village_code: string;
  budget_id: number;
  id: Generated<number>;
  account_code: string;
  activity_code: string | null;
  fund: string | null;
  description: string;
  volume: Numeric;
  unit: string;
  unit_price: Numeric;
  amount: Numeric;
  created_by: number;
  created_at: Generated<Date>;
}
export interface BudgetEntriesTable {
  village_code: string;
  id: Generated<number>;
  year: number;
  entry_date: string;
  account_code: string;
  activity_code: string | null;
  fund: string | null;
  description: string;
  amount: Numeric;
  tax_ppn: ColumnType<string, string | undefined, string>;
  tax_pph: ColumnType<string, string | undefined, string>;
  corrects: number | null;
  reason: string | null;
  proof: Uint8Array | null;
  proof_type: string | null;
  posted_by: number;
  posted_at: Generated<Date>;
  verified_by: number | null;
  verified_at: Date | null;
  method: ColumnType<string, string | undefined, string>;
  source_ref: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface BudgetImportsTable {
  village_code: string;
  id: Generated<number>;
  kind: string;
  year: number;
  file_name: string;
  file_hash: string;
  rows: ColumnType<unknown, string, string>;
  row_count: number;
  status: ColumnType<string, string | undefined, string>;
  budget_id: number | null;
  added: number | null;
  skipped: number | null;
  created_by: number;
  created_at: Generated<Date>;
  imported_at: Date | null;
}
export interface HouseholdsTable {
  village_code: string;
  id: Generated<number>;
  number: number;
  main_family_id: number;
  head_resident_id: number | null;
  address: string | null;
  floor: number | null;
  wall: number | null;
  roof: number | null;
  water: number | null;
  sanitation: number | null;
  electricity: number | null;
  house_ownership: number | null;
  floor_area: string | null;
  assets: ColumnType<string[], string[] | undefined, string[]>;
  surveyed_on: string | null;
  status: ColumnType<string, string | undefined, string>;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export interface HouseholdFamiliesTable {
  village_code: string;
  id: Generated<number>;
  household_id: number;
  family_id: number;
  added_by: number;
  added_at: Generated<Date>;
  removed_by: number | null;
  removed_at: Date | null;
  reason: string | null;
}
export interface WelfareRanksTable {
  village_code: string;
  nik: string;
  desil: number;
  import_id: number;
}
export interface WelfareImportsTable {
  village_code: string;
  id: Generated<number>;
  source: 'DTSEN' | 'DTKS';
  file_name: string;
  file_hash: string;
  rows: ColumnType<[string, number][], string, string>;
  row_count: number;
  status: ColumnType<'preview' | 'imported', 'preview' | 'imported' | undefined, 'preview' | 'imported'>;
  created_by: number;
  created_at: Generated<Date>;
  imported_at: Date | null;
}
export type AssistanceTarget = 'person' | 'family' | 'household';
export type AssistancePeriodKind = 'month' | 'quarter' | 'year';
export interface AssistanceProgrammesTable {
  village_code: string;
  id: Generated<number>;
  kind: string;
  name: string;
  year: number;
  target: AssistanceTarget;
  period_kind: AssistancePeriodKind;
  periods: number;
  amount: ColumnType<string, string | bigint, string | bigint>;
  fund: string;
  rules: ColumnType<unknown, string, string>;
  claim_key: string;
  meeting_id: number | null;
  status: ColumnType<'draft' | 'adopted', 'draft' | 'adopted' | undefined, 'draft' | 'adopted'>;
  adopted_by: number | null;
  adopted_at: Date | null;
  created_by: number;
  created_at: Generated<Date>;
}
export type RecipientStatus = 'proposed' | 'adopted' | 'dropped' | 'ended';
export interface AssistanceRecipientsTable {
  village_code: string;
  id: Generated<number>;
  programme_id: number;
  household_id: number | null;
  family_id: number | null;
  resident_id: number | null;
  claim_subjects: string[];
  reasons: ColumnType<unknown, string, string>;
  priority: number;
  source: 'generated' | 'manual';
  status: ColumnType<RecipientStatus, RecipientStatus | undefined, RecipientStatus>;
  note: string | null;
  added_by: number;
  added_at: Generated<Date>;
  changed_by: number | null;
  changed_at: Date | null;
  change_reason: string | null;
}
export interface AssistanceClaimsTable {
  subject: string;
  claim_key: string;
  year: number;
  village_code: string;
  programme_id: number;
  recipient_id: number;
  claimed_at: Generated<Date>;
}
export interface AssistancePayoutsTable {
  village_code: string;
  id: Generated<number>;
  programme_id: number;
  period: number;
  paid_on: string;
  proof: 'photo' | 'signature';
  photo: Uint8Array | null;
  note: string | null;
  recipients: number;
  total: ColumnType<string, string | bigint, string | bigint>;
  created_by: number;
  created_at: Generated<Date>;
}
export interface AssistancePaymentsTable {
  village_code: string;
  payout_id: number;
  recipient_id: number;
  amount: ColumnType<string, string | bigint, string | bigint>;
}
export interface MonitoringAssistanceTable {
  village_code: string;
  year: number;
  kind: string;
  recipients: number;
  paid: ColumnType<string, string | bigint, string | bigint>;
  payouts: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type ComplaintStatus = 'received' | 'in_progress' | 'answered' | 'closed';
export interface ComplaintsTable {
  village_code: string;
  id: Generated<number>;
  year: number;
  number: number;
  tracking_code: string;
  category: string;
  body: string;
  location: string | null;
  latitude: string | null;
  longitude: string | null;
  photo: Uint8Array | null;
  source: 'citizen' | 'kiosk' | 'public' | 'officer';
  resident_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  status: ColumnType<ComplaintStatus, ComplaintStatus | undefined, ComplaintStatus>;
  assigned_to: number | null;
  due_on: string;
  public: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  answered_at: Date | null;
  closed_at: Date | null;
}
export interface ComplaintEventsTable {
  village_code: string;
  complaint_id: number;
  id: Generated<number>;
  kind: 'reply' | 'note' | 'assign' | 'status';
  body: string | null;
  status: string | null;
  assigned_to: number | null;
  author_id: number | null;
  resident_id: number | null;
  created_at: Generated<Date>;
}
export interface MonitoringComplaintsTable { village_code: string; due_on: string; open: number }
export interface MonitoringComplaintsMonthlyTable { village_code: string; month: string; received: number; answered: number }
export type InstitutionKind = 'bpd' | 'lpm' | 'pkk' | 'karang_taruna' | 'posyandu' | 'rt' | 'rw' | 'adat' | 'kelompok' | 'lainnya';
export interface InstitutionsTable {
  village_code: string;
  id: Generated<number>;
  kind: InstitutionKind;
  name: string;
  area_id: number | null;
  decree_number: string | null;
  decree_on: string | null;
  note: string | null;
  dissolved_on: string | null;
  created_by: number;
  created_at: Generated<Date>;
}
export interface InstitutionMembersTable {
  village_code: string;
  id: Generated<number>;
  institution_id: number;
  resident_id: number;
  position: string;
  term_start: string;
  term_end: string | null;
  ended_on: string | null;
  end_reason: string | null;
  created_by: number;
  created_at: Generated<Date>;
  ended_by: number | null;
}
export interface InstitutionRecordsTable {
  village_code: string;
  id: Generated<number>;
  institution_id: number;
  kind: 'activity' | 'decision';
  held_on: string;
  title: string;
  summary: string | null;
  participants: number | null;
  created_by: number;
  created_at: Generated<Date>;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  withdrawn_by: number | null;
}
export type TrainingTopic = 'digital' | 'pertanian' | 'usaha' | 'kesehatan' | 'pemerintahan' | 'lainnya';
export interface TrainingsTable {
  village_code: string;
  id: Generated<number>;
  title: string;
  topic: TrainingTopic;
  held_on: string;
  place: string | null;
  organiser: string | null;
  makes_digital_cadres: ColumnType<boolean, boolean | undefined, boolean>;
  material_url: string | null;
  created_by: number;
  created_at: Generated<Date>;
}
export interface TrainingParticipantsTable {
  village_code: string;
  training_id: number;
  resident_id: number;
  completed: ColumnType<boolean, boolean | undefined, boolean>;
  added_by: number;
  added_at: Generated<Date>;
}
export interface MonitoringInstitutionsTable { village_code: string; institutions: number; active_members: number; trainings: number; people_trained: number; digital_cadres: number }
/** The farmer card: farmers, groups, RDKK, kiosks and redemptions (migration 0047). */
export interface FarmCommoditiesTable { code: string; name: string; name_en: string; eligible: boolean; sort: number }
export interface FertiliserTypesTable { code: string; name: string; sort: number }
export interface FertiliserDosagesTable { commodity: string; fertiliser: string; kg_per_ha: string }
export interface FarmKiosksTable { id: Generated<number>; name: string; owner_name: string; address: string; region_code: string; user_id: number; registered_by: number; registered_at: Generated<Date> }
export interface FarmKioskVillagesTable { kiosk_id: number; village_code: string }
export interface FarmKioskStockTable { id: Generated<number>; kiosk_id: number; fertiliser: string; quantity: string; received_on: string; note: string | null; recorded_by: number; recorded_at: Generated<Date> }
export interface FarmersTable {
  village_code: string;
  id: Generated<number>;
  resident_id: number;
  card_code: string;
  bank_name: string | null;
  bank_account: string | null;
  autp: Generated<boolean>;
  bpjs_tk: Generated<boolean>;
  registered_by: number;
  registered_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface FarmerNiksTable { nik: string; village_code: string; farmer_id: number }
export interface FarmerCardsTable { card_code: string; village_code: string; farmer_id: number }
export interface FarmParcelsTable {
  village_code: string;
  id: Generated<number>;
  farmer_id: number;
  area_ha: string;
  tenure: 'own' | 'rent' | 'sharecrop';
  area_id: number | null;
  latitude: string | null;
  longitude: string | null;
  note: string | null;
  ended_on: string | null;
  created_by: number;
  created_at: Generated<Date>;
}
export interface FarmCropsTable { village_code: string; id: Generated<number>; farmer_id: number; year: number; season: number; commodity: string; area_ha: string; created_by: number; created_at: Generated<Date> }
export interface FarmerGroupsTable { village_code: string; id: Generated<number>; kind: 'poktan' | 'gapoktan'; name: string; gapoktan_id: number | null; leader_farmer_id: number | null; created_by: number; created_at: Generated<Date> }
export interface FarmerGroupMembersTable { village_code: string; id: Generated<number>; group_id: number; farmer_id: number; joined_on: string; left_on: string | null; created_by: number; created_at: Generated<Date> }
export type RdkkStatus = 'draft' | 'submitted' | 'verified' | 'approved' | 'superseded';
export interface RdkkPlansTable {
  village_code: string;
  id: Generated<number>;
  group_id: number;
  year: number;
  version: number;
  status: ColumnType<RdkkStatus, RdkkStatus | undefined, RdkkStatus>;
  note: string | null;
  drafted_by: number;
  drafted_at: Generated<Date>;
  submitted_by: number | null;
  submitted_at: Timestamp | null;
  verified_by: number | null;
  verified_at: Timestamp | null;
  approved_by: number | null;
  approved_at: Timestamp | null;
  superseded_at: Timestamp | null;
  returned_by: number | null;
  returned_at: Timestamp | null;
  return_reason: string | null;
}
export interface RdkkLinesTable { village_code: string; id: Generated<number>; plan_id: number; farmer_id: number; season: number; commodity: string; area_ha: string; fertiliser: string | null; quantity: string; refusal: string | null }
export interface FarmAllocationsTable { village_code: string; farmer_id: number; year: number; season: number; fertiliser: string; allocated: string; redeemed: Generated<string>; plan_id: number }
export interface FarmRedemptionsTable { village_code: string; id: Generated<number>; farmer_id: number; kiosk_id: number; year: number; season: number; receipt_no: string; redeemed_on: string; redeemed_at: Generated<Date>; created_by: number }
export interface FarmRedemptionItemsTable { village_code: string; redemption_id: number; fertiliser: string; quantity: string }
export interface HarvestOffersTable {
  village_code: string;
  id: Generated<number>;
  farmer_id: number | null;
  group_id: number | null;
  commodity: string;
  quantity_kg: string;
  price_per_kg: string;
  available_on: string;
  contact_phone: string | null;
  status: ColumnType<'open' | 'sold' | 'withdrawn', 'open' | 'sold' | 'withdrawn' | undefined, 'open' | 'sold' | 'withdrawn'>;
  created_by_user: number | null;
  created_by_resident: number | null;
  created_at: Generated<Date>;
  closed_at: Timestamp | null;
}
export interface MonitoringFarmersTable { village_code: string; farmers: number; poktan: number; hectares: string; updated_at: Generated<Date> }
export interface MonitoringFarmCropsTable { village_code: string; year: number; commodity: string; farmers: number; hectares: string }
export interface MonitoringFertiliserTable { village_code: string; year: number; fertiliser: string; allocated: string; redeemed: string }
export interface MonitoringKioskDaysTable { village_code: string; kiosk_id: number; day: string; fertiliser: string; quantity: string; redemptions: number }
/** The village marketplace (migration 0048). */
export type MarketOrderStatus = 'placed' | 'confirmed' | 'paid' | 'shipped' | 'ready' | 'done' | 'cancelled';
export interface MarketCategoriesTable { code: string; name: string; name_en: string; sort: number }
export interface MarketSellersTable {
  village_code: string;
  id: Generated<number>;
  kind: 'bumdes' | 'umkm' | 'koperasi';
  name: string;
  description: Generated<string>;
  phone: string;
  address: string;
  owner_resident_id: number | null;
  legal_name: string | null;
  deed_no: string | null;
  registration_no: string | null;
  status: ColumnType<'pending' | 'verified' | 'refused' | 'suspended', 'pending' | 'verified' | undefined, 'pending' | 'verified' | 'refused' | 'suspended'>;
  status_reason: string | null;
  status_by: number | null;
  status_at: Timestamp | null;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface MarketProductsTable {
  village_code: string;
  id: Generated<number>;
  seller_id: number;
  name: string;
  description: Generated<string>;
  category: string;
  unit: string;
  price: string;
  stock: number;
  weight_grams: Generated<number>;
  halal_no: string | null;
  pirt_no: string | null;
  active: Generated<boolean>;
  /** Generated by the database from the name (migration 0048). */
  search_name: ColumnType<string, never, never>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface MarketProductPhotosTable { village_code: string; id: Generated<number>; product_id: number; position: number; large: Uint8Array; small: Uint8Array; width: number; height: number }
export interface TourismListingsTable {
  village_code: string;
  id: Generated<number>;
  kind: 'destination' | 'homestay' | 'event' | 'product';
  name: string;
  description: Generated<string>;
  address: string | null;
  latitude: string | null;
  longitude: string | null;
  opening_hours: string | null;
  price_min: string | null;
  price_max: string | null;
  price_unit: string | null;
  contact_phone: string | null;
  rooms: number | null;
  starts_on: string | null;
  ends_on: string | null;
  market_product_id: number | null;
  /** Generated by the database from the name (migration 0049). */
  search_name: ColumnType<string, never, never>;
  created_by: number;
  created_at: Generated<Date>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  withdrawn_at: Date | null;
}
export interface TourismPhotosTable { village_code: string; id: Generated<number>; listing_id: number; position: number; large: Uint8Array; small: Uint8Array; width: number; height: number }
export interface MarketOrdersTable {
  village_code: string;
  id: Generated<number>;
  code: string;
  seller_id: number;
  buyer_phone: string;
  buyer_name: string;
  buyer_address: string | null;
  buyer_resident_village: string | null;
  buyer_resident_id: number | null;
  delivery: 'courier' | 'pickup';
  payment: 'cod' | 'transfer' | 'gateway';
  status: ColumnType<MarketOrderStatus, MarketOrderStatus | undefined, MarketOrderStatus>;
  total: string;
  payment_ref: string | null;
  proof: Uint8Array | null;
  placed_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface MarketOrderLinesTable { village_code: string; order_id: number; product_id: number; name: string; unit: string; price: string; quantity: number; subtotal: string }
export interface MarketOrderEventsTable { village_code: string; id: Generated<number>; order_id: number; status: MarketOrderStatus | null; by_user: number | null; by_buyer: boolean; note: string | null; at: Generated<Date> }
export interface MarketBuyerCodesTable { phone: string; code_hash: string; expires_at: Timestamp; sent_at: Generated<Date> }
export type IncomingLetterNature = 'biasa' | 'penting' | 'segera' | 'rahasia';
export interface IncomingLettersTable {
  village_code: string; id: Generated<number>; year: number; agenda_no: number; received_on: string; sender: string; letter_no: string; letter_date: string; subject: string;
  nature: Generated<IncomingLetterNature>; summary: Generated<string>; search_text: ColumnType<string, never, never>; scan: Uint8Array | null; scan_type: 'application/pdf' | 'image/jpeg' | null;
  registered_by: number; registered_at: Generated<Date>; voided_at: Date | null; voided_by: number | null; void_reason: string | null;
}
export interface IncomingLetterRoutesTable {
  village_code: string; id: Generated<number>; letter_id: number; to_user: number; instruction: string; due_on: string | null; routed_by: number; routed_at: Generated<Date>;
  done_at: Date | null; done_note: string | null;
}
/** The register of village regulations and the head's decisions (migration 0056). */
export type RegulationKind = 'perdes' | 'perbersama' | 'perkades' | 'kepkades';
export interface VillageRegulationsTable {
  village_code: string; id: Generated<number>; kind: RegulationKind; year: number; number: string; set_on: string; about: string; summary: Generated<string>;
  bpd_agreed_on: string | null; report_no: string | null; reported_on: string | null; promulgated_on: string | null; gazette_no: string | null; note: Generated<string>;
  amends_id: number | null; search_text: ColumnType<string, never, never>; document: Uint8Array | null; recorded_by: number; recorded_at: Generated<Date>;
  corrects_id: number | null; corrected_at: Date | null; corrected_by: number | null; correction_reason: string | null;
  revoked_at: Date | null; revoked_by: number | null; revoke_reason: string | null;
}
/** Reports to the civil registry (Disdukcapil) and reconciliation with its list (migration 0063). */
export type CivilRegistryDifferenceKind = 'differs' | 'only_balai' | 'only_dukcapil' | 'status';
export interface CivilRegistryReportsTable {
  village_code: string; id: Generated<number>; number: number; period_from: string; period_to: string; counts: Json<Record<string, number>>; total: number;
  sheets: Json<unknown>; file: Uint8Array; file_sha256: string; made_by: number; made_at: Generated<Date>;
}
export interface CivilRegistryReportEventsTable { village_code: string; event_id: number; report_id: number }
export interface CivilRegistryImportsTable {
  village_code: string; id: Generated<number>; file_name: string; file_sha256: string; format: 'xlsx' | 'csv'; rows: number; status: Generated<'open' | 'superseded'>;
  counts: Json<Record<string, number>>; applied: Generated<number>; uploaded_by: number; uploaded_at: Generated<Date>;
}
export interface CivilRegistryDifferencesTable {
  village_code: string; import_id: number; seq: number; kind: CivilRegistryDifferenceKind; resident_id: number | null; nik: string; name: string; line: number | null;
  fields: Json<unknown>; applied_at: Date | null; applied_by: number | null;
}
export interface MonitoringCivilRegistryTable { village_code: string; reports: Generated<number>; last_report_on: string | null; last_import_on: string | null; updated_at: Timestamp }
/** The register of temporary residents (migration 0058): a stay's versions, the one in force not corrected. */
export interface TemporaryResidentsTable {
  village_code: string; id: Generated<number>; stay_id: number | null; name: string; sex: number; citizenship: number; nik: string | null; passport_number: string | null;
  nationality: string | null; birth_place: string; birth_date: string; occupation: number; origin_address: string; purpose: string;
  host_resident_id: number | null; area_id: number | null; host_name: string | null; host_address: string | null;
  arrived_on: string; planned_departure_on: string | null; departed_on: string | null; departure_note: string | null; note: Generated<string>;
  recorded_by: number; recorded_at: Generated<Date>; departure_recorded_by: number | null; departure_recorded_at: Date | null;
  corrects_id: number | null; corrected_at: Date | null; corrected_by: number | null; correction_reason: string | null;
}
export interface MonitoringTemporaryResidentsTable { village_code: string; staying: number; foreigners: number; updated_at: Timestamp }
export interface MonitoringMailTable { village_code: string; month: string; received: number; routed: number; done: number; done_late: number }
/** The village's goods and land (migration 0057). Numerics come back as text. */
export type AssetKind = 'tanah' | 'peralatan_mesin' | 'gedung_bangunan' | 'jalan_irigasi_jaringan' | 'aset_tetap_lainnya' | 'konstruksi_dalam_pengerjaan';
export type AssetCondition = 'baik' | 'rusak_ringan' | 'rusak_berat';
export interface AssetItemsTable {
  village_code: string; id: Generated<number>; kind: AssetKind; name: string; item_code: string | null; origin: 'apbdes' | 'pemerintah' | 'provinsi' | 'kabupaten' | 'sumbangan';
  acquired_year: number; quantity: string; unit: string; value: string; condition: AssetCondition; location: string | null; note: string | null;
  disposed_on: string | null; disposal_reason: 'dijual' | 'rusak' | 'hilang' | 'dihibahkan' | null; recorded_by: number | null; recorded_at: Generated<Date>;
}
export interface VillageLandParcelsTable {
  village_code: string; id: Generated<number>; origin: 'asli' | 'pembelian' | 'bantuan' | 'lain_lain'; certificate_no: string; area_m2: string; land_class: string | null; acquired_on: string | null;
  land_use: 'sawah' | 'tegal' | 'kebun' | 'tambak' | 'tanah_kering'; location: string; boundaries: string | null; boundary_marker: Generated<boolean>; sign_board: Generated<boolean>; note: string | null;
  recorded_by: number | null; recorded_at: Generated<Date>;
}
export interface LandHoldingsTable {
  village_code: string; id: Generated<number>; owner_name: string; resident_id: number | null; land_rights: 'HM' | 'HGB' | 'HP' | 'HGU' | 'HPL' | 'MA' | 'VI' | 'TN'; area_m2: string;
  land_use: string; note: string | null; recorded_by: number | null; recorded_at: Generated<Date>;
}
export interface AssetEventsTable {
  village_code: string; id: Generated<number>; subject: 'item' | 'parcel' | 'holding'; subject_id: number; kind: 'condition' | 'disposal' | 'correction'; on_day: string;
  from_condition: AssetCondition | null; to_condition: AssetCondition | null; before: unknown; reason: string; recorded_by: number | null; recorded_at: Generated<Date>;
}
export interface MonitoringMarketTable { village_code: string; day: string; seller_kind: 'bumdes' | 'umkm' | 'koperasi'; orders: number; value: string; items: number }
/** Staff attendance and the guest book (migration 0053). */
export interface AttendanceSettingsTable {
  village_code: string; phone_allowed: Generated<boolean>; record_place: Generated<boolean>; start_time: Generated<string>; end_time: Generated<string>;
  kiosk_key_hash: string | null; updated_by: number | null; updated_at: Generated<Date>;
}
export interface AttendanceEntriesTable {
  village_code: string; id: Generated<number>; user_id: number; day: string; kind: 'in' | 'out'; at: Timestamp; source: 'phone' | 'kiosk' | 'correction';
  latitude: string | null; longitude: string | null; reason: string | null; recorded_by: number | null; created_at: Generated<Date>;
}
export interface GuestVisitsTable {
  village_code: string; id: Generated<number>; name: string; comes_from: string; purpose: string; met_user_id: number | null; met_name: string | null; phone: string | null;
  visited_at: Generated<Date>; day: string; source: 'kiosk' | 'office'; recorded_by: number | null; search_text: Generated<string>;
}
export interface MonitoringAttendanceTable { village_code: string; day: string; present: number; guests: number }
/** The village's own questionnaires (migration 0055, src/modules/surveys). */
export interface SurveyQuestionnairesTable {
  village_code: string; id: Generated<number>; title: string; description: Generated<string>; unit: 'resident' | 'family' | 'household'; status: Generated<'draft' | 'open' | 'closed'>;
  period: string; template: string | null; created_by: number; created_at: Generated<Date>; opened_at: Timestamp | null; closed_at: Timestamp | null; updated_at: Generated<Date>;
}
export interface SurveyQuestionsTable {
  village_code: string; id: Generated<number>; questionnaire_id: number; position: number; text: string; kind: 'choice' | 'number' | 'text' | 'date';
  options: ColumnType<{ code: string; label: string }[] | null, string | null, string | null>; unit_label: string | null; min_value: string | null; max_value: string | null;
  decimals: Generated<number>; required: Generated<boolean>; created_at: Generated<Date>;
}
export interface SurveyResponsesTable {
  village_code: string; id: Generated<number>; questionnaire_id: number; resident_id: number | null; family_id: number | null; household_id: number | null; area_id: number | null;
  answered: Generated<number>; complete: Generated<boolean>; created_by: number; created_at: Generated<Date>; updated_by: number; updated_at: Timestamp;
}
export interface SurveyAnswersTable { village_code: string; response_id: number; question_id: number; value_text: string | null; value_number: string | null; value_date: string | null }
export interface MonitoringSurveysTable { village_code: string; questionnaires: number; open: number; responses: number; complete: number; updated_at: Timestamp }
export interface MonitoringOfficeTable {
  village_code: string; perdes: number; perkades: number; kepkades: number; last_regulation_on: string | null;
  asset_items: number; asset_value: Numeric; land_parcels: number; land_area_m2: Numeric; updated_at: Timestamp;
}
/** The village head election (migration 0065). */
export type ElectionStatus = 'setup' | 'dps' | 'dpt' | 'voting' | 'closed';
export interface ElectionsTable {
  village_code: string; id: Generated<number>; title: string; committee_decree: string;
  registration_from: string; registration_to: string; dps_date: string; objections_to: string; dpt_date: string;
  campaign_from: string; campaign_to: string; voting_day: string;
  status: Generated<ElectionStatus>; dps_made_at: Date | null; dpt_frozen_at: Date | null; voting_opened_at: Date | null; closed_at: Date | null;
  created_by: number; created_at: Generated<Date>;
}
export interface ElectionStationsTable {
  village_code: string; election_id: number; id: Generated<number>; number: number; place: string;
  closed_at: Date | null; tally: ColumnType<Record<string, number> | null, string | null | undefined, string | null>; head_hash: string | null; tally_signature: string | null; closed_by: number | null;
}
export interface ElectionStationAreasTable { village_code: string; election_id: number; station_id: number; area_id: number }
export interface ElectionCandidatesTable {
  village_code: string; election_id: number; id: Generated<number>; number: number; name: string; vision: string; mission: string;
  photo: Uint8Array | null; photo_type: string | null; created_by: number; created_at: Generated<Date>;
}
export interface ElectionDisqualificationsTable {
  village_code: string; election_id: number; resident_id: number; entry: Generated<number>; decision: string; recorded_by: number; recorded_at: Generated<Date>;
  // Withdrawn (migration 0066): set once, the three together.
  withdrawn_at: Date | null; withdrawn_by: number | null; withdrawal_reason: string | null;
}
export interface ElectionVotersTable {
  village_code: string; election_id: number; id: Generated<number>; resident_id: number; station_id: number;
  source: 'register' | 'objection'; listed: Generated<boolean>; took_token: Generated<boolean>;
}
export interface ElectionObjectionsTable {
  village_code: string; election_id: number; id: Generated<number>; kind: 'remove' | 'add' | 'move'; resident_id: number; station_id: number | null;
  reason: string; filed_by: string; decision: 'accepted' | 'rejected' | null; decision_note: string | null; decided_by: number | null; decided_at: Date | null;
  recorded_by: number; recorded_at: Generated<Date>;
}
export interface ElectionTokensTable { village_code: string; election_id: number; station_id: number; token_hash: string; used: Generated<boolean> }
/** A pooled ballot: its random serial and the candidate. */
export interface PooledBallot { s: string; c: number }
export interface ElectionBallotPoolTable { village_code: string; election_id: number; station_id: number; ballots: ColumnType<PooledBallot[], string, string>; mac: string }
export interface ElectionBallotsTable { village_code: string; election_id: number; station_id: number; position: number; serial: string; candidate_id: number; prev_hash: string; hash: string }
export interface ElectionRecountsTable {
  village_code: string; election_id: number; id: Generated<number>; station_id: number; counts: ColumnType<Record<string, number>, string, string>;
  unreadable: Generated<number>; note: Generated<string>; entered_by: number; entered_at: Generated<Date>;
}
export interface MonitoringElectionsTable {
  village_code: string; election_id: number; voting_day: string; status: ElectionStatus; stations: number; candidates: number; registered: number; voted: number; updated_at: Timestamp;
}
/** The ministries' village profile: values the village types (migration 0062). */
export interface VillageProfileValuesTable { village_code: string; year: number; indicator: string; revision: number; value_number: string | null; value_text: string | null; entered_by: number; entered_at: Generated<Date> }
export interface MonitoringVillageProfileTable { village_code: string; year: number; filled: number; updated_at: Timestamp }
/** Payment agent services at the BUMDes (migration 0050). */
export type AgentTxStatus = 'inquired' | 'pending' | 'paid' | 'failed' | 'reversed';
export interface AgentServicesTable {
  code: string; name: string; name_en: string; reference_label: string; reference_label_en: string; reference_kind: 'plate' | 'digits';
  reference_min: number; reference_max: number; needs_inquiry: boolean; amount_min: string | null; amount_max: string | null;
  provider_fee: string; customer_fee: string; active: Generated<boolean>; sort: number;
}
export interface AgentTransactionsTable {
  village_code: string;
  id: Generated<number>;
  seller_id: number;
  service: string;
  kind: 'payment' | 'reversal';
  reverses_id: number | null;
  tx_key: string;
  day: string;
  customer_ref: string;
  customer_name: string | null;
  bill_detail: string | null;
  amount: string;
  fee: string;
  provider_fee: string;
  total: string;
  owed: string;
  status: AgentTxStatus;
  provider: string;
  provider_ref: string | null;
  attempts: Generated<number>;
  failure: string | null;
  reason: string | null;
  served_by: number;
  created_at: Generated<Date>;
  paid_at: Timestamp | null;
}
export interface AgentSettlementsTable {
  village_code: string; seller_id: number; day: string; payments: Generated<number>; reversals: Generated<number>; amount: Generated<string>; fees: Generated<string>;
  provider_fees: Generated<string>; total: Generated<string>; owed: Generated<string>; closed_by: number | null; closed_at: Timestamp | null;
}
/** Village copy ↔ server sync (migration 0046). */
export interface SyncKeysTable {
  village_code: string;
  id: Generated<number>;
  key_hash: string;
  label: string;
  created_by: number | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: number | null;
}
export interface SyncChangesTable {
  village_code: string;
  seq: Generated<string>;
  id: Generated<string>;
  tx: Generated<string>;
  table_name: string;
  op: 'insert' | 'update' | 'delete';
  row_key: Json<Record<string, unknown>>;
  before: Json<Record<string, unknown> | null>;
  after: Json<Record<string, unknown> | null>;
  at: Generated<Date>;
  pushed_at: Date | null;
}
export interface SyncAppliedTable { village_code: string; change_id: string; outcome: 'applied' | 'partly' | 'refused'; applied_at: Generated<Date> }
export interface SyncConflictsTable {
  village_code: string;
  id: Generated<number>;
  change_id: string;
  table_name: string;
  row_key: Json<Record<string, unknown>>;
  kind: 'field' | 'refused' | 'missing';
  field: string | null;
  base_value: Json<unknown>;
  server_value: Json<unknown>;
  copy_value: Json<unknown>;
  message: string;
  other_village: string | null;
  created_at: Generated<Date>;
  resolved_at: Date | null;
  resolved_by: number | null;
  resolution: Json<Record<string, unknown> | null>;
}
export interface SyncStateTable {
  village_code: string;
  server_url: string;
  sync_key: string;
  cloned_at: Generated<Date>;
  last_push_at: Date | null;
  last_pull_at: Date | null;
  last_attempt_at: Date | null;
  last_error: string | null;
  last_result: Json<Record<string, unknown> | null> | null;
}
export interface VillageSitesTable {
  village_code: string;
  slug: string | null;
  domain: string | null;
  tagline: string | null;
  about_md: string | null;
  about_html: string | null;
  history_md: string | null;
  history_html: string | null;
  office_hours: string | null;
  updated_by: number | null;
  updated_at: Generated<Date>;
}
export type SitePostKind = 'news' | 'announcement' | 'agenda';
export interface SitePostsTable {
  village_code: string;
  id: Generated<number>;
  kind: SitePostKind;
  title: string;
  body_md: string;
  body_html: string;
  event_on: string | null;
  event_time: string | null;
  event_place: string | null;
  published_at: Generated<Date>;
  withdrawn_at: Date | null;
  created_by: number;
  updated_by: number | null;
  updated_at: Generated<Date>;
}
export interface SitePhotosTable {
  village_code: string;
  id: Generated<number>;
  caption: string | null;
  official_id: number | null;
  bytes: Uint8Array;
  thumb: Uint8Array;
  type: 'image/jpeg';
  width: number;
  height: number;
  created_by: number;
  created_at: Generated<Date>;
  withdrawn_at: Date | null;
}
export interface AnnouncementsTable {
  village_code: string;
  id: Generated<number>;
  title: string;
  body: string;
  audience: 'all' | 'dusun' | 'programme';
  area_id: number | null;
  programme_id: number | null;
  recipients: number;
  opted_out: number;
  created_by: number;
  created_at: Generated<Date>;
}
export interface AnnouncementOptOutsTable { village_code: string; resident_id: number; since: Generated<Date> }
export interface MonitoringHouseholdsTable {
  village_code: string;
  households: number;
  surveyed: number;
  dirt_floor: number;
  no_electricity: number;
  no_sanitation: number;
  unsafe_water: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export interface TreasuryEntriesTable {
  village_code: string;
  id: Generated<number>;
  year: number;
  entry_date: string;
  kind: string;
  method: ColumnType<string, string | undefined, string>;
  tax: string | null;
  amount: Numeric;
  reference: string | null;
  description: string;
  corrects: number | null;
  reason: string | null;
  posted_by: number;
  posted_at: Generated<Date>;
  verified_by: number | null;
  verified_at: Date | null;
}
export interface CashCountsTable {
  village_code: string;
  id: Generated<number>;
  counted_on: string;
  cash_counted: Numeric;
  bank_statement: Numeric;
  book_cash: Numeric;
  book_bank: Numeric;
  note: string | null;
  counted_by: number;
  posted_at: Generated<Date>;
}
export interface MonitoringBudgetsTable {
  village_code: string;
  year: number;
  version: number;
  income: Numeric;
  spending: Numeric;
  financing_receipts: Numeric;
  financing_expenses: Numeric;
  spending_by_field: ColumnType<Record<string, string>, string, string>;
  adopted_at: Date;
  regulation_date: string;
  realised_income: ColumnType<string, string | undefined, string>;
  realised_spending: ColumnType<string, string | undefined, string>;
  last_entry_date: ColumnType<string | null, string | null | undefined, string | null>;
}

export type PlanKind = 'rpjmdes' | 'rkpdes';
export type PlanStatus = 'draft' | 'adopted' | 'superseded';
export type PlanExecution = 'swakelola' | 'kerjasama' | 'pihak_ketiga';
export interface PlansTable {
  village_code: string;
  id: Generated<number>;
  kind: PlanKind;
  first_year: number;
  years: number;
  version: number;
  based_on: number | null;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  vision: string | null;
  mission: string | null;
  reason: string | null;
  prepared_by: number;
  prepared_at: Generated<Date>;
  adopted_by: number | null;
  adopted_at: Date | null;
  regulation_number: string | null;
  regulation_date: string | null;
}
export interface PlanItemsTable {
  village_code: string;
  plan_id: number;
  id: Generated<number>;
  activity_code: string;
  description: string;
  location: string;
  volume: string;
  beneficiaries: string;
  run_years: number[];
  cost: Numeric;
  fund: string;
  execution: PlanExecution;
  source_item: number | null;
  source_proposal: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number;
  created_at: Generated<Date>;
}
export type ProposalSource = 'dusun' | 'kelompok' | 'warga';
export interface PlanProposalsTable {
  village_code: string;
  id: Generated<number>;
  year: number;
  source: ProposalSource;
  proposer: string;
  resident_id: number | null;
  field_code: string;
  description: string;
  location: string;
  beneficiaries: string;
  cost: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  withdrawn_by: number | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}
export type MeetingKind = 'musdus' | 'musdes' | 'musdesus';
export interface MeetingsTable {
  village_code: string;
  id: Generated<number>;
  kind: MeetingKind;
  year: number;
  title: string;
  held_on: string;
  place: string;
  agenda: string | null;
  minutes: string | null;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_by: number;
  created_at: Generated<Date>;
  closed_by: number | null;
  closed_at: Date | null;
}
export interface MeetingAttendeesTable {
  village_code: string;
  meeting_id: number;
  id: Generated<number>;
  resident_id: number;
  role: string;
  added_by: number;
  added_at: Generated<Date>;
}
export interface MeetingScoresTable {
  village_code: string;
  meeting_id: number;
  proposal_id: number;
  score: number;
  rank: number | null;
}
export interface MonitoringPlansTable {
  village_code: string;
  year: number;
  rkpdes_regulation_date: string;
  rkpdes_adopted_at: Date;
  activities: number;
  cost: Numeric;
}

export interface ProjectsTable {
  village_code: string;
  id: Generated<number>;
  plan_item_id: number;
  year: number;
  activity_code: string;
  name: string;
  location: string;
  latitude: string | null;
  longitude: string | null;
  volume: string;
  implementer: string;
  starts_on: string;
  ends_on: string;
  created_by: number;
  created_at: Generated<Date>;
}
export interface ProjectFundsTable { village_code: string; project_id: number; fund: string; amount: Numeric }
export interface ProjectReportsTable {
  village_code: string;
  project_id: number;
  id: Generated<number>;
  reported_on: string;
  progress: Numeric;
  note: string;
  created_by: number;
  created_at: Generated<Date>;
}
export interface ProjectPhotosTable {
  village_code: string;
  report_id: number;
  id: Generated<number>;
  bytes: Uint8Array;
  type: string;
  width: number;
  height: number;
  kept_location: ColumnType<boolean, boolean | undefined, boolean>;
}
export interface MonitoringProjectsTable {
  village_code: string;
  project_id: number;
  year: number;
  starts_on: string;
  ends_on: string;
  budget: Numeric;
  progress: ColumnType<string, string | undefined, string>;
  reported_on: string | null;
}

export interface BudgetCapsTable {
  year: number;
  blt_percent: Numeric;
  source: string;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The change feed (migration 0060): one row per change, written by triggers on the source tables. */
export type ChangeFeedKind = `population.${PopulationEventKind}` | 'letter.issued' | 'letter.revoked' | 'budget.realisation' | 'budget.treasury';
export interface ChangeFeedTable {
  village_code: string;
  id: Generated<number>;
  at: Generated<Date>;
  kind: ChangeFeedKind;
  source_id: number;
}

export interface Database {
  budget_caps: BudgetCapsTable;
  projects: ProjectsTable;
  project_funds: ProjectFundsTable;
  project_reports: ProjectReportsTable;
  project_photos: ProjectPhotosTable;
  monitoring_projects: MonitoringProjectsTable;
  plans: PlansTable;
  plan_items: PlanItemsTable;
  plan_proposals: PlanProposalsTable;
  meetings: MeetingsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_scores: MeetingScoresTable;
  monitoring_plans: MonitoringPlansTable;
  budget_accounts: BudgetAccountsTable;
  budget_activities: BudgetActivitiesTable;
  budgets: BudgetsTable;
  budget_lines: BudgetLinesTable;
  budget_entries: BudgetEntriesTable;
  treasury_entries: TreasuryEntriesTable;
  cash_counts: CashCountsTable;
  households: HouseholdsTable;
  household_families: HouseholdFamiliesTable;
  monitoring_households: MonitoringHouseholdsTable;
  welfare_ranks: WelfareRanksTable;
  welfare_imports: WelfareImportsTable;
  assistance_programmes: AssistanceProgrammesTable;
  assistance_recipients: AssistanceRecipientsTable;
  assistance_claims: AssistanceClaimsTable;
  assistance_payouts: AssistancePayoutsTable;
  assistance_payments: AssistancePaymentsTable;
  monitoring_assistance: MonitoringAssistanceTable;
  complaints: ComplaintsTable;
  announcements: AnnouncementsTable;
  announcement_opt_outs: AnnouncementOptOutsTable;
  institutions: InstitutionsTable;
  institution_members: InstitutionMembersTable;
  institution_records: InstitutionRecordsTable;
  trainings: TrainingsTable;
  training_participants: TrainingParticipantsTable;
  monitoring_institutions: MonitoringInstitutionsTable;
  village_sites: VillageSitesTable;
  site_posts: SitePostsTable;
  site_photos: SitePhotosTable;
  complaint_events: ComplaintEventsTable;
  monitoring_complaints: MonitoringComplaintsTable;
  monitoring_complaints_monthly: MonitoringComplaintsMonthlyTable;
  budget_imports: BudgetImportsTable;
  monitoring_budgets: MonitoringBudgetsTable;
  audit_log: AuditLogTable;
  farm_commodities: FarmCommoditiesTable;
  fertiliser_types: FertiliserTypesTable;
  fertiliser_dosages: FertiliserDosagesTable;
  farm_kiosks: FarmKiosksTable;
  farm_kiosk_villages: FarmKioskVillagesTable;
  farm_kiosk_stock: FarmKioskStockTable;
  farmers: FarmersTable;
  farmer_niks: FarmerNiksTable;
  farmer_cards: FarmerCardsTable;
  farm_parcels: FarmParcelsTable;
  farm_crops: FarmCropsTable;
  farmer_groups: FarmerGroupsTable;
  farmer_group_members: FarmerGroupMembersTable;
  rdkk_plans: RdkkPlansTable;
  rdkk_lines: RdkkLinesTable;
  farm_allocations: FarmAllocationsTable;
  farm_redemptions: FarmRedemptionsTable;
  farm_redemption_items: FarmRedemptionItemsTable;
  harvest_offers: HarvestOffersTable;
  market_categories: MarketCategoriesTable;
  market_sellers: MarketSellersTable;
  market_products: MarketProductsTable;
  market_product_photos: MarketProductPhotosTable;
  tourism_listings: TourismListingsTable;
  tourism_photos: TourismPhotosTable;
  attendance_settings: AttendanceSettingsTable;
  attendance_entries: AttendanceEntriesTable;
  guest_visits: GuestVisitsTable;
  monitoring_attendance: MonitoringAttendanceTable;
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  monitoring_surveys: MonitoringSurveysTable;
  monitoring_office: MonitoringOfficeTable;
  elections: ElectionsTable;
  election_stations: ElectionStationsTable;
  election_station_areas: ElectionStationAreasTable;
  election_candidates: ElectionCandidatesTable;
  election_disqualifications: ElectionDisqualificationsTable;
  election_voters: ElectionVotersTable;
  election_objections: ElectionObjectionsTable;
  election_tokens: ElectionTokensTable;
  election_ballot_pool: ElectionBallotPoolTable;
  election_ballots: ElectionBallotsTable;
  election_recounts: ElectionRecountsTable;
  monitoring_elections: MonitoringElectionsTable;
  village_profile_values: VillageProfileValuesTable;
  monitoring_village_profile: MonitoringVillageProfileTable;
  market_orders: MarketOrdersTable;
  market_order_lines: MarketOrderLinesTable;
  market_order_events: MarketOrderEventsTable;
  market_buyer_codes: MarketBuyerCodesTable;
  monitoring_market: MonitoringMarketTable;
  incoming_letters: IncomingLettersTable;
  incoming_letter_routes: IncomingLetterRoutesTable;
  monitoring_mail: MonitoringMailTable;
  asset_items: AssetItemsTable;
  village_land_parcels: VillageLandParcelsTable;
  land_holdings: LandHoldingsTable;
  asset_events: AssetEventsTable;
  village_regulations: VillageRegulationsTable;
  change_feed: ChangeFeedTable;
  civil_registry_reports: CivilRegistryReportsTable;
  civil_registry_report_events: CivilRegistryReportEventsTable;
  civil_registry_imports: CivilRegistryImportsTable;
  civil_registry_differences: CivilRegistryDifferencesTable;
  monitoring_civil_registry: MonitoringCivilRegistryTable;
  temporary_residents: TemporaryResidentsTable;
  monitoring_temporary_residents: MonitoringTemporaryResidentsTable;
  agent_services: AgentServicesTable;
  agent_transactions: AgentTransactionsTable;
  agent_settlements: AgentSettlementsTable;
  monitoring_farmers: MonitoringFarmersTable;
  monitoring_farm_crops: MonitoringFarmCropsTable;
  monitoring_fertiliser: MonitoringFertiliserTable;
  monitoring_kiosk_days: MonitoringKioskDaysTable;
  sync_keys: SyncKeysTable;
  sync_changes: SyncChangesTable;
  sync_applied: SyncAppliedTable;
  sync_conflicts: SyncConflictsTable;
  sync_state: SyncStateTable;
  regions: RegionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  attempt_counters: AttemptCountersTable;
  villages: VillagesTable;
  village_areas: VillageAreasTable;
  schema_migrations: SchemaMigrationsTable;
  families: FamiliesTable;
  residents: ResidentsTable;
  active_niks: ActiveNiksTable;
  population_events: PopulationEventsTable;
  village_areas_rows: StagedRows<VillageAreasTable>;
  families_rows: StagedRows<FamiliesTable>;
  residents_rows: StagedRows<ResidentsTable>;
  population_events_rows: StagedRows<PopulationEventsTable>;
  idempotency_keys: IdempotencyKeysTable;
  letter_types: LetterTypesTable;
  letter_settings: LetterSettingsTable;
  village_officials: VillageOfficialsTable;
  letter_counters: LetterCountersTable;
  letters: LettersTable;
  letter_verify_codes: LetterVerifyCodesTable;
  letter_signatures: LetterSignaturesTable;
  letter_daily: LetterDailyTable;
  citizen_pins: CitizenPinsTable;
  correction_requests: CorrectionRequestsTable;
  notification_outbox: NotificationOutboxTable;
  monitoring_population: MonitoringPopulationTable;
  population_breakdowns: PopulationBreakdownsTable;
  population_family_members: PopulationFamilyMembersTable;
  population_family_count: PopulationFamilyCountTable;
  population_versions: PopulationVersionsTable;
  population_monthly_reports: PopulationMonthlyReportsTable;
  monitoring_families: MonitoringFamiliesTable;
  monitoring_events: MonitoringEventsTable;
  monitoring_letter_ready: MonitoringLetterReadyTable;
  village_activity_daily: VillageActivityDailyTable;
  village_index_scores: VillageIndexScoresTable;
}
