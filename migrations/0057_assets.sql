-- The village's goods and land (issue 18, item 1; Permendagri 47/2016): the inventory behind the
-- Buku Inventaris dan Kekayaan Desa, the village's own land (Buku Tanah Kas Desa) and the land in
-- the village by owner (Buku Tanah di Desa). Nothing is deleted: a disposed item keeps its row
-- (dated, with the reason) and stays in the books of the years it was held; a change of its
-- condition and a correction of what was typed are kept as dated entries with the reason.

create table asset_items (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('tanah', 'peralatan_mesin', 'gedung_bangunan', 'jalan_irigasi_jaringan', 'aset_tetap_lainnya', 'konstruksi_dalam_pengerjaan')),
  name text not null check (length(name) between 2 and 200),
  item_code text check (length(item_code) between 1 and 60),
  origin text not null check (origin in ('apbdes', 'pemerintah', 'provinsi', 'kabupaten', 'sumbangan')),
  acquired_year smallint not null check (acquired_year between 1900 and 2100),
  quantity numeric(14, 2) not null check (quantity > 0),
  unit text not null check (length(unit) between 1 and 30),
  -- Whole rupiah, the value at acquisition.
  value numeric(18, 0) not null check (value >= 0),
  -- The condition now; earlier ones are read back from asset_events (kind 'condition').
  condition text not null check (condition in ('baik', 'rusak_ringan', 'rusak_berat')),
  location text check (length(location) <= 200),
  note text check (length(note) <= 500),
  -- Penghapusan: out of the stock from that day, never out of the books of the years before.
  disposed_on date,
  disposal_reason text check (disposal_reason in ('dijual', 'rusak', 'hilang', 'dihibahkan')),
  recorded_by bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((disposed_on is null) = (disposal_reason is null)),
  check (disposed_on is null or extract(year from disposed_on) >= acquired_year)
);
create index asset_items_kind on asset_items (village_code, kind, id);
select balai_distribute_village('asset_items');

-- The village's own land (tanah kas desa).
create table village_land_parcels (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  origin text not null check (origin in ('asli', 'pembelian', 'bantuan', 'lain_lain')),
  certificate_no text not null check (length(certificate_no) between 1 and 100),
  area_m2 numeric(14, 2) not null check (area_m2 > 0),
  land_class text check (length(land_class) between 1 and 30),
  acquired_on date,
  land_use text not null check (land_use in ('sawah', 'tegal', 'kebun', 'tambak', 'tanah_kering')),
  location text not null check (length(location) between 2 and 200),
  boundaries text check (length(boundaries) <= 300),
  boundary_marker boolean not null default false,
  sign_board boolean not null default false,
  note text check (length(note) <= 500),
  recorded_by bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('village_land_parcels');

-- Land in the village by owner (tanah di desa): a person or a legal body, written in or a
-- resident of the register (then the name is the register's).
create table land_holdings (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  owner_name text not null check (length(owner_name) between 2 and 200),
  resident_id bigint,
  land_rights text not null check (land_rights in ('HM', 'HGB', 'HP', 'HGU', 'HPL', 'MA', 'VI', 'TN')),
  area_m2 numeric(14, 2) not null check (area_m2 > 0),
  land_use text not null check (land_use in ('perumahan', 'perdagangan_jasa', 'perkantoran', 'industri', 'fasilitas_umum',
    'sawah', 'tegalan', 'perkebunan', 'peternakan_perikanan', 'hutan_belukar', 'hutan_lebat', 'tanah_kosong', 'lain_lain')),
  note text check (length(note) <= 500),
  recorded_by bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('land_holdings');
alter table land_holdings add constraint land_holdings_resident foreign key (village_code, resident_id) references residents_rows (village_code, id);

-- What happened to a row after it was written: a new condition on a day, a disposal, or a
-- correction of what was typed (the values before it kept whole), each with its reason.
create table asset_events (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  subject text not null check (subject in ('item', 'parcel', 'holding')),
  subject_id bigint not null,
  kind text not null check (kind in ('condition', 'disposal', 'correction')),
  on_day date not null,
  from_condition text check (from_condition in ('baik', 'rusak_ringan', 'rusak_berat')),
  to_condition text check (to_condition in ('baik', 'rusak_ringan', 'rusak_berat')),
  before jsonb,
  reason text not null check (length(reason) between 3 and 500),
  recorded_by bigint references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((kind = 'condition') = (from_condition is not null and to_condition is not null))
);
create index asset_events_subject on asset_events (village_code, subject, subject_id, on_day);
select balai_distribute_village('asset_events');
