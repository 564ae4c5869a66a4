-- Population register: families (KK), residents, and the events that change them.
-- Every table leads with village_code (rule 1: shardable by village).

-- GiST, not GIN, for the trigram name index: PGlite 0.5 answers `%` through a GIN trigram
-- index unreliably (empty results at random); GiST gives the same answers on both engines.
create extension if not exists btree_gist;

-- unaccent() is only STABLE; an index needs an IMMUTABLE wrapper with a fixed dictionary.
create function balai_search_text(t text) returns text language sql immutable parallel safe as $$
  select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(t, '')))
$$;

create table families (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  kk_number text not null check (kk_number ~ '^[0-9]{16}$'),
  address text,
  area_id bigint,
  status text not null default 'active' check (status in ('active', 'dissolved')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  foreign key (village_code, area_id) references village_areas (village_code, id)
);
create unique index families_kk_active on families (village_code, kk_number) where status = 'active';

create table residents (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  nik text not null check (nik ~ '^[0-9]{16}$'),
  nik_temporary boolean not null default false,
  name text not null check (length(name) between 1 and 150),
  sex smallint not null check (sex in (1, 2)),
  birth_place text,
  birth_date date,
  religion smallint not null,
  education_kk smallint,
  education_current smallint,
  occupation smallint,
  marital_status smallint,
  family_id bigint,
  family_relation smallint,
  citizenship smallint not null default 1,
  passport_number text,
  passport_expiry date,
  kitas_number text,
  father_nik text,
  father_name text,
  mother_nik text,
  mother_name text,
  blood_type smallint,
  disability smallint,
  chronic_illness smallint,
  contraception smallint,
  pregnant smallint,
  insurance_type smallint,
  insurance_number text,
  ektp smallint,
  ektp_recording smallint,
  ektp_tag text,
  birth_certificate text,
  marriage_certificate text,
  marriage_date date,
  divorce_certificate text,
  divorce_date date,
  phone text,
  email text,
  ethnicity text,
  area_id bigint,
  address text,
  current_address text,
  previous_address text,
  lat numeric(10, 7),
  lng numeric(10, 7),
  photo bytea,
  photo_type text,
  life_status smallint not null default 1,
  -- Warnings about the NIK (date or sex disagreeing with the record): shown, never blocking.
  warnings jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  foreign key (village_code, family_id) references families (village_code, id),
  foreign key (village_code, area_id) references village_areas (village_code, id)
);
create index residents_nik on residents (village_code, nik);
create index residents_family on residents (village_code, family_id);
create index residents_list on residents (village_code, life_status, name);
create index residents_name_search on residents using gist (village_code, balai_search_text(name) gist_trgm_ops);

-- Which village holds each NIK that is in use (living, lost or temporarily away): a NIK is
-- active once per installation. Keyed by NIK, so under Citus it is its own distributed table.
create table active_niks (
  nik text primary key,
  village_code text collate "C" not null,
  resident_id bigint not null,
  foreign key (village_code, resident_id) references residents (village_code, id)
);

-- Everything that happened to a resident: birth, death, moves, corrections, family changes.
-- `population_change` is +1 (joins the village's population), -1 (leaves it) or 0.
create table population_events (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  resident_id bigint not null,
  family_id bigint,
  kind text not null check (kind in ('registration', 'birth', 'death', 'move_out', 'move_in', 'lost',
    'temporary_departure', 'return', 'correction', 'family_change')),
  event_date date not null,
  population_change smallint not null default 0 check (population_change in (-1, 0, 1)),
  details jsonb not null default '{}'::jsonb,
  recorded_by bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id),
  foreign key (village_code, resident_id) references residents (village_code, id)
);
create index population_events_resident on population_events (village_code, resident_id, event_date);
create index population_events_date on population_events (village_code, event_date);

-- A write offered twice (a retried post, the offline outbox) is applied once.
create table idempotency_keys (
  village_code text collate "C" not null,
  key text not null,
  result jsonb not null,
  created_at timestamptz not null default now(),
  primary key (village_code, key)
);
