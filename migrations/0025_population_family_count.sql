-- The statistics page's family count from summary rows too (issue 12, item 1): "active family
-- cards with at least one member counted in the population" was a join over every resident
-- (61 ms at 100,000 residents on PostgreSQL). Now the writes keep, in the same transaction,
-- how many counted members each family has, and per village how many active families have
-- at least one. A resident's change moves the first; a family crossing zero members, or an
-- active family gaining or losing that status, moves the second.
create table population_family_members (
  village_code text collate "C" not null references villages (village_code),
  family_id bigint not null,
  members integer not null,
  primary key (village_code, family_id)
);
select balai_distribute_village('population_family_members');

create table population_family_count (
  village_code text collate "C" not null references villages (village_code),
  families integer not null,
  primary key (village_code)
);
select balai_distribute_village('population_family_count');

create function population_add_family_count(v text, n int) returns void language plpgsql as $$
begin
  if n = 0 then return; end if;
  insert into population_family_count as c (village_code, families) values (v, n)
  on conflict (village_code) do update set families = c.families + excluded.families;
end $$;

-- Adds member deltas (parallel arrays) and moves the village count for the families whose
-- members cross zero, counting only active families. One village per call.
create function population_add_family_members(v text, fam bigint[], d int[]) returns void language plpgsql as $$
declare
  ids bigint[];
  now_members int[];
  up bigint[];
  down bigint[];
begin
  if coalesce(cardinality(fam), 0) = 0 then return; end if;
  insert into population_family_members as m (village_code, family_id, members)
  select v, f, n from unnest(fam, d) as u(f, n) order by 2
  on conflict (village_code, family_id) do update set members = m.members + excluded.members;
  select array_agg(family_id), array_agg(members) into ids, now_members
  from population_family_members where village_code = v and family_id = any (fam);
  -- Before = now - delta: who went from none to some, and from some to none.
  select array_agg(u.f) filter (where m.n - u.n = 0 and m.n > 0), array_agg(u.f) filter (where m.n - u.n > 0 and m.n <= 0)
    into up, down
  from unnest(fam, d) as u(f, n) join unnest(ids, now_members) as m(f, n) on m.f = u.f;
  perform population_add_family_count(v,
    (select count(*)::int from families_rows where village_code = v and id = any (coalesce(up, '{}')) and status = 'active')
    - (select count(*)::int from families_rows where village_code = v and id = any (coalesce(down, '{}')) and status = 'active'));
end $$;

-- The member deltas of `source` (resident rows with a sign `k`), village by village.
create function population_family_deltas_sql(source text) returns text language sql immutable as $$
  select format($q$select village_code, array_agg(family_id) as families, array_agg(d) as deltas
    from (select village_code, family_id, sum(k)::int as d from (%s) r
          where life_status in (1, 6) and family_id is not null
          group by 1, 2 having sum(k) <> 0) x
    group by 1$q$, source)
$$;

-- The residents trigger of migration 0024, now also moving family members.
create or replace function population_breakdowns_changed() returns trigger language plpgsql as $$
declare
  staged text := quote_literal(array(select job_id from staged_imports)::text);
  shown text := format('(import_job is null or import_job <> all (%s::text[]))', staged);
  source text;
  v text[]; a bigint[]; f text[]; c smallint[]; s smallint[]; n int[];
  fam record;
begin
  source := case tg_op
    when 'INSERT' then format('select *, 1 as k from new_rows where %s', shown)
    when 'DELETE' then format('select *, -1 as k from old_rows where %s', shown)
    else format('select *, 1 as k from new_rows where %s union all select *, -1 from old_rows where %s', shown, shown)
  end;
  execute population_breakdown_sums_sql(source) into v, a, f, c, s, n;
  perform population_add_breakdowns(v, a, f, c, s, n);
  for fam in execute population_family_deltas_sql(source) loop
    perform population_add_family_members(fam.village_code, fam.families, fam.deltas);
  end loop;
  return null;
end $$;

-- A family becoming active or not (or arriving, or leaving) while it has counted members.
-- The changed families first (the transition tables alone), then their members.
create function population_family_status_changed() returns trigger language plpgsql as $$
declare
  staged text := quote_literal(array(select job_id from staged_imports)::text);
  shown text := format('status = %L and (import_job is null or import_job <> all (%s::text[]))', 'active', staged);
  source text;
  r record;
  with_members bigint[];
begin
  source := case tg_op
    when 'INSERT' then format('select village_code, id, 1 as k from new_rows where %s', shown)
    when 'DELETE' then format('select village_code, id, -1 as k from old_rows where %s', shown)
    else format('select village_code, id, 1 as k from new_rows where %s union all select village_code, id, -1 from old_rows where %s', shown, shown)
  end;
  for r in execute format('select village_code, array_agg(id) as ids, array_agg(d) as signs
      from (select village_code, id, sum(k)::int as d from (%s) x group by 1, 2 having sum(k) <> 0) y group by 1', source)
  loop
    with_members := array(select family_id from population_family_members
      where village_code = r.village_code and family_id = any (r.ids) and members > 0);
    perform population_add_family_count(r.village_code,
      (select coalesce(sum(u.d), 0)::int from unnest(r.ids, r.signs) as u(id, d) where u.id = any (with_members)));
  end loop;
  return null;
end $$;

do $$
begin
  if balai_has_citus() then perform set_config('citus.enable_unsafe_triggers', 'on', true); end if;
  execute 'create trigger population_family_status_insert after insert on families_rows
    referencing new table as new_rows for each statement execute function population_family_status_changed()';
  execute 'create trigger population_family_status_update after update on families_rows
    referencing old table as old_rows new table as new_rows for each statement execute function population_family_status_changed()';
  execute 'create trigger population_family_status_delete after delete on families_rows
    referencing old table as old_rows for each statement execute function population_family_status_changed()';
end $$;

-- Counts a village from its rows (the backfill below, a rebuild, a published import's rows
-- with `condition`). Families are counted by the members of `condition`'s residents.
create function population_count_family_members(v text, condition text) returns void language plpgsql as $$
declare
  fam record;
begin
  for fam in execute population_family_deltas_sql(format('select *, 1 as k from residents_rows where village_code = %L and %s', v, condition)) loop
    perform population_add_family_members(fam.village_code, fam.families, fam.deltas);
  end loop;
end $$;

select population_count_family_members(village_code, '(import_job is null or import_job not in (select job_id from staged_imports))')
from villages;
