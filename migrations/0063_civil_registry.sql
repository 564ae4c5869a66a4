-- The village's reports to the district's civil registry office (Disdukcapil, SIAK) and the
-- reconciliation with its list of the village's residents (issue 19, item 5).
--
-- A report holds the population events not yet reported: births, deaths, moves in and out,
-- corrections of resident data. Each event goes into at most one report
-- (civil_registry_report_events, keyed by the event), so "since the last report" is exact even
-- when an event commits while a report is made: it goes into the next one. The report keeps its
-- rows and its file as made: downloaded again, it is the same file.
create table civil_registry_reports (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- 1, 2, 3 … per village, in the order made.
  number integer not null check (number >= 1),
  period_from date not null,
  period_to date not null,
  -- Rows per sheet: {"birth": 1, "death": 0, "move_out": 0, "move_in": 0, "correction": 2}.
  counts jsonb not null,
  total integer not null check (total >= 0),
  -- The sheets as made (whole NIKs): a copy with masked NIKs is made from them for whoever may not see them.
  sheets jsonb not null,
  file bytea not null,
  file_sha256 text not null check (length(file_sha256) = 64),
  made_by bigint not null references users (id),
  made_at timestamptz not null default now(),
  primary key (village_code, id),
  check (period_from <= period_to)
);
create unique index civil_registry_reports_number on civil_registry_reports (village_code, number);
select balai_distribute_village('civil_registry_reports');

create table civil_registry_report_events (
  village_code text collate "C" not null references villages (village_code),
  event_id bigint not null,
  report_id bigint not null,
  primary key (village_code, event_id)
);
select balai_distribute_village('civil_registry_report_events');

-- A file of the civil registry's residents of the village, compared with the register. Its
-- differences wait, per person, for the officer to accept the corrections chosen; a newer upload
-- supersedes an open one (whose differences, personal data, then go).
create table civil_registry_imports (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  file_name text not null check (length(file_name) between 1 and 200),
  file_sha256 text not null check (length(file_sha256) = 64),
  format text not null check (format in ('xlsx', 'csv')),
  rows integer not null check (rows >= 0),
  status text not null default 'open' check (status in ('open', 'superseded')),
  -- Persons per kind of difference: {"same": …, "differs": …, "only_balai": …, "only_dukcapil": …, "status": …}.
  counts jsonb not null,
  applied integer not null default 0 check (applied >= 0),
  uploaded_by bigint not null references users (id),
  uploaded_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('civil_registry_imports');

create table civil_registry_differences (
  village_code text collate "C" not null references villages (village_code),
  import_id bigint not null,
  seq integer not null,
  kind text not null check (kind in ('differs', 'only_balai', 'only_dukcapil', 'status')),
  resident_id bigint,
  nik text not null,
  name text not null,
  -- The row in the civil registry's file (null: only in Balai).
  line integer,
  -- [{"field", "balai", "dukcapil", "value", "correctable", "applied"}]: what each side says, what a correction writes.
  fields jsonb not null default '[]'::jsonb,
  applied_at timestamptz,
  applied_by bigint references users (id),
  primary key (village_code, import_id, seq)
);
create index civil_registry_differences_kind on civil_registry_differences (village_code, import_id, kind, seq);
select balai_distribute_village('civil_registry_differences');

-- For the levels above, per village: reports made and the last one's day; no personal data.
create table monitoring_civil_registry (
  village_code text collate "C" not null references villages (village_code),
  reports integer not null default 0,
  last_report_on date,
  last_import_on date,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_civil_registry');

alter table civil_registry_report_events add constraint civil_registry_report_events_report_fk foreign key (village_code, report_id) references civil_registry_reports (village_code, id);
alter table civil_registry_report_events add constraint civil_registry_report_events_event_fk foreign key (village_code, event_id) references population_events_rows (village_code, id);
alter table civil_registry_differences add constraint civil_registry_differences_import_fk foreign key (village_code, import_id) references civil_registry_imports (village_code, id);
alter table civil_registry_differences add constraint civil_registry_differences_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
