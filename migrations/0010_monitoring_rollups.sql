-- Monitoring rollups: per-village summary rows that the district, regency, province and
-- national dashboards read instead of scanning residents (ARCHITECTURE rule 6).
--
-- Kept in the same transaction as the change, by the database itself: statement-level
-- triggers with transition tables on residents, families, population_events and letters.
-- Every code path (forms, events, corrections, family changes, the bulk loader, the
-- import, the generator, a hand-written UPDATE) passes through them, and a bulk insert of
-- 10,000 rows costs one aggregate over its transition table, not 10,000 upserts.
-- `balai rebuild-rollups` recomputes every row from the source tables.
--
-- Above the district, a dashboard would still add up hundreds of thousands of village rows
-- (Lampung: 2,651 villages × ~190 birth years × 2 sexes). So the same changes also land,
-- as deltas, in small append-only "pending" tables (no row is shared between villages, so
-- writers never wait for each other), and `monitoring_fold()` — run every few seconds by the
-- server — adds them into per-region rows for the country, each province, regency and
-- district. A dashboard reads region rows plus the pending deltas of its region in one
-- statement: exact at once, whether the fold has run or not.

-- Residents per village, life status, sex and birth year (0 = unknown). Ages are worked out
-- when a dashboard asks (this year minus the birth year), so the rows stay right as years pass.
create table monitoring_population (
  village_code text collate "C" not null references villages (village_code),
  life_status smallint not null,
  sex smallint not null,
  birth_year smallint not null,
  residents integer not null,
  primary key (village_code, life_status, sex, birth_year)
);

-- Families (KK) per village and status.
create table monitoring_families (
  village_code text collate "C" not null references villages (village_code),
  status text not null,
  families integer not null,
  primary key (village_code, status)
);

-- Population events per village, month of the event and kind.
create table monitoring_events (
  village_code text collate "C" not null references villages (village_code),
  month date not null,
  kind text not null,
  events integer not null,
  primary key (village_code, month, kind)
);

-- Letters made ready per village, day (WIB) and bucket of the time from request to ready:
-- with letter_daily's sums it gives a median above the village without reading letters.
create table monitoring_letter_ready (
  village_code text collate "C" not null references villages (village_code),
  day date not null,
  bucket smallint not null,
  letters integer not null,
  primary key (village_code, day, bucket)
);

-- Region rollups: level 0 (the country, code ''), 1 province, 2 regency, 3 district.
create table monitoring_region_population (
  level smallint not null,
  region_code text collate "C" not null,
  life_status smallint not null,
  sex smallint not null,
  birth_year smallint not null,
  residents bigint not null,
  primary key (level, region_code, life_status, sex, birth_year)
);
create table monitoring_region_events (
  level smallint not null,
  region_code text collate "C" not null,
  month date not null,
  kind text not null,
  events bigint not null,
  primary key (level, region_code, month, kind)
);
create table monitoring_region_letters (
  level smallint not null,
  region_code text collate "C" not null,
  day date not null,
  type_code text collate "C" not null,
  requested bigint not null,
  requested_online bigint not null,
  issued bigint not null,
  ready bigint not null,
  ready_seconds bigint not null,
  rejected bigint not null,
  primary key (level, region_code, day, type_code)
);
create table monitoring_region_letter_ready (
  level smallint not null,
  region_code text collate "C" not null,
  day date not null,
  bucket smallint not null,
  letters bigint not null,
  primary key (level, region_code, day, bucket)
);

