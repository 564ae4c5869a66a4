-- The day of a village's last action by its own officers or citizens, on the village's row
-- (issue 12: the province adoption page on Citus). The adoption dashboard counts villages
-- active in 7 and 30 days and lists the quiet ones; reading them from village_activity_daily
-- (distributed) fanned out to every shard several times per page. `villages` is a reference
-- table: written once per village and day (the first action of the day), read locally by the
-- coordinator. Kept by recordAudit in the action's transaction, recomputed by rebuild-rollups.
alter table villages add column last_active_day date;

do $$
declare r record;
begin
  -- On Citus a reference table cannot be updated from a distributed read in one statement,
  -- and after a parallel read only in sequential mode: one village at a time.
  if balai_has_citus() then
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);
  end if;
  for r in select village_code, max(day) as last_day from village_activity_daily group by village_code loop
    update villages set last_active_day = r.last_day where village_code = r.village_code;
  end loop;
end $$;

create index villages_last_active_day on villages (last_active_day, village_code);
