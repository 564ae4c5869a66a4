-- Households (rumah tangga; issue 14, item 1): the people living under one roof, the unit aid
-- programmes and the national social registry count — different from the family card: one
-- household may hold several KKs (parents and a married child's family). A household is made
-- of family cards; its members are the people of those cards counted in the population, so a
-- death or a move-out changes it with no step of its own. A card that leaves keeps its row
-- with when and why (history, not deleted); a household whose last card left is dissolved.
create table households (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- Numbered 1, 2, 3 … within the village, as the data bank's forms number them.
  number integer not null check (number > 0),
  main_family_id bigint not null,
  -- The head chosen among the members; while unset or gone, the main card's head.
  head_resident_id bigint,
  address text check (length(address) <= 200),
  -- Housing (the "data bank" items), codes in src/modules/households/housing.ts; null: not surveyed yet.
  floor smallint check (floor between 1 and 5),
  wall smallint check (wall between 1 and 4),
  roof smallint check (roof between 1 and 5),
  water smallint check (water between 1 and 6),
  sanitation smallint check (sanitation between 1 and 4),
  electricity smallint check (electricity between 1 and 5),
  house_ownership smallint check (house_ownership between 1 and 5),
  floor_area numeric(7, 2) check (floor_area > 0),
  assets text[] not null default '{}',
  surveyed_on date,
  status text collate "C" not null default 'active' check (status in ('active', 'dissolved')),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id)
);
create unique index households_number on households (village_code, number);
select balai_distribute_village('households');

create table household_families (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  household_id bigint not null,
  family_id bigint not null,
  added_by bigint not null references users (id),
  added_at timestamptz not null default now(),
  removed_by bigint references users (id),
  removed_at timestamptz,
  reason text check (length(reason) <= 300),
  primary key (village_code, id),
  check ((removed_at is null) = (removed_by is null))
);
-- A family card is in one household at a time.
create unique index household_families_current on household_families (village_code, family_id) where removed_at is null;
create index household_families_of on household_families (village_code, household_id);
select balai_distribute_village('household_families');

-- The village's households beside their housing, for the dashboards above the village; kept in
-- the same transaction as every change to a household.
create table monitoring_households (
  village_code text collate "C" not null references villages (village_code),
  households integer not null default 0,
  surveyed integer not null default 0,
  dirt_floor integer not null default 0,
  no_electricity integer not null default 0,
  no_sanitation integer not null default 0,
  unsafe_water integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_households');

alter table households add constraint households_main_family_fk foreign key (village_code, main_family_id) references families_rows (village_code, id);
alter table households add constraint households_head_fk foreign key (village_code, head_resident_id) references residents_rows (village_code, id);
alter table household_families add constraint household_families_household_fk foreign key (village_code, household_id) references households (village_code, id);
alter table household_families add constraint household_families_family_fk foreign key (village_code, family_id) references families_rows (village_code, id);
