-- Citizens log in with NIK and a 6-digit PIN issued at the village office.
create table citizen_pins (
  village_code text collate "C" not null references villages (village_code),
  resident_id bigint not null,
  pin_hash text not null,
  issued_at timestamptz not null default now(),
  issued_by bigint references users (id),
  last_login_at timestamptz,
  primary key (village_code, resident_id),
  foreign key (village_code, resident_id) references residents (village_code, id)
);

-- A session belongs to an officer account or to a citizen (resident), never both.
alter table sessions alter column user_id drop not null;
alter table sessions add column village_code text collate "C";
alter table sessions add column resident_id bigint;
alter table sessions add constraint sessions_one_owner
  check ((user_id is null) <> (resident_id is null) and ((resident_id is null) = (village_code is null)));
create index sessions_resident on sessions (village_code, resident_id);

-- A citizen asking the office to correct their data; the operator applies it through the
-- population register's correction (which keeps from/to) and closes the request.
create table correction_requests (
  village_code text collate "C" not null references villages (village_code),
  id bigint generated always as identity,
  resident_id bigint not null,
  about_resident_id bigint not null,
  field text not null check (length(field) between 1 and 60),
  proposed text not null check (length(proposed) between 1 and 300),
  note text check (length(note) <= 500),
  status text not null default 'open' check (status in ('open', 'done', 'rejected')),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by bigint references users (id),
  answer text check (length(answer) <= 500),
  primary key (village_code, id),
  foreign key (village_code, resident_id) references residents (village_code, id),
  foreign key (village_code, about_resident_id) references residents (village_code, id)
);
create index correction_requests_open on correction_requests (village_code, status, created_at);
