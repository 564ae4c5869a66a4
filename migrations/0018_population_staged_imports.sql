-- Imports staged out of sight (issue 11, item 5). A big import writes its rows in short
-- transactions, each marked with its job (`import_job`), while the job is listed in
-- `staged_imports`; every read goes through a view that hides the rows of a listed job, so
-- nobody sees a half-done import and nobody waits for it (PGlite has one connection: one
-- long transaction would stall every village). Publishing is one short transaction: the job
-- leaves `staged_imports` and its rows count in the rollups. A failed or abandoned import's
-- rows are deleted before anyone saw them.
--
-- The tables become `<name>_rows`; `<name>` is the view every query uses (simple views are
-- updatable, so inserts, updates, deletes, RETURNING and FOR UPDATE work through them).
-- A later migration that adds a column to one of these tables recreates its view.

-- Few rows (only imports under way), read by every query of the views: a reference table on Citus.
create table staged_imports (
  village_code text collate "C" not null,
  job_id text collate "C" not null,
  staged_at timestamptz not null default now(),
  primary key (job_id)
);

alter table village_areas rename to village_areas_rows;
alter table families rename to families_rows;
alter table residents rename to residents_rows;
alter table population_events rename to population_events_rows;

alter table village_areas_rows add column import_job text collate "C";
alter table families_rows add column import_job text collate "C";
alter table residents_rows add column import_job text collate "C";
alter table population_events_rows add column import_job text collate "C";

-- What an abandoned import leaves is found (and deleted) by its job; so are the counts of a published one.
create index village_areas_import on village_areas_rows (village_code, import_job) where import_job is not null;
create index families_import on families_rows (village_code, import_job) where import_job is not null;
create index residents_import on residents_rows (village_code, import_job) where import_job is not null;
create index population_events_import on population_events_rows (village_code, import_job) where import_job is not null;
-- Deleting residents (a discarded import) checks the rows that refer to them: by index, not by scanning.
create index active_niks_resident on active_niks (village_code, resident_id);
create index correction_requests_resident on correction_requests (village_code, resident_id);
create index correction_requests_about on correction_requests (village_code, about_resident_id);

create view village_areas as select * from village_areas_rows where import_job is null or import_job not in (select job_id from staged_imports);
create view families as select * from families_rows where import_job is null or import_job not in (select job_id from staged_imports);
create view residents as select * from residents_rows where import_job is null or import_job not in (select job_id from staged_imports);
create view population_events as select * from population_events_rows where import_job is null or import_job not in (select job_id from staged_imports);

-- The rollup triggers skip the rows of a staged import: they count when it is published.
create or replace function monitoring_residents_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    with d as (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, count(*)::int as n from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows group by 1, 2, 3, 4),
    village as (
      insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
      select village_code, life_status, sex, birth_year, n from d order by 1, 2, 3, 4
      on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents
    )
    insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, birth_year, n from d;
  elsif tg_op = 'DELETE' then
    with d as (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, -count(*)::int as n from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows group by 1, 2, 3, 4),
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
        select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, 1 as n from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows
        union all
        select village_code, life_status, sex, monitoring_birth_year(birth_date), -1 from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows
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

create or replace function monitoring_families_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, count(*) from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows group by 1, 2 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  elsif tg_op = 'DELETE' then
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, -count(*) from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows group by 1, 2 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  else
    insert into monitoring_families as m (village_code, status, families)
    select village_code, status, sum(d)
    from (select village_code, status, 1 as d from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows union all select village_code, status, -1 from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows) x
    group by 1, 2 having sum(d) <> 0 order by 1, 2
    on conflict (village_code, status) do update set families = m.families + excluded.families;
  end if;
  return null;
end $$;

create or replace function monitoring_events_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    with d as (select village_code, date_trunc('month', event_date)::date as month, kind, count(*)::int as n from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows group by 1, 2, 3),
    village as (
      insert into monitoring_events as m (village_code, month, kind, events)
      select village_code, month, kind, n from d order by 1, 2, 3
      on conflict (village_code, month, kind) do update set events = m.events + excluded.events
    )
    insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
  elsif tg_op = 'DELETE' then
    with d as (select village_code, date_trunc('month', event_date)::date as month, kind, -count(*)::int as n from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows group by 1, 2, 3),
    village as (
      insert into monitoring_events as m (village_code, month, kind, events)
      select village_code, month, kind, n from d order by 1, 2, 3
      on conflict (village_code, month, kind) do update set events = m.events + excluded.events
    )
    insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
  else
    with d as (
      select village_code, month, kind, sum(n)::int as n from (
        select village_code, date_trunc('month', event_date)::date as month, kind, 1 as n from (select * from new_rows where import_job is null or import_job not in (select job_id from staged_imports)) new_rows
        union all
        select village_code, date_trunc('month', event_date)::date, kind, -1 from (select * from old_rows where import_job is null or import_job not in (select job_id from staged_imports)) old_rows
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

-- Publishing a staged import: its rows become visible and count in the rollups, in the
-- caller's transaction (with the import's corrections and its audit entry).
create function population_publish_import(v text, job text) returns void language plpgsql as $$
begin
  delete from staged_imports where job_id = job and village_code = v;
  if not found then
    raise exception 'import % of village % is not staged', job, v;
  end if;
  with d as (
    select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, count(*)::int as n
    from residents_rows where village_code = v and import_job = job group by 1, 2, 3, 4),
  village as (
    insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
    select village_code, life_status, sex, birth_year, n from d order by 1, 2, 3, 4
    on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents
  )
  insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
  select village_code, life_status, sex, birth_year, n from d;

  insert into monitoring_families as m (village_code, status, families)
  select village_code, status, count(*) from families_rows where village_code = v and import_job = job group by 1, 2 order by 1, 2
  on conflict (village_code, status) do update set families = m.families + excluded.families;

  with d as (
    select village_code, date_trunc('month', event_date)::date as month, kind, count(*)::int as n
    from population_events_rows where village_code = v and import_job = job group by 1, 2, 3),
  village as (
    insert into monitoring_events as m (village_code, month, kind, events)
    select village_code, month, kind, n from d order by 1, 2, 3
    on conflict (village_code, month, kind) do update set events = m.events + excluded.events
  )
  insert into monitoring_pending_events (village_code, month, kind, events) select village_code, month, kind, n from d;
end $$;
