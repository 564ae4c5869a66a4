-- Account lifecycle (issue 18, item 6) and the audit viewer (item 5).
--
-- When an officer last logged in: set by the login in its transaction, so that accounts nobody
-- used for 90 days can be listed and switched off. Filled from the audit log's logins for the
-- accounts that exist (one account at a time: users is a reference table on Citus, which a
-- single statement reading the coordinator's audit log could not update).
alter table users add column last_login_at timestamptz;

do $$
declare r record;
begin
  for r in select subject, max(at) as last_at from audit_log
           where action = 'auth.login' and outcome = 'ok' and subject like 'user:%' group by subject loop
    update users set last_login_at = r.last_at where id::text = substr(r.subject, 6);
  end loop;
end $$;

-- A password reset an administrator starts: a one-time code shown to the administrator once,
-- stored only as its SHA-256 hash, valid for a day, used at most once (used_at is set by the
-- one UPDATE that consumes it). Found by its hash, like a session: distributed by it on Citus.
create table password_resets (
  code_hash text primary key,
  user_id bigint not null references users (id),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Set when the code is used, or when a newer code or a deactivation makes it void.
  used_at timestamptz
);
create index password_resets_user on password_resets (user_id) where used_at is null;
select balai_distribute_by('password_resets', 'code_hash');

-- The audit page of a region (a district, a regency, a province) reads the entries of every
-- village below it by date: region_code with a prefix, then the time.
create index audit_log_region_at on audit_log (region_code text_pattern_ops, at desc);
