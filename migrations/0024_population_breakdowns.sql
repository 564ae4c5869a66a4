-- The village statistics page from summary rows (issue 12, item 1): residents counted in the
-- population (alive, or away for a while) per village, area, breakdown field, code and sex,
-- kept by triggers in the transaction of every change, like the dashboards' rollups. The
-- page adds a few hundred rows instead of grouping 100,000 residents (437/321 ms before).
-- `field` is a column of the statistics page (religion … ektp_recording) or `birth_year`,
-- from which age groups and the area tables are made. Codes: -1 = not filled; birth_year 0 =
-- unknown. area_id 0 = no area.
create table population_breakdowns (
  village_code text collate "C" not null references villages (village_code),
  area_id bigint not null,
  field text collate "C" not null,
  code smallint not null,
  sex smallint not null,
  residents integer not null,
  primary key (village_code, area_id, field, code, sex)
);
select balai_distribute_village('population_breakdowns');

-- The (field, code) pairs of a resident row `r`, as SQL text: the one place that lists them.
-- (Text, not a function of the row: on Citus a trigger's rows have the shard's row type.)
create function population_breakdown_pairs_sql() returns text language sql immutable as $$
  select $q$(values ('religion', r.religion), ('education_kk', r.education_kk), ('education_current', r.education_current),
    ('occupation', r.occupation), ('marital_status', r.marital_status), ('family_relation', r.family_relation),
    ('citizenship', r.citizenship), ('blood_type', r.blood_type), ('disability', r.disability),
    ('chronic_illness', r.chronic_illness), ('insurance_type', r.insurance_type), ('ektp', r.ektp),
    ('ektp_recording', r.ektp_recording), ('birth_year', monitoring_birth_year(r.birth_date))) as p(field, code)$q$
$$;

-- The sums of `source` (resident rows with a sign `k`), as one statement's text.
create function population_breakdown_sums_sql(source text) returns text language sql immutable as $$
  select format($q$select array_agg(village_code), array_agg(area_id), array_agg(field), array_agg(code), array_agg(sex), array_agg(d)
    from (select r.village_code, coalesce(r.area_id, 0)::bigint as area_id, p.field, coalesce(p.code, -1)::smallint as code, r.sex, sum(r.k)::int as d
          from (%s) r cross join lateral %s
          where r.life_status in (1, 6)
          group by 1, 2, 3, 4, 5 having sum(r.k) <> 0) x$q$, source, population_breakdown_pairs_sql())
$$;

create function population_add_breakdowns(v text[], a bigint[], f text[], c smallint[], s smallint[], n int[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into population_breakdowns as b (village_code, area_id, field, code, sex, residents)
  select * from unnest(v, a, f, c, s, n) order by 1, 2, 3, 4, 5
  on conflict (village_code, area_id, field, code, sex) do update set residents = b.residents + excluded.residents;
end $$;

-- Same shape as the rollup triggers (migration 0022): sums of the transition rows into arrays
-- first, then one upsert; a staged import's rows count when it is published. Most updates
-- (a name, an address) change no pair: the sums are 0 and nothing is written.
create function population_breakdowns_changed() returns trigger language plpgsql as $$
declare
  staged text := quote_literal(array(select job_id from staged_imports)::text);
  shown text := format('(import_job is null or import_job <> all (%s::text[]))', staged);
  source text;
  v text[]; a bigint[]; f text[]; c smallint[]; s smallint[]; n int[];
begin
  source := case tg_op
    when 'INSERT' then format('select *, 1 as k from new_rows where %s', shown)
    when 'DELETE' then format('select *, -1 as k from old_rows where %s', shown)
    else format('select *, 1 as k from new_rows where %s union all select *, -1 from old_rows where %s', shown, shown)
  end;
  execute population_breakdown_sums_sql(source) into v, a, f, c, s, n;
  perform population_add_breakdowns(v, a, f, c, s, n);
  return null;
end $$;

-- Counts the village's rows that `condition` picks (publishing an import, the backfill below).
create function population_count_breakdowns(v text, condition text) returns void language plpgsql as $$
declare
  a_v text[]; a bigint[]; f text[]; c smallint[]; s smallint[]; n int[];
begin
  execute population_breakdown_sums_sql(format('select *, 1 as k from residents_rows where village_code = %L and %s', v, condition))
    into a_v, a, f, c, s, n;
  perform population_add_breakdowns(a_v, a, f, c, s, n);
end $$;

-- On Citus the triggers run on the shards (docs/citus.md). Each is created by its own
-- statement: Citus passes a trigger's statement text on to the shards, and the text of a
-- whole migration file is several statements.
do $$
begin
  if balai_has_citus() then perform set_config('citus.enable_unsafe_triggers', 'on', true); end if;
  execute 'create trigger population_breakdowns_insert after insert on residents_rows
    referencing new table as new_rows for each statement execute function population_breakdowns_changed()';
  execute 'create trigger population_breakdowns_update after update on residents_rows
    referencing old table as old_rows new table as new_rows for each statement execute function population_breakdowns_changed()';
  execute 'create trigger population_breakdowns_delete after delete on residents_rows
    referencing old table as old_rows for each statement execute function population_breakdowns_changed()';
end $$;

-- Publishing a staged import adds its residents here too.
create function population_publish_breakdowns(v text, job text) returns void language sql as $$
  select population_count_breakdowns(v, format('import_job = %L', job))
$$;

-- The residents already registered, village by village.
select population_count_breakdowns(village_code, '(import_job is null or import_job not in (select job_id from staged_imports))')
from villages;
