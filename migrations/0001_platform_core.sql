-- Extensions used for fuzzy name search (regions now, residents later).
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Append-only log of every write and of reads of personal data.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id bigint,
  actor_label text not null,
  action text not null,
  outcome text not null default 'ok' check (outcome in ('ok', 'denied', 'failed')),
  village_code text,
  region_code text,
  subject text,
  detail jsonb not null default '{}'::jsonb,
  ip text
);
create index audit_log_village_at on audit_log (village_code, at desc);
create index audit_log_at on audit_log (at desc);
create index audit_log_subject on audit_log (subject, at desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
