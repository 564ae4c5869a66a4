-- Social assistance (bantuan sosial; issue 14, items 2 and 3): programmes with eligibility rules
-- as data, candidate lists generated from the register with the reason each qualifies, the
-- special village deliberation (musdesus) that adopts the list, payouts per period with proof,
-- and one benefit once across the whole installation.

-- The national social registry's welfare rank (DTSEN, earlier DTKS) of the village's people, by
-- NIK, as last imported: special-category data, read by the village's officers only.
create table welfare_ranks (
  village_code text collate "C" not null references villages (village_code),
  nik text collate "C" not null check (nik ~ '^[0-9]{16}$'),
  desil smallint not null check (desil between 1 and 10),
  import_id bigint not null,
  primary key (village_code, nik)
);
select balai_distribute_village('welfare_ranks');

-- An uploaded welfare-rank list: previewed (rows kept to be imported as shown), then imported.
create table welfare_imports (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  source text collate "C" not null check (source in ('DTSEN', 'DTKS')),
  file_name text not null check (length(file_name) <= 200),
  file_hash text collate "C" not null,
  -- [[nik, desil], …]
  rows jsonb not null,
  row_count integer not null,
  status text collate "C" not null default 'preview' check (status in ('preview', 'imported')),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  imported_at timestamptz,
  primary key (village_code, id)
);
select balai_distribute_village('welfare_imports');

create table assistance_programmes (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- BLT-DD, PKH, BPNT, PBI-JK (national), PROV, KAB (regional aid), DESA (the village's own).
  kind text collate "C" not null check (kind in ('BLT-DD', 'PKH', 'BPNT', 'PBI-JK', 'PROV', 'KAB', 'DESA')),
  name text not null check (length(name) between 3 and 120),
  year smallint not null check (year between 2000 and 2100),
  target text collate "C" not null check (target in ('person', 'family', 'household')),
  period_kind text collate "C" not null check (period_kind in ('month', 'quarter', 'year')),
  periods smallint not null check (periods between 1 and 12),
  -- Rupiah per recipient per period.
  amount numeric(14, 0) not null check (amount >= 0),
  fund text collate "C" not null check (fund in ('DDS', 'ADD', 'PAD', 'APBN', 'APBD-PROV', 'APBD-KAB', 'LAIN')),
  -- The eligibility rules, criteria and exclusions (src/modules/assistance/rules.ts).
  rules jsonb not null,
  -- The key under which a benefit is counted once across villages (see assistance_claims).
  claim_key text collate "C" not null,
  meeting_id bigint,
  status text collate "C" not null default 'draft' check (status in ('draft', 'adopted')),
  adopted_by bigint references users (id),
  adopted_at timestamptz,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((status = 'adopted') = (adopted_at is not null))
);
create unique index assistance_programmes_key on assistance_programmes (village_code, claim_key, year);
select balai_distribute_village('assistance_programmes');

-- Who is on a programme's list: a household, a family card or a person (by the programme's
-- target), why, and where the list stands. A row is never deleted: dropped and ended rows keep
-- who changed them and why.
create table assistance_recipients (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  programme_id bigint not null,
  household_id bigint,
  family_id bigint,
  resident_id bigint,
  -- The NIK and KK numbers claimed across villages at adoption ('nik:…', 'kk:…').
  claim_subjects text[] not null,
  -- [{"key": "desil", "desil": 1}, {"key": "disabled_member"}, …]
  reasons jsonb not null default '[]',
  -- 1: desil 1; 2: desil 2–4; 3: village criteria only.
  priority smallint not null check (priority between 1 and 3),
  source text collate "C" not null check (source in ('generated', 'manual')),
  status text collate "C" not null default 'proposed' check (status in ('proposed', 'adopted', 'dropped', 'ended')),
  note text check (length(note) <= 300),
  added_by bigint not null references users (id),
  added_at timestamptz not null default now(),
  changed_by bigint references users (id),
  changed_at timestamptz,
  change_reason text check (length(change_reason) <= 300),
  primary key (village_code, id),
  check (num_nonnulls(household_id, family_id, resident_id) = 1)
);
create unique index assistance_recipients_household on assistance_recipients (village_code, programme_id, household_id) where status in ('proposed', 'adopted');
create unique index assistance_recipients_family on assistance_recipients (village_code, programme_id, family_id) where status in ('proposed', 'adopted');
create unique index assistance_recipients_resident on assistance_recipients (village_code, programme_id, resident_id) where status in ('proposed', 'adopted');
create index assistance_recipients_of on assistance_recipients (village_code, programme_id, status);
select balai_distribute_village('assistance_recipients');

