-- The ministries' village profiles (issue 19, item 4): Prodeskel (Kemendagri) and SDGs Desa
-- (Kemendes PDTT). Balai fills what it can count from its own data; what it cannot (the land's
-- area, the topography, the poor by the ministry's measure …) the village types here, once a
-- year, so that the export is complete. Nothing is overwritten: a correction is a new revision
-- of the same indicator and year, the latest revision is the value.
create table village_profile_values (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null check (year between 2000 and 2100),
  -- The indicator's key in the catalogue (src/modules/profile/catalog.ts), e.g. 'luas_wilayah'.
  indicator text collate "C" not null check (length(indicator) between 1 and 60),
  revision integer not null check (revision > 0),
  value_number numeric(18, 4),
  value_text text check (length(value_text) between 1 and 500),
  entered_by bigint not null references users (id),
  entered_at timestamptz not null default now(),
  primary key (village_code, year, indicator, revision),
  check (num_nonnulls(value_number, value_text) = 1)
);
select balai_distribute_village('village_profile_values');

-- For the levels above, per village and year: how many of the items to type are filled (no value).
create table monitoring_village_profile (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null check (year between 2000 and 2100),
  filled integer not null default 0 check (filled >= 0),
  updated_at timestamptz not null default now(),
  primary key (village_code, year)
);
select balai_distribute_village('monitoring_village_profile');
