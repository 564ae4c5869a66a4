-- Tables spread over a Citus cluster (issue 12, item 4). Does nothing on PGlite and on a
-- PostgreSQL server without the citus extension: the same migrations serve all three engines.
--
-- Every village table is distributed by village_code and co-located with the others, so all
-- of one village's rows (and its rollup rows) live on one shard: a village's page, letter or
-- population event is one single-shard transaction. Small tables every node reads are
-- reference tables (a copy on each node). Cross-village tables are distributed by their own
-- key. Tables only the coordinator uses (the audit log, attempt counters, the outbox, server
-- secrets) stay ordinary local tables on it, and so does the job queue (see below).
--
-- The rollup triggers stay (one design on all three engines): with citus.enable_unsafe_triggers
-- they run on the shard, and every row they write (monitoring_* and monitoring_pending_*) is
-- keyed by the same village, so it lands on the co-located shard on the same node, inside the
-- same transaction.
--
-- A table added by a later migration calls balai_distribute_village, balai_distribute_by or
-- balai_reference_table right after creating it; they do nothing without Citus.

create function balai_has_citus() returns boolean language sql stable as $$
  select exists (select 1 from pg_extension where extname = 'citus')
$$;

create function balai_reference_table(t regclass) returns void language plpgsql as $$
begin
  if balai_has_citus() then
    execute format('select create_reference_table(%L)', t::text);
  end if;
end $$;

-- The first village table starts the co-location group; every later one joins it.
create function balai_distribute_village(t regclass) returns void language plpgsql as $$
begin
  if balai_has_citus() then
    perform set_config('citus.enable_unsafe_triggers', 'on', true);
    if t::text = 'village_areas_rows' then
      execute format('select create_distributed_table(%L, %L)', t::text, 'village_code');
    else
      execute format('select create_distributed_table(%L, %L, colocate_with => %L)', t::text, 'village_code', 'village_areas_rows');
    end if;
  end if;
end $$;

-- A table kept on the coordinator but known to Citus (so it may refer to reference tables).
create function balai_coordinator_table(t regclass) returns void language plpgsql as $$
begin
  if balai_has_citus() then
    execute format('select citus_add_local_table_to_metadata(%L, cascade_via_foreign_keys => true)', t::text);
  end if;
end $$;

create function balai_distribute_by(t regclass, key text) returns void language plpgsql as $$
begin
  if balai_has_citus() then
    execute format('select create_distributed_table(%L, %L, colocate_with => %L)', t::text, key, 'none');
  end if;
end $$;

do $$
begin
  if not balai_has_citus() then
    return;
  end if;
  -- Village tables refer to villages and users: without this, making those reference tables
  -- would turn every village table into a coordinator-local table that can no longer be co-located.
  perform set_config('citus.enable_local_reference_table_foreign_keys', 'off', true);
  -- One NIK, one living resident across villages: kept by active_niks' primary key and by the
  -- writes that change both rows in one transaction; a foreign key cannot cross shard groups.
  alter table active_niks drop constraint if exists active_niks_village_code_resident_id_fkey;

  perform balai_reference_table('regions');
  perform balai_reference_table('users');
  perform balai_reference_table('villages');
  perform balai_reference_table('staged_imports');
  perform balai_reference_table('monitoring_region_population');
  perform balai_reference_table('monitoring_region_events');
  perform balai_reference_table('monitoring_region_letters');
  perform balai_reference_table('monitoring_region_letter_ready');

  perform balai_distribute_village('village_areas_rows');
  perform balai_distribute_village('village_officials');
  perform balai_distribute_village('families_rows');
  perform balai_distribute_village('residents_rows');
  perform balai_distribute_village('population_events_rows');
  perform balai_distribute_village('idempotency_keys');
  perform balai_distribute_village('letter_types');
  perform balai_distribute_village('letter_settings');
  perform balai_distribute_village('letter_counters');
  perform balai_distribute_village('letters');
  perform balai_distribute_village('letter_daily');
  perform balai_distribute_village('citizen_pins');
  perform balai_distribute_village('correction_requests');
  perform balai_distribute_village('monitoring_population');
  perform balai_distribute_village('monitoring_families');
  perform balai_distribute_village('monitoring_events');
  perform balai_distribute_village('monitoring_letter_ready');
  perform balai_distribute_village('monitoring_pending_population');
  perform balai_distribute_village('monitoring_pending_events');
  perform balai_distribute_village('monitoring_pending_letters');
  perform balai_distribute_village('monitoring_pending_letter_ready');
  perform balai_distribute_village('village_activity_daily');
  perform balai_distribute_village('village_index_scores');

  -- The job queue is claimed across villages with FOR UPDATE SKIP LOCKED, which Citus cannot do
  -- over shards: it stays on the coordinator (jobs are few: imports and exports under way).
  perform balai_coordinator_table('jobs'); -- with job_rows, through their foreign key

  perform balai_distribute_by('active_niks', 'nik');
  perform balai_distribute_by('letter_verify_codes', 'verify_code');
  perform balai_distribute_by('sessions', 'token_hash');
  perform balai_distribute_by('nik_elsewhere_lookups', 'user_id');
end $$;
