-- The change feed (issue 19, item 2): another system (the province, a regency's dashboard)
-- follows what changed in its villages — population events, letters issued or revoked, budget
-- postings — from a cursor, instead of polling pages. Design: docs/change-feed.md.
--
-- One row per change, written by triggers on the source tables in the transaction of the
-- change (so no module writes it, and a change arriving by sync is fed when the server applies
-- it). `at` is that transaction's start (`now()`): a reader serves only entries older than the
-- oldest transaction still open, so an entry can never appear behind a cursor already given out.
-- The row names its source (`kind`, `source_id`); what a reader may see of it is read from the
-- source when the page is served.
create table change_feed (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  at timestamptz not null default now(),
  kind text collate "C" not null check (kind like 'population.%' or kind in ('letter.issued', 'letter.revoked', 'budget.realisation', 'budget.treasury')),
  source_id bigint not null,
  primary key (village_code, id)
);
-- A village's feed (a village officer, a district's few villages) and a wide region's (a
-- regency, the province) are read in time order through one index each.
create index change_feed_village_at on change_feed (village_code, at, id);
create index change_feed_at on change_feed (at, village_code, id);
select balai_distribute_village('change_feed');

-- Adds entries (parallel arrays). Like the rollups (migration 0022): the rows are gathered
-- from the transition tables into arrays first, then inserted by a statement of their own.
create function change_feed_add(v text[], k text[], s bigint[]) returns void language plpgsql as $$
begin
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into change_feed (village_code, kind, source_id) select * from unnest(v, k, s);
end $$;

-- Population events as they are written; a staged import's when it is published (below).
create function change_feed_population_events() returns trigger language plpgsql as $$
declare
  staged text[] := array(select job_id from staged_imports);
  v text[]; k text[]; s bigint[];
begin
  select array_agg(village_code order by id), array_agg('population.' || kind order by id), array_agg(id order by id) into v, k, s
  from new_rows where import_job is null or import_job <> all (staged);
  perform change_feed_add(v, k, s);
  return null;
end $$;

-- A staged import's events enter the feed in the transaction that publishes them
-- (population/transfer: publishStaged), stamped with that transaction's time.
create function change_feed_publish_import(village text, job text) returns void language plpgsql as $$
declare
  v text[]; k text[]; s bigint[];
begin
  select array_agg(village_code order by id), array_agg('population.' || kind order by id), array_agg(id order by id) into v, k, s
  from population_events_rows where village_code = village and import_job = job;
  perform change_feed_add(v, k, s);
end $$;

-- A letter is issued when it is signed (it gets its number), revoked when revoked; a letter
-- arriving already signed (a village copy's, by sync) is fed as it is inserted.
create function change_feed_letters() returns trigger language plpgsql as $$
declare
  -- Each row with its signing and revocation before (none for an insert) and after.
  source text := case tg_op
    when 'INSERT' then 'select n.village_code, n.id, null::timestamptz as signed_was, null::timestamptz as revoked_was, n.signed_at, n.revoked_at from new_rows n'
    else 'select n.village_code, n.id, o.signed_at, o.revoked_at, n.signed_at, n.revoked_at
          from new_rows n join old_rows o on o.village_code = n.village_code and o.id = n.id'
  end;
  v text[]; k text[]; s bigint[];
begin
  execute format($q$select array_agg(village_code order by id, n), array_agg(kind order by id, n), array_agg(id order by id, n)
    from (select village_code, id, 1 as n, 'letter.issued' as kind from (%1$s) r(village_code, id, signed_was, revoked_was, signed_at, revoked_at)
            where signed_was is null and signed_at is not null
          union all
          select village_code, id, 2, 'letter.revoked' from (%1$s) r(village_code, id, signed_was, revoked_was, signed_at, revoked_at)
            where revoked_was is null and revoked_at is not null) x$q$, source) into v, k, s;
  perform change_feed_add(v, k, s);
  return null;
end $$;

-- Budget postings: realisation entries and the cash book's own movements (corrections are new
-- entries, so they are fed too).
create function change_feed_budget_entries() returns trigger language plpgsql as $$
declare
  v text[]; k text[]; s bigint[];
begin
  select array_agg(village_code order by id), array_agg(tg_argv[0] order by id), array_agg(id order by id) into v, k, s from new_rows;
  perform change_feed_add(v, k, s);
  return null;
end $$;

-- On Citus the triggers run on the shards and write only the same village's rows, on the
-- co-located shard (docs/citus.md); each is created by its own statement.
do $$
begin
  if balai_has_citus() then perform set_config('citus.enable_unsafe_triggers', 'on', true); end if;
  execute 'create trigger change_feed_insert after insert on population_events_rows
    referencing new table as new_rows for each statement execute function change_feed_population_events()';
  execute 'create trigger change_feed_insert after insert on letters
    referencing new table as new_rows for each statement execute function change_feed_letters()';
  execute 'create trigger change_feed_update after update on letters
    referencing old table as old_rows new table as new_rows for each statement execute function change_feed_letters()';
  execute 'create trigger change_feed_insert after insert on budget_entries
    referencing new table as new_rows for each statement execute function change_feed_budget_entries(''budget.realisation'')';
  execute 'create trigger change_feed_insert after insert on treasury_entries
    referencing new table as new_rows for each statement execute function change_feed_budget_entries(''budget.treasury'')';
end $$;

-- What is already recorded, village by village, at the time it was recorded: a follower
-- starting from the beginning reads the whole history in order.
create function change_feed_backfill(village text) returns void language plpgsql as $$
declare
  v text[]; a timestamptz[]; k text[]; s bigint[];
begin
  select array_agg(village_code order by at, n, id), array_agg(at order by at, n, id), array_agg(kind order by at, n, id), array_agg(id order by at, n, id)
    into v, a, k, s
  from (select village_code, recorded_at as at, 1 as n, 'population.' || kind as kind, id from population_events_rows
          where village_code = village and (import_job is null or import_job not in (select job_id from staged_imports))
        union all
        select village_code, signed_at, 2, 'letter.issued', id from letters where village_code = village and signed_at is not null
        union all
        select village_code, revoked_at, 3, 'letter.revoked', id from letters where village_code = village and revoked_at is not null
        union all
        select village_code, posted_at, 4, 'budget.realisation', id from budget_entries where village_code = village
        union all
        select village_code, posted_at, 5, 'budget.treasury', id from treasury_entries where village_code = village) x;
  if coalesce(cardinality(v), 0) = 0 then return; end if;
  insert into change_feed (village_code, at, kind, source_id) select * from unnest(v, a, k, s);
end $$;

select change_feed_backfill(village_code) from villages;
