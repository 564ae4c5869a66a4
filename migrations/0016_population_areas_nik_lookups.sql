-- An area's name is unique among the areas of the same level under the same parent: a dusun
-- with RTs straight under it (no RW) may still get an RW "002" beside its RT "002".
drop index village_areas_name;
create unique index village_areas_name on village_areas (village_code, coalesce(parent_id, 0), level, lower(name));

-- Registrations refused because the NIK lives in another village, counted per account and
-- hour: one upsert adds and returns the count, so concurrent attempts cannot all pass the
-- limit. An account, not a village: not distributed by village.
create table nik_elsewhere_lookups (
  user_id bigint not null references users (id),
  hour timestamptz not null,
  hits integer not null check (hits >= 0),
  primary key (user_id, hour)
);

-- Secrets the server makes for itself once (the pepper of hashed NIKs in the audit log), so
-- every server process of the installation computes the same hash.
create table server_secrets (
  name text collate "C" primary key,
  value text not null
);
