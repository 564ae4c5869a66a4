-- Village institutions (kelembagaan desa; issue 14, item 5): BPD, LPM, PKK, Karang Taruna,
-- Posyandu, RT and RW, customary institutions and community groups. Members come from the
-- population register with a position and a term; a term that ended is kept as history, never
-- deleted. Activities and decisions are dated records; a wrong one is withdrawn with a reason.
-- Trainings record who took part (the "smart people" pillar: digital cadres).
create table institutions (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text collate "C" not null check (kind in ('bpd', 'lpm', 'pkk', 'karang_taruna', 'posyandu', 'rt', 'rw', 'adat', 'kelompok', 'lainnya')),
  name text not null check (length(name) between 2 and 120),
  -- The RT or RW (or dusun) an institution serves, when it serves one.
  area_id bigint,
  -- The decree that formed it (SK Kepala Desa) and when.
  decree_number text check (length(decree_number) <= 80),
  decree_on date,
  note text check (length(note) <= 1000),
  dissolved_on date,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('institutions');

create table institution_members (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  institution_id bigint not null,
  resident_id bigint not null,
  position text not null check (length(position) between 2 and 80),
  term_start date not null,
  -- The end of the term as decreed (may be open), and when and why it really ended.
  term_end date,
  ended_on date,
  end_reason text check (length(end_reason) between 3 and 300),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  ended_by bigint references users (id),
  primary key (village_code, id),
  check (term_end is null or term_end >= term_start),
  check ((ended_on is null) = (end_reason is null)),
  check (ended_on is null or ended_on >= term_start)
);
create index institution_members_of on institution_members (village_code, institution_id);
create index institution_members_resident on institution_members (village_code, resident_id);
select balai_distribute_village('institution_members');

create table institution_records (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  institution_id bigint not null,
  kind text collate "C" not null check (kind in ('activity', 'decision')),
  held_on date not null,
  title text not null check (length(title) between 3 and 200),
  summary text check (length(summary) <= 2000),
  participants integer check (participants between 0 and 100000),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_reason text check (length(withdrawn_reason) between 3 and 300),
  withdrawn_by bigint references users (id),
  primary key (village_code, id),
  check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create index institution_records_of on institution_records (village_code, institution_id, held_on);
select balai_distribute_village('institution_records');

create table trainings (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  title text not null check (length(title) between 3 and 200),
  topic text collate "C" not null check (topic in ('digital', 'pertanian', 'usaha', 'kesehatan', 'pemerintahan', 'lainnya')),
  held_on date not null,
  place text check (length(place) <= 200),
  organiser text check (length(organiser) <= 200),
  -- Those who complete it become the village's digital cadres (kader digital).
  makes_digital_cadres boolean not null default false,
  -- Learning material for residents: a link (the module's page, a video).
  material_url text check (length(material_url) <= 500),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('trainings');

create table training_participants (
  village_code text collate "C" not null references villages (village_code),
  training_id bigint not null,
  resident_id bigint not null,
  completed boolean not null default true,
  added_by bigint not null references users (id),
  added_at timestamptz not null default now(),
  primary key (village_code, training_id, resident_id)
);
create index training_participants_resident on training_participants (village_code, resident_id);
select balai_distribute_village('training_participants');

-- Each village's institutions, active members, trainings, people trained and digital cadres,
-- for the dashboards above the village (no personal data): written with every change.
create table monitoring_institutions (
  village_code text collate "C" not null references villages (village_code),
  institutions integer not null default 0,
  active_members integer not null default 0,
  trainings integer not null default 0,
  people_trained integer not null default 0,
  digital_cadres integer not null default 0,
  primary key (village_code)
);
select balai_distribute_village('monitoring_institutions');

alter table institutions add constraint institutions_area_fk foreign key (village_code, area_id) references village_areas_rows (village_code, id);
alter table institution_members add constraint institution_members_institution_fk foreign key (village_code, institution_id) references institutions (village_code, id);
alter table institution_members add constraint institution_members_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table institution_records add constraint institution_records_institution_fk foreign key (village_code, institution_id) references institutions (village_code, id);
alter table training_participants add constraint training_participants_training_fk foreign key (village_code, training_id) references trainings (village_code, id);
alter table training_participants add constraint training_participants_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
