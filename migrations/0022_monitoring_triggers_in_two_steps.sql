-- The rollup triggers in two steps: first the changed rows are summed into arrays (a query on
-- the transition tables alone), then the arrays are added into the rollup rows. Same result
-- on every engine; on Citus the triggers run on the shards, and Citus cannot plan a write to a
-- distributed table that reads a transition table in the same statement ("unrecognized RTE
-- kind"), so the two must not meet in one statement. Jobs being staged are read first too.

-- Adds deltas (parallel arrays, one entry per key) to a village's rows and to the pending
-- deltas for the regions. Keys in order, so two writers never lock rows in opposite orders.
create function monitoring_add_population(v text[], ls smallint[], sx smallint[], yr smallint[], n int[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into monitoring_population as m (village_code, life_status, sex, birth_year, residents)
  select * from unnest(v, ls, sx, yr, n) order by 1, 2, 3, 4
  on conflict (village_code, life_status, sex, birth_year) do update set residents = m.residents + excluded.residents;
  insert into monitoring_pending_population (village_code, life_status, sex, birth_year, residents)
  select * from unnest(v, ls, sx, yr, n);
end $$;

create function monitoring_add_families(v text[], st text[], n int[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into monitoring_families as m (village_code, status, families)
  select * from unnest(v, st, n) order by 1, 2
  on conflict (village_code, status) do update set families = m.families + excluded.families;
end $$;

create function monitoring_add_events(v text[], mo date[], k text[], n int[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into monitoring_events as m (village_code, month, kind, events)
  select * from unnest(v, mo, k, n) order by 1, 2, 3
  on conflict (village_code, month, kind) do update set events = m.events + excluded.events;
  insert into monitoring_pending_events (village_code, month, kind, events)
  select * from unnest(v, mo, k, n);
end $$;

create or replace function monitoring_residents_changed() returns trigger language plpgsql as $$
declare
  staged text[] := array(select job_id from staged_imports);
  v text[]; ls smallint[]; sx smallint[]; yr smallint[]; n int[];
begin
  if tg_op = 'INSERT' then
    select array_agg(village_code), array_agg(life_status), array_agg(sex), array_agg(birth_year), array_agg(d)
      into v, ls, sx, yr, n
    from (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, count(*)::int as d
          from new_rows where import_job is null or import_job <> all (staged) group by 1, 2, 3, 4) x;
  elsif tg_op = 'DELETE' then
    select array_agg(village_code), array_agg(life_status), array_agg(sex), array_agg(birth_year), array_agg(d)
      into v, ls, sx, yr, n
    from (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, -count(*)::int as d
          from old_rows where import_job is null or import_job <> all (staged) group by 1, 2, 3, 4) x;
  else
    -- Most updates (a name, a photo, a family) change none of the keys: the sum is 0, nothing is written.
    select array_agg(village_code), array_agg(life_status), array_agg(sex), array_agg(birth_year), array_agg(d)
      into v, ls, sx, yr, n
    from (select village_code, life_status, sex, birth_year, sum(s)::int as d from (
            select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, 1 as s from new_rows where import_job is null or import_job <> all (staged)
            union all
            select village_code, life_status, sex, monitoring_birth_year(birth_date), -1 from old_rows where import_job is null or import_job <> all (staged)
          ) y group by 1, 2, 3, 4 having sum(s) <> 0) x;
  end if;
  perform monitoring_add_population(v, ls, sx, yr, n);
  return null;
end $$;

create or replace function monitoring_families_changed() returns trigger language plpgsql as $$
declare
  staged text[] := array(select job_id from staged_imports);
  v text[]; st text[]; n int[];
begin
  if tg_op = 'INSERT' then
    select array_agg(village_code), array_agg(status), array_agg(d) into v, st, n
    from (select village_code, status, count(*)::int as d from new_rows where import_job is null or import_job <> all (staged) group by 1, 2) x;
  elsif tg_op = 'DELETE' then
    select array_agg(village_code), array_agg(status), array_agg(d) into v, st, n
    from (select village_code, status, -count(*)::int as d from old_rows where import_job is null or import_job <> all (staged) group by 1, 2) x;
  else
    select array_agg(village_code), array_agg(status), array_agg(d) into v, st, n
    from (select village_code, status, sum(s)::int as d from (
            select village_code, status, 1 as s from new_rows where import_job is null or import_job <> all (staged)
            union all
            select village_code, status, -1 from old_rows where import_job is null or import_job <> all (staged)
          ) y group by 1, 2 having sum(s) <> 0) x;
  end if;
  perform monitoring_add_families(v, st, n);
  return null;
end $$;

create or replace function monitoring_events_changed() returns trigger language plpgsql as $$
declare
  staged text[] := array(select job_id from staged_imports);
  v text[]; mo date[]; k text[]; n int[];
begin
  if tg_op = 'INSERT' then
    select array_agg(village_code), array_agg(month), array_agg(kind), array_agg(d) into v, mo, k, n
    from (select village_code, date_trunc('month', event_date)::date as month, kind, count(*)::int as d
          from new_rows where import_job is null or import_job <> all (staged) group by 1, 2, 3) x;
  elsif tg_op = 'DELETE' then
    select array_agg(village_code), array_agg(month), array_agg(kind), array_agg(d) into v, mo, k, n
    from (select village_code, date_trunc('month', event_date)::date as month, kind, -count(*)::int as d
          from old_rows where import_job is null or import_job <> all (staged) group by 1, 2, 3) x;
  else
    select array_agg(village_code), array_agg(month), array_agg(kind), array_agg(d) into v, mo, k, n
    from (select village_code, month, kind, sum(s)::int as d from (
            select village_code, date_trunc('month', event_date)::date as month, kind, 1 as s from new_rows where import_job is null or import_job <> all (staged)
            union all
            select village_code, date_trunc('month', event_date)::date, kind, -1 from old_rows where import_job is null or import_job <> all (staged)
          ) y group by 1, 2, 3 having sum(s) <> 0) x;
  end if;
  perform monitoring_add_events(v, mo, k, n);
  return null;
end $$;

-- Publishing a staged import adds its counts the same way.
create or replace function population_publish_import(v text, job text) returns void language plpgsql as $$
declare
  a_v text[]; ls smallint[]; sx smallint[]; yr smallint[]; n int[]; st text[]; mo date[]; k text[];
begin
  delete from staged_imports where job_id = job and village_code = v;
  if not found then
    raise exception 'import % of village % is not staged', job, v;
  end if;
  select array_agg(village_code), array_agg(life_status), array_agg(sex), array_agg(birth_year), array_agg(d)
    into a_v, ls, sx, yr, n
  from (select village_code, life_status, sex, monitoring_birth_year(birth_date) as birth_year, count(*)::int as d
        from residents_rows where village_code = v and import_job = job group by 1, 2, 3, 4) x;
  perform monitoring_add_population(a_v, ls, sx, yr, n);
  select array_agg(village_code), array_agg(status), array_agg(d) into a_v, st, n
  from (select village_code, status, count(*)::int as d from families_rows where village_code = v and import_job = job group by 1, 2) x;
  perform monitoring_add_families(a_v, st, n);
  select array_agg(village_code), array_agg(month), array_agg(kind), array_agg(d) into a_v, mo, k, n
  from (select village_code, date_trunc('month', event_date)::date as month, kind, count(*)::int as d
        from population_events_rows where village_code = v and import_job = job group by 1, 2, 3) x;
  perform monitoring_add_events(a_v, mo, k, n);
end $$;