-- One benefit once: a NIK or KK number holds a programme's benefit for a year in one village
-- only, across the whole installation — the same rule as one living NIK (active_niks). Written
-- in the adopting transaction; the primary key refuses a second village even at the same
-- moment. Distributed by the subject on Citus, so the check is one shard's unique index.
create table assistance_claims (
  subject text collate "C" not null,
  claim_key text collate "C" not null,
  year smallint not null,
  village_code text collate "C" not null references villages (village_code),
  programme_id bigint not null,
  recipient_id bigint not null,
  claimed_at timestamptz not null default now(),
  primary key (subject, claim_key, year)
);
create index assistance_claims_of on assistance_claims (village_code, recipient_id);
select balai_distribute_by('assistance_claims', 'subject');

-- A payout: one period of a programme handed out on a day, with its proof (a photo of the
-- handover or of the signed receipt list, or the receipt list signed on paper).
create table assistance_payouts (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  programme_id bigint not null,
  period smallint not null check (period between 1 and 12),
  paid_on date not null,
  proof text collate "C" not null check (proof in ('photo', 'signature')),
  photo bytea,
  note text check (length(note) <= 300),
  recipients integer not null,
  total numeric(16, 0) not null check (total >= 0),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((proof = 'photo') = (photo is not null))
);
create unique index assistance_payouts_period on assistance_payouts (village_code, programme_id, period);
select balai_distribute_village('assistance_payouts');

create table assistance_payments (
  village_code text collate "C" not null references villages (village_code),
  payout_id bigint not null,
  recipient_id bigint not null,
  amount numeric(14, 0) not null check (amount >= 0),
  primary key (village_code, payout_id, recipient_id)
);
create index assistance_payments_of on assistance_payments (village_code, recipient_id);
select balai_distribute_village('assistance_payments');

-- Per village, year and programme kind: recipients and what was paid, for the dashboards above
-- the village (no personal data); kept in the same transaction as adoptions and payouts.
create table monitoring_assistance (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null,
  kind text collate "C" not null,
  recipients integer not null default 0,
  paid numeric(16, 0) not null default 0,
  payouts integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code, year, kind)
);
select balai_distribute_village('monitoring_assistance');

alter table assistance_programmes add constraint assistance_programmes_meeting_fk foreign key (village_code, meeting_id) references meetings (village_code, id);
alter table assistance_recipients add constraint assistance_recipients_programme_fk foreign key (village_code, programme_id) references assistance_programmes (village_code, id);
alter table assistance_recipients add constraint assistance_recipients_household_fk foreign key (village_code, household_id) references households (village_code, id);
alter table assistance_recipients add constraint assistance_recipients_family_fk foreign key (village_code, family_id) references families_rows (village_code, id);
alter table assistance_recipients add constraint assistance_recipients_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table assistance_payouts add constraint assistance_payouts_programme_fk foreign key (village_code, programme_id) references assistance_programmes (village_code, id);
alter table assistance_payments add constraint assistance_payments_payout_fk foreign key (village_code, payout_id) references assistance_payouts (village_code, id);
alter table assistance_payments add constraint assistance_payments_recipient_fk foreign key (village_code, recipient_id) references assistance_recipients (village_code, id);

-- The musdesus is a village meeting like the others: attendance from the register, minutes, a
-- berita acara; it adopts a recipient list instead of a priority list.
alter table meetings drop constraint meetings_kind_check;
alter table meetings add constraint meetings_kind_check check (kind in ('musdus', 'musdes', 'musdesus'));
