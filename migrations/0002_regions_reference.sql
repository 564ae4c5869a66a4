-- Kemendagri regions: reference data shared by every village (not sharded).
create table regions (
  -- Collation C: codes compare byte by byte, so a prefix ("18.09.") is an index range.
  code text collate "C" primary key,
  parent_code text collate "C" references regions (code),
  level smallint not null check (level between 1 and 4),
  kind text not null check (kind in ('provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan', 'desa_adat')),
  name text not null
);
create index regions_parent on regions (parent_code, code);
create index regions_name_trgm on regions using gin (lower(name) gin_trgm_ops);
