-- Attempts counted per key in a window, one row per key: officer and citizen logins (per
-- account and address, per address, per account) and public letter checks (per address).
-- An attempt is reserved by one upsert that returns the new count, before the password is
-- verified, so concurrent requests can never all pass the check (login_failures counted
-- first and recorded after the check, in another transaction: a burst passed together).
create table attempt_counters (
  kind text collate "C" not null check (kind in ('login', 'verify')),
  -- an account key ('u:<username>', 'nik:<hash>'), or '' when counted per address only
  account text collate "C" not null,
  -- the client's address, or '' when counted per account only
  ip text collate "C" not null,
  count integer not null check (count >= 0),
  window_start timestamptz not null,
  primary key (kind, account, ip)
);
create index attempt_counters_window on attempt_counters (window_start);

drop table login_failures;
