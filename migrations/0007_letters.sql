-- Letters (surat keterangan): per-village letter types, settings, gapless counters, the
-- letters themselves with every workflow step, and a daily figure row for monitoring.

-- A village's own letter types, and its changes to the built-in ones (same code). The
-- built-in catalogue lives in the code (letters/catalogue.ts) so a new village has it at once.
create table letter_types (
  village_code text collate "C" not null references villages (village_code),
  code text collate "C" not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  title text not null check (length(title) between 3 and 120),
  classification text not null check (classification ~ '^[0-9]{3}(\.[0-9]{1,3}){0,3}$'),
  template text not null check (length(template) <= 8000),
  fields jsonb not null default '[]'::jsonb,
  requirements jsonb not null default '[]'::jsonb,
  validity_days integer not null default 30 check (validity_days between 0 and 3650),
  online boolean not null default true,
  rule text not null default 'none' check (rule in ('none', 'subject_dead', 'family_head', 'records_move', 'subject_alive')),
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by bigint references users (id),
  primary key (village_code, code)
);

create table letter_settings (
  village_code text collate "C" primary key references villages (village_code),
  number_pattern text not null default '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}',
  number_scope text not null default 'village_year' check (number_scope in ('village_year', 'type_year')),
  paper text not null default 'A4' check (paper in ('A4', 'F4')),
  citizen_download boolean not null default true,
  staff_number_label text not null default 'NIPD',
  updated_at timestamptz not null default now(),
  updated_by bigint references users (id)
);

-- One row per numbering scope ('2025' or 'sktm:2025'), locked in the transaction that
-- signs a letter: numbers are unique, in order and without gaps.
create table letter_counters (
  village_code text collate "C" not null references villages (village_code),
  scope_key text collate "C" not null,
  last_number integer not null default 0,
  primary key (village_code, scope_key)
);

create table letters (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  type_code text collate "C" not null,
  type_title text not null,
  resident_id bigint not null,
  status text not null default 'requested'
    check (status in ('requested', 'checked', 'signed', 'ready', 'collected', 'rejected')),
  channel text not null check (channel in ('online', 'counter', 'kiosk')),
  fields jsonb not null default '{}'::jsonb,
  queue_date date,
  queue_number integer,
  requested_at timestamptz not null default now(),
  requested_by_user bigint references users (id),
  requested_by_resident bigint,
  checked_at timestamptz,
  checked_by bigint references users (id),
  signed_at timestamptz,
  signed_by bigint references users (id),
  sign_mode text check (sign_mode in ('self', 'an', 'ub')),
  -- What the printed letter shows, frozen when it is signed: a later change to a
  -- template, a name or a signer's title does not change an issued letter.
  issued jsonb,
  number text,
  number_scope_key text collate "C",
  running_number integer,
  valid_until date,
  verify_code text collate "C",
  ready_at timestamptz,
  ready_by bigint references users (id),
  collected_at timestamptz,
  collected_by bigint references users (id),
  rejected_at timestamptz,
  rejected_by bigint references users (id),
  reject_reason text,
  revoked_at timestamptz,
  revoked_by bigint references users (id),
  revoke_reason text,
  idempotency_key text,
  primary key (village_code, id),
  foreign key (village_code, resident_id) references residents (village_code, id),
  check ((status in ('requested', 'checked', 'rejected')) = (number is null))
);
create unique index letters_number on letters (village_code, number_scope_key, running_number) where number is not null;
create unique index letters_verify_code on letters (verify_code) where verify_code is not null;
create unique index letters_queue on letters (village_code, queue_date, queue_number) where queue_number is not null;
create unique index letters_idempotency on letters (village_code, idempotency_key) where idempotency_key is not null;
create index letters_status on letters (village_code, status, requested_at);
create index letters_resident on letters (village_code, resident_id, requested_at desc);
create index letters_signed on letters (village_code, signed_at desc) where signed_at is not null;

-- Letters per village, day and type, kept in the same transaction as each step, for the
-- district, regency and province dashboards (they never scan letters).
create table letter_daily (
  village_code text collate "C" not null references villages (village_code),
  day date not null,
  type_code text collate "C" not null,
  requested integer not null default 0,
  requested_online integer not null default 0,
  issued integer not null default 0,
  ready integer not null default 0,
  ready_seconds bigint not null default 0,
  rejected integer not null default 0,
  primary key (village_code, day, type_code)
);
