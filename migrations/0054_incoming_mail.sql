-- Incoming letters and their routing (issue 18, item 2: surat masuk and disposisi). The office
-- registers a letter as it arrives — who sent it, its number and date, the subject, the scan — under
-- the year's next agenda number; the head or the secretary routes it to officials with an
-- instruction and a due date; each official marks their part done with a note. Nothing is deleted:
-- a letter registered by mistake is voided with its reason and keeps its number.
create table incoming_letters (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  year smallint not null check (year between 2000 and 2100),
  agenda_no integer not null check (agenda_no > 0),
  received_on date not null,
  sender text not null check (length(sender) between 2 and 200),
  letter_no text not null check (length(letter_no) between 1 and 100),
  letter_date date not null,
  subject text not null check (length(subject) between 3 and 300),
  nature text not null default 'biasa' check (nature in ('biasa', 'penting', 'segera', 'rahasia')),
  summary text not null default '' check (length(summary) <= 2000),
  -- What the register's search box compares (lower case, no accents), kept as a column: a year's
  -- letters are matched on one stored text instead of normalising three fields of each row per search.
  search_text text generated always as (balai_search_text(sender || ' ' || subject || ' ' || letter_no)) stored,
  -- The scan, checked by content: a PDF as sent, or a photo re-encoded without its metadata.
  scan bytea,
  scan_type text check (scan_type in ('application/pdf', 'image/jpeg')),
  registered_by bigint not null references users (id),
  registered_at timestamptz not null default now(),
  voided_at timestamptz,
  voided_by bigint references users (id),
  void_reason text check (length(void_reason) between 5 and 500),
  primary key (village_code, id),
  unique (village_code, year, agenda_no),
  check ((scan is null) = (scan_type is null)),
  check ((voided_at is null) = (void_reason is null)),
  check (letter_date <= received_on)
);
create index incoming_letters_received on incoming_letters (village_code, received_on desc, id desc);
select balai_distribute_village('incoming_letters');

-- A routing (disposisi): to one official's account, with the instruction and an optional due date;
-- done once, by that official, with a note.
create table incoming_letter_routes (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  letter_id bigint not null,
  to_user bigint not null references users (id),
  instruction text not null check (length(instruction) between 2 and 500),
  due_on date,
  routed_by bigint not null references users (id),
  routed_at timestamptz not null default now(),
  done_at timestamptz,
  done_note text check (length(done_note) between 2 and 1000),
  primary key (village_code, id),
  check ((done_at is null) = (done_note is null))
);
create index incoming_letter_routes_letter on incoming_letter_routes (village_code, letter_id, id);
create index incoming_letter_routes_queue on incoming_letter_routes (village_code, to_user, id) where done_at is null;
select balai_distribute_village('incoming_letter_routes');

-- For the levels above, per village and month (no sender, no subject): letters received (voided
-- ones taken out), routings made, routings done, and done after their due date.
create table monitoring_mail (
  village_code text collate "C" not null references villages (village_code),
  month date not null,
  received integer not null default 0,
  routed integer not null default 0,
  done integer not null default 0,
  done_late integer not null default 0,
  primary key (village_code, month)
);
select balai_distribute_village('monitoring_mail');

alter table incoming_letter_routes add constraint incoming_letter_routes_letter_fk foreign key (village_code, letter_id) references incoming_letters (village_code, id);