-- Deltas not yet added into the region rows: appended in the transaction of the change.
create table monitoring_pending_population (
  id bigint generated always as identity primary key,
  village_code text collate "C" not null,
  life_status smallint not null,
  sex smallint not null,
  birth_year smallint not null,
  residents integer not null
);
create index monitoring_pending_population_village on monitoring_pending_population (village_code);
create table monitoring_pending_events (
  id bigint generated always as identity primary key,
  village_code text collate "C" not null,
  month date not null,
  kind text not null,
  events integer not null
);
create index monitoring_pending_events_village on monitoring_pending_events (village_code);
create table monitoring_pending_letters (
  id bigint generated always as identity primary key,
  village_code text collate "C" not null,
  day date not null,
  type_code text collate "C" not null,
  requested integer not null,
  requested_online integer not null,
  issued integer not null,
  ready integer not null,
  ready_seconds bigint not null,
  rejected integer not null
);
create index monitoring_pending_letters_village on monitoring_pending_letters (village_code);
create table monitoring_pending_letter_ready (
  id bigint generated always as identity primary key,
  village_code text collate "C" not null,
  day date not null,
  bucket smallint not null,
  letters integer not null
);
create index monitoring_pending_letter_ready_village on monitoring_pending_letter_ready (village_code);

-- A district's dashboard reads its villages' letter rows of a period: by day first.
create index letter_daily_day on letter_daily (day, village_code);
create index monitoring_letter_ready_day on monitoring_letter_ready (day, village_code);

-- Officer and citizen actions per village and day (WIB), bumped by recordAudit
-- (src/platform/audit) in the transaction of the action. No foreign key on purpose: an audit
-- entry must never fail because of this row.
create table village_activity_daily (
  village_code text collate "C" not null,
  day date not null,
  officer_actions integer not null default 0,
  citizen_actions integer not null default 0,
  last_at timestamptz not null,
  primary key (village_code, day)
);
create index village_activity_daily_day on village_activity_daily (day, village_code);

-- The feed of officers ("this week in my villages") lists imports and activations from the
-- audit log: a small partial index keeps that from reading a week of every audit entry.
create index audit_log_feed on audit_log (at desc)
  where action in ('population.import', 'village.activate', 'index.import');

-- Bucket upper bounds in seconds: 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 1 day, 2, 3, 7, 14 days,
-- then everything longer. The same list is in src/modules/monitoring/rollups.ts.
create function monitoring_ready_bucket(seconds numeric) returns smallint language sql immutable parallel safe as $$
  select count(*)::smallint from unnest(array[900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 259200, 604800, 1209600]) as b
  where seconds >= b
$$;

create function monitoring_birth_year(d date) returns smallint language sql immutable parallel safe as $$
  select coalesce(extract(year from d)::smallint, 0::smallint)
$$;

-- One function per source table; TG_OP says which transition tables exist. Rows are
-- written in key order so two transactions never lock the same rows in opposite orders.
-- Each change goes to the village's rows and, as a delta, to the pending table for the regions.
-- Most updates (a name, a photo, a family) change none of the keys: the sum is 0, nothing is written.
create function monitoring_residents_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    with d as (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, count(*)::int as n from new_rows group by 1, 2, 3, 4),
    village as (
      insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
      select village_code, life_status, sex, birth_year, n from d order by 1, 2, 3, 4
      on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents
    )
    insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, birth_year, n from d;
  elsif tg_op = 'DELETE' then
    with d as (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, -count(*)::int as n from old_rows group by 1, 2, 3, 4),
    village as (
      insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
      select village_code, life_status, sex, birth_year, n from d order by 1, 2, 3, 4
      on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents
    )
    insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, birth_year, n from d;
  else
    with d as (
      select village_code, life_status, sex, birth_year, sum(n)::int as n from (
        select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, 1 as n from new_rows
        union all
        select village_code, life_status, sex, monitoring_birth_year(birth_date), -1 from old_rows
      ) x group by 1, 2, 3, 4 having sum(n) <> 0),
    village as (
      insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
      select village_code, life_status, sex, birth_year, n from d order by 1, 2, 3, 4
      on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents
    )
    insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, birth_year, n from d;
  end if;
  return null;
end $$;

create trigger monitoring_residents_insert after insert on residents
  referencing new table as new_rows for each statement execute function monitoring_residents_changed();
create trigger monitoring_residents_update after update on residents
  referencing old table as old_rows new table as new_rows for each statement execute function monitoring_residents_changed();
create trigger monitoring_residents_delete after delete on residents
  referencing old table as old_rows for each statement execute function monitoring_residents_changed();

