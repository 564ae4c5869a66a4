-- Ids from plain sequences instead of identity columns (issue 12, item 4). Citus refuses to
-- distribute a table with an identity column (citusdata/citus#7564) and refuses to drop the
-- identity once the table is in its metadata, so every engine gets the same plain design:
-- a sequence of the same name (`<table>_<column>_seq`, what pg_get_serial_sequence and the
-- backups already use), owned by the column, continuing where the identity stopped.
do $$
declare
  c record;
  seq text;
  next_value bigint;
begin
  for c in
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'
    order by table_name, column_name
  loop
    seq := pg_get_serial_sequence(quote_ident(c.table_name), c.column_name);
    execute format('select case when is_called then last_value + 1 else last_value end from %s', seq) into next_value;
    execute format('alter table %I alter column %I drop identity', c.table_name, c.column_name);
    execute format('create sequence %I owned by %I.%I', c.table_name || '_' || c.column_name || '_seq', c.table_name, c.column_name);
    execute format('select setval(%L, %s, false)', quote_ident(c.table_name || '_' || c.column_name || '_seq'), next_value);
    execute format('alter table %I alter column %I set default nextval(%L::regclass)',
      c.table_name, c.column_name, quote_ident(c.table_name || '_' || c.column_name || '_seq'));
  end loop;
end $$;

-- The rollup deltas waiting for the fold are keyed by village first: on Citus they live on
-- the shard of their village, beside the rows whose change they record.
alter table monitoring_pending_population drop constraint monitoring_pending_population_pkey, add primary key (village_code, id);
alter table monitoring_pending_events drop constraint monitoring_pending_events_pkey, add primary key (village_code, id);
alter table monitoring_pending_letters drop constraint monitoring_pending_letters_pkey, add primary key (village_code, id);
alter table monitoring_pending_letter_ready drop constraint monitoring_pending_letter_ready_pkey, add primary key (village_code, id);
drop index monitoring_pending_population_village;
drop index monitoring_pending_events_village;
drop index monitoring_pending_letters_village;
drop index monitoring_pending_letter_ready_village;
