-- Development projects (issue 13, item 7): an activity of the adopted RKPDes carried out as a
-- project — where (a map point), how much, paid by which funds, who builds it (the TPK), when —
-- with progress reports and their photos. Progress is reported, never edited: a new report
-- supersedes the last in the figures, the earlier ones stay.
create table projects (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- The RKPDes activity it carries out.
  plan_item_id bigint not null,
  year smallint not null check (year between 2000 and 2100),
  activity_code text collate "C" not null references budget_activities (code),
  name text not null check (length(name) between 3 and 200),
  location text not null check (length(location) between 2 and 120),
  -- A point on the map (WGS 84), when the officer sets it.
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  volume text not null check (length(volume) between 1 and 40),
  -- The implementer: the activity team (Tim Pelaksana Kegiatan) or the third party.
  implementer text not null check (length(implementer) between 2 and 120),
  starts_on date not null,
  ends_on date not null,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, plan_item_id),
  check (ends_on >= starts_on),
  check ((latitude is null) = (longitude is null))
);
select balai_distribute_village('projects');

-- The project's budget by fund, in whole rupiah.
create table project_funds (
  village_code text collate "C" not null references villages (village_code),
  project_id bigint not null,
  fund text collate "C" not null check (fund in ('DDS', 'ADD', 'PAD', 'PBH', 'BKP', 'BKK', 'SILPA', 'LAIN')),
  amount numeric(18, 0) not null check (amount > 0),
  primary key (village_code, project_id, fund)
);
select balai_distribute_village('project_funds');

create table project_reports (
  village_code text collate "C" not null references villages (village_code),
  project_id bigint not null,
  id bigserial,
  reported_on date not null,
  -- Physical progress in percent, two decimals.
  progress numeric(5, 2) not null check (progress between 0 and 100),
  note text not null check (length(note) between 2 and 2000),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index project_reports_of_project on project_reports (village_code, project_id, reported_on, id);
select balai_distribute_village('project_reports');

-- A report's photos, resized on upload; location metadata removed unless the officer kept it.
create table project_photos (
  village_code text collate "C" not null references villages (village_code),
  report_id bigint not null,
  id bigserial,
  bytes bytea not null,
  type text not null check (type in ('image/jpeg')),
  width integer not null,
  height integer not null,
  kept_location boolean not null default false,
  primary key (village_code, id)
);
create index project_photos_of_report on project_photos (village_code, report_id);
select balai_distribute_village('project_photos');

alter table projects add constraint projects_plan_item_fk foreign key (village_code, plan_item_id) references plan_items (village_code, id);
alter table project_funds add constraint project_funds_project_fk foreign key (village_code, project_id) references projects (village_code, id);
alter table project_reports add constraint project_reports_project_fk foreign key (village_code, project_id) references projects (village_code, id);
alter table project_photos add constraint project_photos_report_fk foreign key (village_code, report_id) references project_reports (village_code, id);

-- Each project's schedule, budget and latest progress, for the dashboards above the village
-- (behind schedule is worked out on the day it is read): written with the project and each report.
create table monitoring_projects (
  village_code text collate "C" not null references villages (village_code),
  project_id bigint not null,
  year smallint not null,
  starts_on date not null,
  ends_on date not null,
  budget numeric(18, 0) not null,
  progress numeric(5, 2) not null default 0,
  reported_on date,
  primary key (village_code, project_id)
);
create index monitoring_projects_year on monitoring_projects (year, village_code);
select balai_distribute_village('monitoring_projects');
