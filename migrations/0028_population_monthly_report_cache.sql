-- The monthly report of a month that has ended, kept once worked out (issue 12, item 1). A
-- month's report is worked out from the residents touched since its first day, so the months
-- before (and of) a big import touch the whole village: 0.8–3.9 s at 100,000 residents, for
-- a report that does not change until the register does.
--
-- Every change to the register moves the village's population version, in the same
-- transaction (triggers on residents and events; publishing an import moves it in code). A
-- kept report counts only while the version it was worked out at is still the village's:
-- one worked out while a change was being made carries the version before it, so it is never
-- taken for a report of the changed register.
create table population_versions (
  village_code text collate "C" not null references villages (village_code),
  version bigint not null,
  primary key (village_code)
);
select balai_distribute_village('population_versions');

create table population_monthly_reports (
  village_code text collate "C" not null references villages (village_code),
  month date not null,
  version bigint not null,
  report jsonb not null,
  worked_out_at timestamptz not null default now(),
  primary key (village_code, month)
);
select balai_distribute_village('population_monthly_reports');

create function population_move_version(v text[]) returns void language plpgsql as $$
declare
  one text;
begin
  -- In code order, so two writers never lock the rows in opposite orders.
  foreach one in array coalesce((select array_agg(x order by x) from unnest(v) x), '{}') loop
    insert into population_versions as p (village_code, version) values (one, 1)
    on conflict (village_code) do update set version = p.version + 1;
  end loop;
end $$;

-- The villages of the changed rows first (the transition tables alone), then the versions
-- (migration 0022: Citus does not plan a write that reads a transition table).
create function population_register_changed() returns trigger language plpgsql as $$
declare
  v text[];
begin
  execute format('select array_agg(distinct village_code) from %s',
    case tg_op when 'INSERT' then 'new_rows' when 'DELETE' then 'old_rows'
      else '(select village_code from new_rows union all select village_code from old_rows) x' end) into v;
  perform population_move_version(v);
  return null;
end $$;

-- Statement triggers after insert, update and delete on `tbl`, with their transition tables
-- (new_rows, old_rows), calling `fn`: named `prefix`_insert, _update, _delete. On Citus they run
-- on the shards (docs/citus.md), and each is created by its own statement.
create function balai_statement_triggers(prefix text, tbl text, fn text) returns void language plpgsql as $$
begin
  if balai_has_citus() then perform set_config('citus.enable_unsafe_triggers', 'on', true); end if;
  execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function %I()', prefix || '_insert', tbl, fn);
  execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function %I()', prefix || '_update', tbl, fn);
  execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function %I()', prefix || '_delete', tbl, fn);
end $$;

select balai_statement_triggers('population_version_residents', 'residents_rows', 'population_register_changed');
select balai_statement_triggers('population_version_events', 'population_events_rows', 'population_register_changed');
