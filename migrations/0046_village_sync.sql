-- A village's own copy of Balai (the embedded database at the village hall) kept in step with
-- the province's server (issue 15). The copy records every change it makes, in the change's
-- own transaction, and sends them up; the server applies each transaction once, field by
-- field against what the copy saw, and holds a clash for a person; what changed on the
-- server comes down by comparing hashes of the village's rows.

-- The key a village's copy signs in with (Authorization: Bearer). Made on the server by an
-- administrator who may activate the village; shown once, kept hashed. While a key is live
-- the copy is the village's home: only it numbers and signs letters.
create table sync_keys (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  key_hash text not null unique,
  label text not null check (length(label) between 1 and 100),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by bigint references users (id),
  primary key (village_code, id)
);
select balai_reference_table('sync_keys');

-- The copy's own changes, one row per row written, in order; `tx` groups a use case's rows
-- (they are applied on the server all or none). `id` is the change's idempotency key.
create table sync_changes (
  village_code text collate "C" not null,
  seq bigserial,
  id uuid not null default gen_random_uuid(),
  tx bigint not null default txid_current(),
  table_name text not null,
  op text not null check (op in ('insert', 'update', 'delete')),
  row_key jsonb not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now(),
  pushed_at timestamptz,
  primary key (village_code, seq)
);
create index sync_changes_waiting on sync_changes (village_code, seq) where pushed_at is null;
select balai_distribute_village('sync_changes');

-- A wrong key is counted per address, atomically, like a wrong password.
alter table attempt_counters drop constraint attempt_counters_kind_check;
alter table attempt_counters add constraint attempt_counters_kind_check check (kind in ('login', 'verify', 'complaint', 'sync'));

-- On the server: the copy's transactions already applied (by the id of their first change),
-- so a push sent twice is applied once.
create table sync_applied (
  village_code text collate "C" not null,
  change_id uuid not null,
  outcome text not null check (outcome in ('applied', 'partly', 'refused')),
  applied_at timestamptz not null default now(),
  primary key (village_code, change_id)
);
select balai_distribute_village('sync_applied');

-- A clash found when the copy's changes reached the server: shown to the village's officers on
-- both sides (and, for a NIK living elsewhere, to the other village's too) until a person
-- settles it. Never deleted: the losing value stays here.
create table sync_conflicts (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  change_id uuid not null,
  table_name text not null,
  row_key jsonb not null,
  kind text not null check (kind in ('field', 'refused', 'missing')),
  field text,
  base_value jsonb,
  server_value jsonb,
  copy_value jsonb,
  message text not null,
  other_village text collate "C",
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by bigint references users (id),
  resolution jsonb,
  primary key (village_code, id)
);
create index sync_conflicts_open on sync_conflicts (village_code, created_at) where resolved_at is null;
select balai_distribute_village('sync_conflicts');

-- On the copy: where its server is and how the last round went (one row per village).
create table sync_state (
  village_code text collate "C" not null references villages (village_code),
  server_url text not null,
  sync_key text not null,
  cloned_at timestamptz not null default now(),
  last_push_at timestamptz,
  last_pull_at timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  last_result jsonb,
  primary key (village_code)
);
select balai_distribute_village('sync_state');

-- The copy's capture: a row trigger on each table that moves with the village (installed by
-- the copy only, `balai sync-clone`; never on the server). The trigger's arguments are the
-- table's key columns. Rows written while a sync applies the server's rows are not recorded.
create function balai_sync_capture() returns trigger language plpgsql as $$
declare
  r jsonb;
  o jsonb;
  k jsonb := '{}'::jsonb;
  b jsonb;
  a jsonb;
  i int;
begin
  if coalesce(current_setting('balai.sync_applying', true), '') = 'on' then
    return null;
  end if;
  r := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
  if r ->> 'village_code' is null then
    return null;
  end if;
  for i in 0 .. tg_nargs - 1 loop
    k := k || jsonb_build_object(tg_argv[i], r -> tg_argv[i]);
  end loop;
  if tg_op = 'UPDATE' then
    -- Only what changed travels (with the key and the village): the server weighs each field.
    o := to_jsonb(old);
    select coalesce(jsonb_object_agg(n.key, o -> n.key), '{}'::jsonb), coalesce(jsonb_object_agg(n.key, n.value), '{}'::jsonb)
      into b, a from jsonb_each(r) n where (o -> n.key) is distinct from n.value;
    if a = '{}'::jsonb then
      return null;
    end if;
    b := k || jsonb_build_object('village_code', r -> 'village_code') || b;
    a := k || jsonb_build_object('village_code', r -> 'village_code') || a;
  else
    b := case when tg_op = 'DELETE' then r end;
    a := case when tg_op = 'INSERT' then r end;
  end if;
  insert into sync_changes (village_code, table_name, op, row_key, before, after)
  values (r ->> 'village_code', tg_table_name, lower(tg_op), k, b, a);
  return null;
end $$;
