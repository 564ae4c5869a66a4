-- Staff attendance and the guest book (issue 18, item 3). The village's officials (its officer
-- accounts) check in and out once a day, on their phone or at the office's kiosk, at the
-- server's time; a mistake is put right by a new entry of the secretary with its reason, never
-- by changing or deleting the first. Guests write their name, where they come from, why and
-- whom they met at the kiosk, or an officer writes it for them.

-- What the village decided: phone check-in or only the kiosk, whether the place is kept, office
-- hours for the recap, and the one device registered as the office's kiosk (its key's hash).
create table attendance_settings (
  village_code text collate "C" not null references villages (village_code),
  phone_allowed boolean not null default true,
  record_place boolean not null default false,
  start_time time not null default '08:00',
  end_time time not null default '16:00',
  kiosk_key_hash text,
  updated_by bigint references users (id),
  updated_at timestamptz not null default now(),
  primary key (village_code),
  check (end_time > start_time)
);
select balai_distribute_village('attendance_settings');

-- One row per check-in or check-out. `day` is the WIB day of `at`, which is the server's clock
-- (a correction's `at` is the time the secretary states, with the reason).
create table attendance_entries (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  user_id bigint not null references users (id),
  day date not null,
  kind text not null check (kind in ('in', 'out')),
  at timestamptz not null,
  source text not null check (source in ('phone', 'kiosk', 'correction')),
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  reason text check (length(reason) between 5 and 300),
  recorded_by bigint references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((latitude is null) = (longitude is null)),
  check ((source = 'correction') = (reason is not null))
);
-- Once a day each way: the second check-in of a day is refused by the database itself.
create unique index attendance_entries_once on attendance_entries (village_code, user_id, day, kind) where source <> 'correction';
create index attendance_entries_day on attendance_entries (village_code, day, user_id);
select balai_distribute_village('attendance_entries');

create table guest_visits (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  name text not null check (length(name) between 2 and 120),
  comes_from text not null check (length(comes_from) between 2 and 200),
  purpose text not null check (length(purpose) between 3 and 500),
  -- Whom they met: an official of the village, or a name written in.
  met_user_id bigint references users (id),
  met_name text check (length(met_name) between 2 and 120),
  phone text check (phone ~ '^\+?[0-9]{8,15}$'),
  visited_at timestamptz not null default now(),
  day date not null,
  source text not null check (source in ('kiosk', 'office')),
  recorded_by bigint references users (id),
  search_text text generated always as (balai_search_text(name || ' ' || comes_from || ' ' || purpose)) stored,
  primary key (village_code, id)
);
create index guest_visits_newest on guest_visits (village_code, day desc, id desc);
select balai_distribute_village('guest_visits');

-- Per village and day, for the dashboards above: officials present and guests; no names.
create table monitoring_attendance (
  village_code text collate "C" not null references villages (village_code),
  day date not null,
  present integer not null default 0,
  guests integer not null default 0,
  primary key (village_code, day)
);
select balai_distribute_village('monitoring_attendance');
