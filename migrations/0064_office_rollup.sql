-- The village office for the levels above (issue 18): per village, the regulations and decisions in
-- force, the inventory still held and its value, the village's own land — what the district looks
-- at when it inspects the buku administrasi desa. Counts and sums only; recounted in the
-- transaction of every change of the register, the inventory and the land, and by
-- `balai rebuild-rollups`.
create table monitoring_office (
  village_code text collate "C" not null references villages (village_code),
  perdes integer not null default 0,
  perkades integer not null default 0,
  kepkades integer not null default 0,
  last_regulation_on date,
  asset_items integer not null default 0,
  -- Whole rupiah, the value at acquisition of what is still held.
  asset_value numeric(20, 0) not null default 0,
  land_parcels integer not null default 0,
  land_area_m2 numeric(16, 2) not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_office');

-- What was recorded before this migration (each statement reads one co-located table).
insert into monitoring_office (village_code, perdes, perkades, kepkades, last_regulation_on)
select village_code, count(*) filter (where kind = 'perdes')::int, count(*) filter (where kind in ('perkades', 'perbersama'))::int,
  count(*) filter (where kind = 'kepkades')::int, max(set_on)
from village_regulations where corrected_at is null and revoked_at is null group by village_code;
insert into monitoring_office (village_code, asset_items, asset_value)
select village_code, count(*)::int, coalesce(sum(value), 0) from asset_items where disposed_on is null group by village_code
on conflict (village_code) do update set asset_items = excluded.asset_items, asset_value = excluded.asset_value;
insert into monitoring_office (village_code, land_parcels, land_area_m2)
select village_code, count(*)::int, coalesce(sum(area_m2), 0) from village_land_parcels group by village_code
on conflict (village_code) do update set land_parcels = excluded.land_parcels, land_area_m2 = excluded.land_area_m2;

-- On a village's own copy (issue 15), the tables whose work is done on the server get this
-- trigger (src/modules/sync/copy-sync.ts): a write there would stay on the copy and never reach
-- the server, so it is refused whole, with its own SQLSTATE that the pages turn into a message.
create function balai_server_only() returns trigger language plpgsql as $$
begin
  raise exception 'server_only: %', tg_table_name using errcode = 'BL001';
end
$$;
