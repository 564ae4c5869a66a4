-- The register of temporary residents (issue 18; Permendagri 47/2016, Buku Penduduk Sementara):
-- people staying in the village for a while who are registered elsewhere (pendatang) — who they
-- are (a NIK, or a passport for a foreigner), where they came from and why, whom or where in the
-- village they stay with, when they came, when they plan to leave and when they left. The Buku
-- Penduduk Sementara is read from this one table.
-- Nothing is deleted: a record typed wrong is corrected by a new version naming it (the old one
-- stays, marked corrected with the reason); a departure is written on the version in force.
create table temporary_residents (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- The first version's id, on every later version (null on the first): one stay's versions together.
  stay_id bigint,
  name text not null check (length(name) between 2 and 100),
  sex smallint not null check (sex in (1, 2)),
  -- 1 WNI, 2 WNA (the register's code list).
  citizenship smallint not null check (citizenship in (1, 2)),
  nik text check (nik ~ '^[0-9]{16}$'),
  passport_number text check (passport_number ~ '^[A-Z0-9]{5,20}$'),
  -- A foreigner's country (kebangsaan).
  nationality text check (length(nationality) between 2 and 60),
  birth_place text not null check (length(birth_place) between 2 and 100),
  birth_date date not null,
  -- The register's occupation code list.
  occupation smallint not null check (occupation between 1 and 99),
  origin_address text not null check (length(origin_address) between 5 and 300),
  purpose text not null check (length(purpose) between 3 and 200),
  -- Whom they stay with: a resident of the register, or a place in the village (RT/RW/dusun) with a name and address as told.
  host_resident_id bigint,
  area_id bigint,
  host_name text check (length(host_name) between 2 and 100),
  host_address text check (length(host_address) between 2 and 200),
  arrived_on date not null,
  planned_departure_on date,
  departed_on date,
  departure_note text check (length(departure_note) between 2 and 200),
  note text not null default '' check (length(note) <= 500),
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now(),
  departure_recorded_by bigint references users (id),
  departure_recorded_at timestamptz,
  -- A correction: the new version names the one it replaces; the replaced one keeps why.
  corrects_id bigint,
  corrected_at timestamptz,
  corrected_by bigint references users (id),
  correction_reason text check (length(correction_reason) between 5 and 500),
  primary key (village_code, id),
  check (citizenship = 2 or nik is not null),
  check (citizenship = 1 or (passport_number is not null and nationality is not null)),
  check (host_resident_id is not null or area_id is not null),
  check (arrived_on >= birth_date),
  check (planned_departure_on is null or planned_departure_on >= arrived_on),
  check (departed_on is null or departed_on >= arrived_on),
  check ((departed_on is null) = (departure_recorded_at is null)),
  check ((corrected_at is null) = (correction_reason is null))
);
-- The versions in force by day of arrival: the list, the book's period, the count of those staying.
create index temporary_residents_current on temporary_residents (village_code, arrived_on, id) where corrected_at is null;
create index temporary_residents_staying on temporary_residents (village_code) where corrected_at is null and departed_on is null;
create index temporary_residents_stay on temporary_residents (village_code, stay_id) where stay_id is not null;
-- One stay at a time per person: a NIK or passport staying is refused a second record (a version corrected away frees it).
create unique index temporary_residents_nik_staying on temporary_residents (village_code, nik) where nik is not null and corrected_at is null and departed_on is null;
create unique index temporary_residents_passport_staying on temporary_residents (village_code, passport_number) where passport_number is not null and corrected_at is null and departed_on is null;
select balai_distribute_village('temporary_residents');

alter table temporary_residents add constraint temporary_residents_host_fk foreign key (village_code, host_resident_id) references residents_rows (village_code, id);
alter table temporary_residents add constraint temporary_residents_area_fk foreign key (village_code, area_id) references village_areas_rows (village_code, id);
alter table temporary_residents add constraint temporary_residents_corrects_fk foreign key (village_code, corrects_id) references temporary_residents (village_code, id);

-- For the levels above, per village: temporary residents staying now, and how many of them are foreigners; no name.
create table monitoring_temporary_residents (
  village_code text collate "C" not null references villages (village_code),
  staying integer not null default 0,
  foreigners integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_temporary_residents');
