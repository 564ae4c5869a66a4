-- The treasurer's other books (issue 13, item 5), derived from entries, never typed twice.

-- Money that moves without touching the budget: cash drawn from the bank, cash paid back into
-- it, and the taxes withheld from payments paid over to the state (with the NTPN of the
-- deposit). Like a budget entry, never changed: a correcting entry with the opposite amount.
create table treasury_entries (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  year smallint not null,
  entry_date date not null,
  kind text collate "C" not null check (kind in ('withdrawal', 'deposit', 'tax_payment')),
  -- Where a tax payment is paid from; withdrawals and deposits always move between the two.
  method text collate "C" not null default 'bank' check (method in ('bank', 'tunai')),
  tax text collate "C" check (tax in ('ppn', 'pph')),
  amount numeric(18, 0) not null check (amount <> 0),
  -- The cheque number, the bank's reference, or the NTPN of a tax payment.
  reference text check (length(reference) <= 60),
  description text not null check (length(description) between 2 and 200),
  corrects bigint,
  reason text,
  posted_by bigint not null references users (id),
  posted_at timestamptz not null default now(),
  verified_by bigint references users (id),
  verified_at timestamptz,
  primary key (village_code, id),
  check ((kind = 'tax_payment') = (tax is not null)),
  check ((corrects is null) = (amount > 0)),
  check (corrects is null or reason is not null)
);
create index treasury_entries_of_year on treasury_entries (village_code, year, entry_date, id);
create unique index treasury_entries_corrected_once on treasury_entries (village_code, corrects) where corrects is not null;
select balai_distribute_village('treasury_entries');
alter table treasury_entries add constraint treasury_entries_corrects_fk foreign key (village_code, corrects) references treasury_entries (village_code, id);

-- The cash count at the close of a month (berita acara pemeriksaan kas): the cash counted in
-- hand and the balance on the bank statement, beside what the books say on that day, kept as
-- they were; a recount is a new row.
create table cash_counts (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  counted_on date not null,
  cash_counted numeric(18, 0) not null check (cash_counted >= 0),
  bank_statement numeric(18, 0) not null,
  book_cash numeric(18, 0) not null,
  book_bank numeric(18, 0) not null,
  note text check (length(note) <= 500),
  counted_by bigint not null references users (id),
  posted_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index cash_counts_by_day on cash_counts (village_code, counted_on, id);
select balai_distribute_village('cash_counts');

-- Every receipt and payment says how the money moved: through the village's bank account
-- (the rule since Permendagri 20/2018) or in cash held by the treasurer for small payments.
-- Last, and the constraint apart from the column: on Citus a change to a distributed table
-- goes before no new reference to the users table in the same transaction, and every
-- constraint has a name.
alter table budget_entries add column method text collate "C" not null default 'bank';
alter table budget_entries add constraint budget_entries_method check (method in ('bank', 'tunai'));
