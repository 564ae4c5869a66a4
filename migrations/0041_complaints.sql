-- Complaints and aspirations (pengaduan; issue 14, item 4): from citizens in self-service or at
-- the village hall's kiosk, from the public form (anyone), routed to an officer, with replies the citizen sees, a time
-- target per category, and a public list without personal data.
create table complaints (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- Numbered 1, 2, 3 … within the village and year, as the complaint book numbers them.
  year smallint not null check (year between 2000 and 2100),
  number integer not null check (number > 0),
  -- What the reporter follows it with, without logging in (public form): random, shown once.
  tracking_code text collate "C" not null check (tracking_code ~ '^[A-Z0-9]{10}$'),
  category text collate "C" not null check (category in ('infrastruktur', 'pelayanan', 'bansos', 'kependudukan', 'keamanan', 'kesehatan', 'lingkungan', 'lainnya')),
  body text not null check (length(body) between 10 and 2000),
  location text check (length(location) <= 160),
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  photo bytea,
  source text collate "C" not null check (source in ('citizen', 'kiosk', 'public', 'officer')),
  -- Who it is from: a resident (self-service) or a name and phone typed on the public form; never on a public page.
  resident_id bigint,
  reporter_name text check (length(reporter_name) <= 120),
  reporter_phone text collate "C" check (reporter_phone ~ '^\+?[0-9]{8,15}$'),
  status text collate "C" not null default 'received' check (status in ('received', 'in_progress', 'answered', 'closed')),
  assigned_to bigint references users (id),
  due_on date not null,
  -- An officer may keep a complaint off the public list (it names someone, say); it is on by default.
  public boolean not null default true,
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  closed_at timestamptz,
  primary key (village_code, id)
);
create unique index complaints_number on complaints (village_code, year, number);
create unique index complaints_tracking on complaints (village_code, tracking_code);
create index complaints_open on complaints (village_code, status, due_on);
select balai_distribute_village('complaints');

-- What happened to a complaint, in order: a reply the reporter reads, an internal note, a
-- routing to an officer, a change of status. Never changed or deleted.
create table complaint_events (
  village_code text collate "C" not null references villages (village_code),
  complaint_id bigint not null,
  id bigserial,
  kind text collate "C" not null check (kind in ('reply', 'note', 'assign', 'status')),
  body text check (length(body) <= 2000),
  status text collate "C",
  assigned_to bigint references users (id),
  author_id bigint references users (id),
  -- A reply by the reporter (a citizen in self-service).
  resident_id bigint,
  created_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index complaint_events_of on complaint_events (village_code, complaint_id, id);
select balai_distribute_village('complaint_events');

-- Per village and due day: complaints still open, and all received per month, for the
-- dashboards (overdue = open with a due day before today, counted when read).
create table monitoring_complaints (
  village_code text collate "C" not null references villages (village_code),
  due_on date not null,
  open integer not null default 0,
  primary key (village_code, due_on)
);
select balai_distribute_village('monitoring_complaints');

create table monitoring_complaints_monthly (
  village_code text collate "C" not null references villages (village_code),
  month date not null,
  received integer not null default 0,
  answered integer not null default 0,
  primary key (village_code, month)
);
select balai_distribute_village('monitoring_complaints_monthly');

alter table complaints add constraint complaints_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table complaint_events add constraint complaint_events_complaint_fk foreign key (village_code, complaint_id) references complaints (village_code, id);
alter table complaint_events add constraint complaint_events_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);

-- The public form is limited per address and per phone number, counted atomically.
alter table attempt_counters drop constraint attempt_counters_kind_check;
alter table attempt_counters add constraint attempt_counters_kind_check check (kind in ('login', 'verify', 'complaint'));