create function monitoring_families_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, count(*) from new_rows group by 1, 2 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  elsif tg_op = 'DELETE' then
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, -count(*) from old_rows group by 1, 2 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  else
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, sum(d)
    from (select village_code, status, 1 as d from new_rows union all select village_code, status, -1 from old_rows) x
    group by 1, 2 having sum(d) <> 0 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  end if;
  return null;
end $$;

create trigger monitoring_families_insert after insert on families
  referencing new table as new_rows for each statement execute function monitoring_families_changed();
create trigger monitoring_families_update after update on families
  referencing old table as old_rows new table as new_rows for each statement execute function monitoring_families_changed();
create trigger monitoring_families_delete after delete on families
  referencing old table as old_rows for each statement execute function monitoring_families_changed();

create function monitoring_events_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    with d as (select village_code, date_trunc('month', event_date)::date as month, kind, count(*)::int as n from new_rows group by 1, 2, 3),
    village as (
      insert into monitoring_events as m (village_code, month, kind, events)
      select village_code, month, kind, n from d order by 1, 2, 3
      on conflict (village_code, month, kind) do update set events = m.events + excluded.events
    )
    insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
  elsif tg_op = 'DELETE' then
    with d as (select village_code, date_trunc('month', event_date)::date as month, kind, -count(*)::int as n from old_rows group by 1, 2, 3),
    village as (
      insert into monitoring_events as m (village_code, month, kind, events)
      select village_code, month, kind, n from d order by 1, 2, 3
      on conflict (village_code, month, kind) do update set events = m.events + excluded.events
    )
    insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
  else
    with d as (
      select village_code, month, kind, sum(n)::int as n from (
        select village_code, date_trunc('month', event_date)::date as month, kind, 1 as n from new_rows
        union all
        select village_code, date_trunc('month', event_date)::date, kind, -1 from old_rows
      ) x group by 1, 2, 3 having sum(n) <> 0),
    village as (
      insert into monitoring_events as m (village_code, month, kind, events)
      select village_code, month, kind, n from d order by 1, 2, 3
      on conflict (village_code, month, kind) do update set events = m.events + excluded.events
    )
    insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
  end if;
  return null;
end $$;

create trigger monitoring_events_insert after insert on population_events
  referencing new table as new_rows for each statement execute function monitoring_events_changed();
create trigger monitoring_events_update after update on population_events
  referencing old table as old_rows new table as new_rows for each statement execute function monitoring_events_changed();
create trigger monitoring_events_delete after delete on population_events
  referencing old table as old_rows for each statement execute function monitoring_events_changed();

-- A letter is made ready once (signed → ready); one row at a time, so a row trigger.
create function monitoring_letter_ready_changed() returns trigger language plpgsql as $$
declare
  d date := (new.ready_at at time zone 'Asia/Jakarta')::date;
  b smallint := monitoring_ready_bucket(extract(epoch from new.ready_at - new.requested_at));
begin
  insert into monitoring_letter_ready as m (village_code, day, bucket, letters) values (new.village_code, d, b, 1)
  on conflict (village_code, day, bucket) do update set letters = m.letters + 1;
  insert into monitoring_pending_letter_ready (village_code, day, bucket, letters) values (new.village_code, d, b, 1);
  return null;
end $$;

create trigger monitoring_letter_ready after update of ready_at on letters
  for each row when (old.ready_at is null and new.ready_at is not null)
  execute function monitoring_letter_ready_changed();

