-- The farmer card, Kartu Petani Berjaya (issue 16): farmers registered by NIK from their
-- village's population register, their land parcels and crops per season, farmer groups
-- (Poktan) and their federations (Gapoktan), the group's fertiliser requirement plan (RDKK)
-- drafted with the extension officer (PPL), verified by the district and approved by the
-- regency, the allocation it gives each farmer, and its redemption at registered kiosks.
-- Quantities are kilograms and hectares as numeric: never a float.

-- The extension officer (PPL, district), the regency's agriculture office and the fertiliser
-- kiosk get their own roles.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('national_admin', 'province_admin', 'regency_officer',
  'district_officer', 'village_head', 'village_secretary', 'village_treasurer', 'village_operator',
  'extension_officer', 'agriculture_officer', 'fertiliser_kiosk'));

-- What is grown, and whether it qualifies for subsidised fertiliser: data, not code.
create table farm_commodities (
  code text collate "C" primary key check (code ~ '^[a-z_]{2,30}$'),
  name text not null,
  name_en text not null,
  eligible boolean not null,
  sort smallint not null
);
select balai_reference_table('farm_commodities');
insert into farm_commodities (code, name, name_en, eligible, sort) values
  ('padi', 'Padi', 'Rice', true, 1), ('jagung', 'Jagung', 'Maize', true, 2), ('kedelai', 'Kedelai', 'Soybean', true, 3),
  ('ubi_kayu', 'Ubi kayu', 'Cassava', true, 4), ('cabai', 'Cabai', 'Chili', true, 5), ('bawang_merah', 'Bawang merah', 'Shallot', true, 6),
  ('bawang_putih', 'Bawang putih', 'Garlic', true, 7), ('kopi', 'Kopi', 'Coffee', true, 8), ('tebu', 'Tebu', 'Sugarcane', true, 9),
  ('kakao', 'Kakao', 'Cocoa', true, 10), ('lada', 'Lada', 'Pepper', false, 11), ('karet', 'Karet', 'Rubber', false, 12),
  ('kelapa_sawit', 'Kelapa sawit', 'Oil palm', false, 13), ('pisang', 'Pisang', 'Banana', false, 14);

create table fertiliser_types (
  code text collate "C" primary key check (code ~ '^[a-z_]{2,20}$'),
  name text not null,
  sort smallint not null
);
select balai_reference_table('fertiliser_types');
insert into fertiliser_types (code, name, sort) values ('urea', 'Urea', 1), ('npk', 'NPK', 2), ('organik', 'Organik', 3);

