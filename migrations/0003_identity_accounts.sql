create table users (
  id bigint generated always as identity primary key,
  username text not null,
  password_hash text not null,
  full_name text not null,
  role text not null check (role in ('national_admin', 'province_admin', 'regency_officer',
    'district_officer', 'village_head', 'village_secretary', 'village_operator')),
  -- '' is the whole country; otherwise a region code the account is limited to.
  region_code text collate "C" not null default '',
  position_title text,
  nip text,
  email text,
  phone text,
  active boolean not null default true,
  language text not null default 'id' check (language in ('id', 'en')),
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  password_changed_at timestamptz
);
create unique index users_username on users (lower(username));
create index users_region on users (region_code);

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

-- Failed logins, counted per account, per address and per both, for the rate limit.
create table login_failures (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_username on login_failures (lower(username), at);
create index login_failures_ip on login_failures (ip, at);