-- letter_daily is kept by the letters module (one upsert per step); its changes go to the
-- regions as deltas too. Also when `rebuild-rollups` deletes and re-inserts a village's rows.
create function monitoring_letter_daily_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into monitoring_pending_letters (village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
    values (new.village_code, new.day, new.type_code,
      new.requested - coalesce(case when tg_op = 'UPDATE' then old.requested end, 0),
      new.requested_online - coalesce(case when tg_op = 'UPDATE' then old.requested_online end, 0),
      new.issued - coalesce(case when tg_op = 'UPDATE' then old.issued end, 0),
      new.ready - coalesce(case when tg_op = 'UPDATE' then old.ready end, 0),
      new.ready_seconds - coalesce(case when tg_op = 'UPDATE' then old.ready_seconds end, 0),
      new.rejected - coalesce(case when tg_op = 'UPDATE' then old.rejected end, 0));
  end if;
  if tg_op = 'DELETE' then
    insert into monitoring_pending_letters (village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
    values (old.village_code, old.day, old.type_code, -old.requested, -old.requested_online, -old.issued, -old.ready, -old.ready_seconds, -old.rejected);
  end if;
  return null;
end $$;

create trigger monitoring_letter_daily after insert or update or delete on letter_daily
  for each row execute function monitoring_letter_daily_changed();

-- Adds the pending deltas into the region rows (country, province, regency, district) and
-- removes them, in one transaction; a second fold running at the same time does nothing.
-- Readers add region rows and pending deltas in one statement, so they see the same figures
-- before and after. Returns the number of deltas folded.
create function monitoring_fold() returns bigint language plpgsql as $$
declare
  n bigint := 0;
  cnt bigint;
begin
  if not pg_try_advisory_xact_lock(7262022) then return 0; end if;
  with moved as (delete from monitoring_pending_population returning village_code, life_status, sex, birth_year, residents),
  counted as (select count(*) as k from moved),
  up as (
    insert into monitoring_region_population as r (level, region_code, life_status, sex, birth_year, residents)
    select l.level, l.code, m.life_status, m.sex, m.birth_year, sum(m.residents)
    from moved m cross join lateral (values (0, ''), (1, left(m.village_code, 2)), (2, left(m.village_code, 5)), (3, left(m.village_code, 8))) l(level, code)
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict (level, region_code, life_status, sex, birth_year) do update set residents = r.residents + excluded.residents
  )
  select k into cnt from counted;
  n := n + cnt;
  with moved as (delete from monitoring_pending_events returning village_code, month, kind, events),
  counted as (select count(*) as k from moved),
  up as (
    insert into monitoring_region_events as r (level, region_code, month, kind, events)
    select l.level, l.code, m.month, m.kind, sum(m.events)
    from moved m cross join lateral (values (0, ''), (1, left(m.village_code, 2)), (2, left(m.village_code, 5)), (3, left(m.village_code, 8))) l(level, code)
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (level, region_code, month, kind) do update set events = r.events + excluded.events
  )
  select k into cnt from counted;
  n := n + cnt;
  with moved as (delete from monitoring_pending_letters returning village_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected),
  counted as (select count(*) as k from moved),
  up as (
    insert into monitoring_region_letters as r (level, region_code, day, type_code, requested, requested_online, issued, ready, ready_seconds, rejected)
    select l.level, l.code, m.day, m.type_code, sum(m.requested), sum(m.requested_online), sum(m.issued), sum(m.ready), sum(m.ready_seconds), sum(m.rejected)
    from moved m cross join lateral (values (0, ''), (1, left(m.village_code, 2)), (2, left(m.village_code, 5)), (3, left(m.village_code, 8))) l(level, code)
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (level, region_code, day, type_code) do update set requested = r.requested + excluded.requested,
      requested_online = r.requested_online + excluded.requested_online, issued = r.issued + excluded.issued, ready = r.ready + excluded.ready,
      ready_seconds = r.ready_seconds + excluded.ready_seconds, rejected = r.rejected + excluded.rejected
  )
  select k into cnt from counted;
  n := n + cnt;
  with moved as (delete from monitoring_pending_letter_ready returning village_code, day, bucket, letters),
  counted as (select count(*) as k from moved),
  up as (
    insert into monitoring_region_letter_ready as r (level, region_code, day, bucket, letters)
    select l.level, l.code, m.day, m.bucket, sum(m.letters)
    from moved m cross join lateral (values (0, ''), (1, left(m.village_code, 2)), (2, left(m.village_code, 5)), (3, left(m.village_code, 8))) l(level, code)
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (level, region_code, day, bucket) do update set letters = r.letters + excluded.letters
  )
  select k into cnt from counted;
  return n + cnt;
end $$;