-- Kilograms of each fertiliser per hectare of a commodity (the regency's dosage table).
create table fertiliser_dosages (
  commodity text collate "C" not null references farm_commodities (code),
  fertiliser text collate "C" not null references fertiliser_types (code),
  kg_per_ha numeric(8, 2) not null check (kg_per_ha > 0),
  primary key (commodity, fertiliser)
);
select balai_reference_table('fertiliser_dosages');
insert into fertiliser_dosages (commodity, fertiliser, kg_per_ha) values
  ('padi', 'urea', 200), ('padi', 'npk', 300), ('padi', 'organik', 500),
  ('jagung', 'urea', 250), ('jagung', 'npk', 300), ('jagung', 'organik', 500),
  ('kedelai', 'urea', 50), ('kedelai', 'npk', 150), ('kedelai', 'organik', 500),
  ('ubi_kayu', 'urea', 150), ('ubi_kayu', 'npk', 200),
  ('cabai', 'urea', 150), ('cabai', 'npk', 300), ('cabai', 'organik', 1000),
  ('bawang_merah', 'urea', 150), ('bawang_merah', 'npk', 300), ('bawang_merah', 'organik', 1000),
  ('bawang_putih', 'urea', 150), ('bawang_putih', 'npk', 300), ('bawang_putih', 'organik', 1000),
  ('kopi', 'urea', 100), ('kopi', 'npk', 200), ('kopi', 'organik', 500),
  ('tebu', 'urea', 200), ('tebu', 'npk', 300),
  ('kakao', 'urea', 100), ('kakao', 'npk', 200), ('kakao', 'organik', 500);

-- A registered fertiliser kiosk, its account (role fertiliser_kiosk) and the villages it
-- serves: registered by the regency's agriculture office. Few and rarely written: reference
-- tables on Citus, read beside any village's shard.
create table farm_kiosks (
  id bigserial primary key,
  name text not null check (length(name) between 3 and 120),
  owner_name text not null check (length(owner_name) between 3 and 120),
  address text not null check (length(address) between 3 and 200),
  -- The district it stands in (its account's scope).
  region_code text collate "C" not null references regions (code),
  user_id bigint not null unique references users (id),
  registered_by bigint not null references users (id),
  registered_at timestamptz not null default now()
);
select balai_reference_table('farm_kiosks');

create table farm_kiosk_villages (
  kiosk_id bigint not null references farm_kiosks (id),
  village_code text collate "C" not null references villages (village_code),
  primary key (kiosk_id, village_code)
);
create index farm_kiosk_villages_village on farm_kiosk_villages (village_code);
select balai_reference_table('farm_kiosk_villages');

-- Fertiliser a kiosk received (from the distributor): with what it handed out, its stock.
create table farm_kiosk_stock (
  id bigserial primary key,
  kiosk_id bigint not null references farm_kiosks (id),
  fertiliser text collate "C" not null references fertiliser_types (code),
  quantity numeric(12, 2) not null check (quantity > 0),
  received_on date not null,
  note text check (length(note) <= 200),
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now()
);
create index farm_kiosk_stock_of on farm_kiosk_stock (kiosk_id, received_on);
select balai_reference_table('farm_kiosk_stock');

-- A farmer: a resident of the village, with the card's code (random: the QR carries nothing
-- personal), the KUR bank account and the insurance flags. Never deleted; a farmer who moved
-- away or died is seen from the register (the resident's status) and can no longer redeem.
create table farmers (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  resident_id bigint not null,
  card_code text collate "C" not null check (card_code ~ '^[A-Z2-9]{10}$'),
  bank_name text check (length(bank_name) between 2 and 60),
  bank_account text check (bank_account ~ '^[0-9]{6,20}$'),
  autp boolean not null default false,
  bpjs_tk boolean not null default false,
  registered_by bigint not null references users (id),
  registered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, resident_id),
  unique (village_code, card_code)
);
select balai_distribute_village('farmers');

-- One farmer per NIK across the installation, and a card found from its code without knowing
-- the village: each distributed by its own key on Citus.
create table farmer_niks (
  nik text collate "C" primary key check (nik ~ '^[0-9]{16}$'),
  village_code text collate "C" not null references villages (village_code),
  farmer_id bigint not null
);
select balai_distribute_by('farmer_niks', 'nik');
create table farmer_cards (
  card_code text collate "C" primary key,
  village_code text collate "C" not null references villages (village_code),
  farmer_id bigint not null
);
select balai_distribute_by('farmer_cards', 'card_code');

-- A land parcel: area, where (a point, or the dusun), and how it is held. A parcel no longer
-- farmed is ended, not deleted.
create table farm_parcels (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  farmer_id bigint not null,
  area_ha numeric(8, 4) not null check (area_ha > 0 and area_ha <= 1000),
  tenure text collate "C" not null check (tenure in ('own', 'rent', 'sharecrop')),
  area_id bigint,
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  note text check (length(note) <= 200),
  ended_on date,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((latitude is null) = (longitude is null))
);
create index farm_parcels_of on farm_parcels (village_code, farmer_id);
select balai_distribute_village('farm_parcels');

-- What a farmer grows in a season (MT I January–April, MT II May–August, MT III
-- September–December) and on how many hectares.
create table farm_crops (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  farmer_id bigint not null,
  year smallint not null check (year between 2000 and 2100),
  season smallint not null check (season between 1 and 3),
  commodity text collate "C" not null references farm_commodities (code),
  area_ha numeric(8, 4) not null check (area_ha > 0 and area_ha <= 1000),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, farmer_id, year, season, commodity)
);
select balai_distribute_village('farm_crops');

