-- Certified electronic signature of letters (issue 19, item 3): the village chooses per letter
-- type whether its letters must carry a certified electronic signature (BSrE); such a letter is
-- issued only with its signed PDF, kept here whole, because the signature covers those exact
-- bytes: the PDF is never drawn again, and /v/<code> checks the kept file.

-- The signed PDF of a letter, written in the transaction that numbers and issues it.
create table letter_signatures (
  village_code text collate "C" not null references villages (village_code),
  letter_id bigint not null,
  -- 'bsre' (BSSN's BSrE) or 'uji' (the test provider: a certificate the installation made itself).
  provider text not null check (provider in ('bsre', 'uji')),
  signed_by_official bigint not null,
  signed_at timestamptz not null,
  -- SHA-256 (hex) of the signature itself: its certificates and unsigned parts sit in the PDF's
  -- /Contents, which no digest covers; a certificate renamed there is caught by comparing with this.
  signature_sha256 text not null check (signature_sha256 ~ '^[0-9a-f]{64}$'),
  pdf bytea not null check (octet_length(pdf) between 100 and 20971520),
  primary key (village_code, letter_id)
);
select balai_distribute_village('letter_signatures');
alter table letter_signatures add constraint letter_signatures_letter foreign key (village_code, letter_id) references letters (village_code, id);
alter table letter_signatures add constraint letter_signatures_official foreign key (village_code, signed_by_official) references village_officials (village_code, id);

-- Per letter type (a built-in one gets a village row when the village changes it).
alter table letter_types add column certified_signature boolean not null default false;

-- The official's NIK: BSrE finds the official's certificate by it. Never printed. (Citus adds a
-- column and its check only as two commands, the check named.)
alter table village_officials add column nik text;
alter table village_officials add constraint village_officials_nik check (nik ~ '^[0-9]{16}$');
