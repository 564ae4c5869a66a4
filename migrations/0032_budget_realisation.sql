-- Realisation of the village budget (issue 13, item 5): what the village received and paid,
-- entry by entry, against the accounts and activities of the budget in force; the cash book
-- and the realisation report are read from these entries, never typed twice. A posted entry
-- is never changed or deleted: a mistake is undone by a correcting entry that points at it
-- (the same amount with the opposite sign), and the right one is posted after it.
create table budget_entries (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  year smallint not null,
  entry_date date not null,
  account_code text collate "C" not null references budget_accounts (code),
  activity_code text collate "C" references budget_activities (code),
  fund text collate "C" check (fund in ('DDS', 'ADD', 'PAD', 'PBH', 'BKP', 'BKK', 'SILPA', 'LAIN')),
  description text not null check (length(description) between 2 and 200),
  -- Whole rupiah; negative only on a correcting entry.
  amount numeric(18, 0) not null check (amount <> 0),
  -- Taxes withheld from a payment (PPN, PPh), whole rupiah.
  tax_ppn numeric(18, 0) not null default 0,
  tax_pph numeric(18, 0) not null default 0,
  corrects bigint,
  reason text,
  proof bytea,
  proof_type text check (proof_type in ('image/jpeg', 'image/png', 'application/pdf')),
  posted_by bigint not null references users (id),
  posted_at timestamptz not null default now(),
  verified_by bigint references users (id),
  verified_at timestamptz,
  primary key (village_code, id),
  check ((account_code like '5.%') = (activity_code is not null and fund is not null)),
  check ((corrects is null) = (amount > 0)),
  check (corrects is null or reason is not null),
  check (abs(tax_ppn) + abs(tax_pph) <= abs(amount)),
  check ((proof is null) = (proof_type is null))
);
create index budget_entries_of_year on budget_entries (village_code, year, entry_date, id);
-- What an activity's account has paid so far, read by every new payment.
create index budget_entries_by_account on budget_entries (village_code, year, account_code, activity_code) include (amount);
-- One correction per entry: undone once, and never the correction itself.
create unique index budget_entries_corrected_once on budget_entries (village_code, corrects) where corrects is not null;
select balai_distribute_village('budget_entries');
alter table budget_entries add constraint budget_entries_corrects_fk foreign key (village_code, corrects) references budget_entries (village_code, id);

-- What was received and paid, beside the budget, for the dashboards above the village.
alter table monitoring_budgets add column realised_income numeric(18, 0) not null default 0;
alter table monitoring_budgets add column realised_spending numeric(18, 0) not null default 0;
alter table monitoring_budgets add column last_entry_date date;
