-- A village on the platform: activated, with its profile and internal areas.
create table villages (
  village_code text collate "C" primary key references regions (code),
  activated_at timestamptz not null default now(),
  activated_by bigint references users (id),
  activation_kind text not null check (activation_kind in ('target', 'initiative')),
  head_name text,
  head_nip text,
  office_address text,
  postal_code text,
  phone text,
  email text,
  website text,
  logo bytea,
  logo_type text check (logo_type in ('image/png', 'image/jpeg')),
  updated_at timestamptz not null default now()
);

-- Dusun → RW → RT. The village code leads every key (rule 1: shardable by village).
create table village_areas (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  parent_id bigint,
  level text not null check (level in ('dusun', 'rw', 'rt')),
  name text not null check (length(name) between 1 and 60),
  primary key (village_code, id),
  foreign key (village_code, parent_id) references village_areas (village_code, id)
);
create unique index village_areas_name on village_areas (village_code, coalesce(parent_id, 0), lower(name));