-- Poktan (a farmer group) and Gapoktan (the village's federation of groups).
create table farmer_groups (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text collate "C" not null check (kind in ('poktan', 'gapoktan')),
  name text not null check (length(name) between 3 and 120),
  -- A Poktan's Gapoktan.
  gapoktan_id bigint,
  leader_farmer_id bigint,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check (kind = 'poktan' or gapoktan_id is null)
);
create unique index farmer_groups_name on farmer_groups (village_code, kind, lower(name));
select balai_distribute_village('farmer_groups');

-- Membership of a Poktan, with its history: leaving sets left_on, the row stays.
create table farmer_group_members (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  group_id bigint not null,
  farmer_id bigint not null,
  joined_on date not null,
  left_on date,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check (left_on is null or left_on >= joined_on)
);
-- A farmer belongs to one Poktan at a time.
create unique index farmer_group_members_one on farmer_group_members (village_code, farmer_id) where left_on is null;
create index farmer_group_members_of on farmer_group_members (village_code, group_id);
select balai_distribute_village('farmer_group_members');

-- A group's RDKK for a year: a version drafted (with the PPL), submitted, verified by the
-- district, approved by the regency; a revision is a new version, the earlier one is kept.
create table rdkk_plans (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  group_id bigint not null,
  year smallint not null check (year between 2000 and 2100),
  version smallint not null check (version >= 1),
  status text collate "C" not null default 'draft' check (status in ('draft', 'submitted', 'verified', 'approved', 'superseded')),
  note text check (length(note) <= 500),
  drafted_by bigint not null references users (id),
  drafted_at timestamptz not null default now(),
  submitted_by bigint references users (id),
  submitted_at timestamptz,
  verified_by bigint references users (id),
  verified_at timestamptz,
  approved_by bigint references users (id),
  approved_at timestamptz,
  superseded_at timestamptz,
  -- Sent back to the group (by the district or the regency), with why.
  returned_by bigint references users (id),
  returned_at timestamptz,
  return_reason text check (length(return_reason) <= 300),
  primary key (village_code, id),
  unique (village_code, group_id, year, version),
  check ((status in ('approved', 'superseded')) = (approved_at is not null))
);
-- One version in the works per group and year.
create unique index rdkk_plans_open on rdkk_plans (village_code, group_id, year) where status in ('draft', 'submitted', 'verified');
select balai_distribute_village('rdkk_plans');

-- A line of the RDKK: a member's commodity in a season on an area, and one fertiliser's
-- quantity by the dosage table; a line refused says why (no fertiliser, quantity 0).
create table rdkk_lines (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  plan_id bigint not null,
  farmer_id bigint not null,
  season smallint not null check (season between 1 and 3),
  commodity text collate "C" not null references farm_commodities (code),
  area_ha numeric(8, 4) not null check (area_ha > 0),
  fertiliser text collate "C" references fertiliser_types (code),
  quantity numeric(12, 2) not null check (quantity >= 0),
  refusal text collate "C" check (refusal in ('not_member', 'over_two_ha', 'not_eligible_commodity', 'not_living')),
  primary key (village_code, id),
  check ((refusal is null) = (fertiliser is not null))
);
create index rdkk_lines_of on rdkk_lines (village_code, plan_id);
select balai_distribute_village('rdkk_lines');

-- What a farmer may still redeem: set from the approved RDKK, counted down by redemptions.
-- The check is the last word under any concurrency: a redemption that would pass the
-- allocation fails in the same statement that would write it.
create table farm_allocations (
  village_code text collate "C" not null references villages (village_code),
  farmer_id bigint not null,
  year smallint not null,
  season smallint not null check (season between 1 and 3),
  fertiliser text collate "C" not null references fertiliser_types (code),
  allocated numeric(12, 2) not null check (allocated >= 0),
  redeemed numeric(12, 2) not null default 0 check (redeemed >= 0),
  plan_id bigint not null,
  primary key (village_code, farmer_id, year, season, fertiliser),
  check (redeemed <= allocated)
);
select balai_distribute_village('farm_allocations');

-- A redemption at a kiosk (its receipt) and what it handed out.
create table farm_redemptions (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  farmer_id bigint not null,
  -- A kiosk of farm_kiosks, with no foreign key: a village's own copy (src/modules/sync) holds the
  -- village's redemptions but not the regency's kiosks. Kiosks are never deleted.
  kiosk_id bigint not null,
  year smallint not null,
  season smallint not null check (season between 1 and 3),
  receipt_no text collate "C" not null,
  redeemed_on date not null,
  redeemed_at timestamptz not null default now(),
  created_by bigint not null references users (id),
  primary key (village_code, id),
  unique (village_code, receipt_no)
);
create index farm_redemptions_farmer on farm_redemptions (village_code, farmer_id, redeemed_at);
create index farm_redemptions_kiosk on farm_redemptions (kiosk_id, redeemed_on);
select balai_distribute_village('farm_redemptions');

create table farm_redemption_items (
  village_code text collate "C" not null references villages (village_code),
  redemption_id bigint not null,
  fertiliser text collate "C" not null references fertiliser_types (code),
  quantity numeric(12, 2) not null check (quantity > 0),
  primary key (village_code, redemption_id, fertiliser)
);
select balai_distribute_village('farm_redemption_items');

-- A harvest offered for sale by a farmer or a group: open until sold or withdrawn.
create table harvest_offers (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  farmer_id bigint,
  group_id bigint,
  commodity text collate "C" not null references farm_commodities (code),
  quantity_kg numeric(12, 2) not null check (quantity_kg > 0),
  price_per_kg numeric(12, 0) not null check (price_per_kg > 0),
  available_on date not null,
  contact_phone text check (contact_phone ~ '^\+?[0-9]{8,15}$'),
  status text collate "C" not null default 'open' check (status in ('open', 'sold', 'withdrawn')),
  created_by_user bigint references users (id),
  created_by_resident bigint,
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  primary key (village_code, id),
  check ((farmer_id is null) <> (group_id is null)),
  check ((status = 'open') = (closed_at is null))
);
create index harvest_offers_open on harvest_offers (village_code, status, commodity);
select balai_distribute_village('harvest_offers');

-- Rollups for the levels above (no personal data), written in the transaction that changes them.
create table monitoring_farmers (
  village_code text collate "C" not null references villages (village_code),
  farmers integer not null default 0,
  poktan integer not null default 0,
  hectares numeric(14, 4) not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_farmers');

create table monitoring_farm_crops (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null,
  commodity text collate "C" not null,
  farmers integer not null default 0,
  hectares numeric(14, 4) not null default 0,
  primary key (village_code, year, commodity)
);
select balai_distribute_village('monitoring_farm_crops');

create table monitoring_fertiliser (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null,
  fertiliser text collate "C" not null,
  allocated numeric(14, 2) not null default 0,
  redeemed numeric(14, 2) not null default 0,
  primary key (village_code, year, fertiliser)
);
select balai_distribute_village('monitoring_fertiliser');

-- What each kiosk handed out per day, fertiliser and village served: its daily report's totals
-- and the stock movement on the dashboards.
create table monitoring_kiosk_days (
  village_code text collate "C" not null references villages (village_code),
  kiosk_id bigint not null,
  day date not null,
  fertiliser text collate "C" not null,
  quantity numeric(14, 2) not null default 0,
  redemptions integer not null default 0,
  primary key (village_code, kiosk_id, day, fertiliser)
);
create index monitoring_kiosk_days_kiosk on monitoring_kiosk_days (kiosk_id, day);
select balai_distribute_village('monitoring_kiosk_days');

-- Within a village the rows refer to each other; on Citus such keys are added once both sides are
-- distributed (co-located by village).
alter table farm_parcels add constraint farm_parcels_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table farm_crops add constraint farm_crops_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table farmer_groups add constraint farmer_groups_gapoktan_id_fk foreign key (village_code, gapoktan_id) references farmer_groups (village_code, id);
alter table farmer_groups add constraint farmer_groups_leader_farmer_id_fk foreign key (village_code, leader_farmer_id) references farmers (village_code, id);
alter table farmer_group_members add constraint farmer_group_members_group_id_fk foreign key (village_code, group_id) references farmer_groups (village_code, id);
alter table farmer_group_members add constraint farmer_group_members_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table rdkk_plans add constraint rdkk_plans_group_id_fk foreign key (village_code, group_id) references farmer_groups (village_code, id);
alter table rdkk_lines add constraint rdkk_lines_plan_id_fk foreign key (village_code, plan_id) references rdkk_plans (village_code, id);
alter table rdkk_lines add constraint rdkk_lines_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table farm_allocations add constraint farm_allocations_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table farm_redemptions add constraint farm_redemptions_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table farm_redemption_items add constraint farm_redemption_items_redemption_id_fk foreign key (village_code, redemption_id) references farm_redemptions (village_code, id);
alter table harvest_offers add constraint harvest_offers_farmer_id_fk foreign key (village_code, farmer_id) references farmers (village_code, id);
alter table harvest_offers add constraint harvest_offers_group_id_fk foreign key (village_code, group_id) references farmer_groups (village_code, id);
alter table farmers add constraint farmers_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
