-- The register of village regulations and the head's decisions (issue 18, item 1; Permendagri
-- 47/2016, buku administrasi umum): Peraturan Desa, Peraturan Bersama Kepala Desa, Peraturan
-- Kepala Desa and Keputusan Kepala Desa, each with its number in the year it was set, what it is
-- about, the BPD's agreement (a Perdes), its report to the camat, its promulgation in the Lembaran
-- Desa or Berita Desa, and the signed document. The Buku Peraturan di Desa, the Buku Keputusan
-- Kepala Desa and the Buku Lembaran Desa dan Berita Desa are read from this one table.
-- Nothing is deleted: a record typed wrong is corrected by a new record that names it (the old one
-- stays, marked corrected with the reason); a regulation no longer in force is revoked with the reason.
create table village_regulations (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('perdes', 'perbersama', 'perkades', 'kepkades')),
  year smallint not null check (year between 2000 and 2100),
  number text not null check (length(number) between 1 and 60),
  set_on date not null,
  about text not null check (length(about) between 3 and 300),
  summary text not null default '' check (length(summary) <= 2000),
  bpd_agreed_on date,
  report_no text check (length(report_no) between 1 and 100),
  reported_on date,
  promulgated_on date,
  gazette_no text check (length(gazette_no) between 1 and 60),
  note text not null default '' check (length(note) <= 1000),
  -- The earlier regulation this one changes ("Diubah oleh …" on that one).
  amends_id bigint,
  search_text text generated always as (balai_search_text(number || ' ' || about)) stored,
  -- The signed document as a PDF, kept as uploaded (checked by its header and end marker).
  document bytea,
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now(),
  -- A correction: the new record names the one it replaces; the replaced one keeps why.
  corrects_id bigint,
  corrected_at timestamptz,
  corrected_by bigint references users (id),
  correction_reason text check (length(correction_reason) between 5 and 500),
  revoked_at timestamptz,
  revoked_by bigint references users (id),
  revoke_reason text check (length(revoke_reason) between 5 and 500),
  primary key (village_code, id),
  check ((corrected_at is null) = (correction_reason is null)),
  check ((revoked_at is null) = (revoke_reason is null)),
  check (year = extract(year from set_on)),
  check (promulgated_on is null or promulgated_on >= set_on),
  check ((promulgated_on is null) = (gazette_no is null)),
  check (kind <> 'kepkades' or promulgated_on is null)
);
-- A number is taken once per kind and year in a village; a record corrected away frees it.
create unique index village_regulations_number on village_regulations (village_code, kind, year, lower(number)) where corrected_at is null;
create index village_regulations_year on village_regulations (village_code, year, set_on, id);
-- "Diubah oleh …": the later regulations naming one, read for each row of a page.
create index village_regulations_amends on village_regulations (village_code, amends_id) where amends_id is not null;
create index village_regulations_promulgated on village_regulations (village_code, promulgated_on, id) where promulgated_on is not null;
select balai_distribute_village('village_regulations');

alter table village_regulations add constraint village_regulations_amends_fk foreign key (village_code, amends_id) references village_regulations (village_code, id);
alter table village_regulations add constraint village_regulations_corrects_fk foreign key (village_code, corrects_id) references village_regulations (village_code, id);
