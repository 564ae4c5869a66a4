-- API tokens for machine clients (issue 19, item 1): a program (a regency's dashboard, a
-- statistics office's script) reads /api/v1 with `Authorization: Bearer balai_api_…` instead of
-- a browser session. An administrator makes one for a region inside their own, with some of
-- their own permissions and an expiry at most a year ahead; the secret is shown once and kept
-- only as its SHA-256. Revoking sets revoked_at: the next request is refused.
--
-- Not a village table (a token may speak for a province): found by its hash on every request,
-- counted (the per-token rate limit) in the same row. On Citus it stays on the coordinator, like
-- the attempt counters and the audit log it writes beside.
create table api_tokens (
  id bigserial primary key,
  token_hash text not null unique,
  name text not null check (length(name) between 1 and 100),
  -- The token's scope: a province, regency, district or village code (never the whole country).
  region_code text collate "C" not null references regions (code),
  -- A subset of the creator's permissions at the time (src/platform/access/permissions.ts).
  permissions text[] not null check (cardinality(permissions) between 1 and 100),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by bigint references users (id),
  last_used_at timestamptz,
  last_used_ip text,
  requests bigint not null default 0,
  -- The rate limit's window: requests counted since window_start, reset once it is a minute old.
  window_start timestamptz not null default now(),
  window_count integer not null default 0,
  check (expires_at > created_at and expires_at <= created_at + interval '367 days')
);
create index api_tokens_region on api_tokens (region_code, id desc);
select balai_coordinator_table('api_tokens');

-- A wrong token is counted per address, atomically, like a wrong sync key. The kinds already
-- allowed are kept as they are; 'api_token' is added to them.
do $$
declare def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
    where conrelid = 'attempt_counters'::regclass and conname = 'attempt_counters_kind_check';
  if def is null or position('ARRAY[' in def) = 0 then
    raise exception 'attempt_counters_kind_check has an unexpected form: %', def;
  end if;
  if position('''api_token''' in def) = 0 then
    execute 'alter table attempt_counters drop constraint attempt_counters_kind_check';
    execute 'alter table attempt_counters add constraint attempt_counters_kind_check '
      || replace(def, 'ARRAY[', 'ARRAY[''api_token''::text, ');
  end if;
end $$;
