-- Siskeudes files imported into a village's budget (issue 13, item 6). The preview keeps the
-- rows it read and checked here, so that the import, confirmed later (on any server process),
-- writes exactly what was shown. An imported file is recorded with its SHA-256: the same file
-- a second time is refused, nothing written twice.
create table budget_imports (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text collate "C" not null check (kind in ('apbdes', 'realisasi')),
  year smallint not null,
  file_name text not null,
  file_hash text collate "C" not null,
  rows jsonb not null,
  row_count integer not null,
  status text collate "C" not null default 'previewed' check (status in ('previewed', 'imported')),
  -- The draft budget an APBDes import created; entries an import added, and rows it found already there.
  budget_id bigint,
  added integer,
  skipped integer,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  imported_at timestamptz,
  primary key (village_code, id)
);
create unique index budget_imports_once on budget_imports (village_code, kind, file_hash) where status = 'imported';
select balai_distribute_village('budget_imports');

-- Where an entry came from in Siskeudes (its voucher, account, activity and place in the file):
-- a realisation file imported again adds only the vouchers not yet here.
alter table budget_entries add column source_ref text collate "C";
alter table budget_entries add constraint budget_entries_source_ref check (length(source_ref) <= 200);
create unique index budget_entries_source on budget_entries (village_code, year, source_ref) where source_ref is not null;
