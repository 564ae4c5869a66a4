-- Payment agent services at the BUMDes (issue 17, item 6): the BUMDes takes a customer's money
-- for a bill (vehicle tax through e-Samdes, electricity, water, BPJS) and pays it through an
-- outside provider. The catalogue of services with their fees, each transaction (asked, paid,
-- failed; a reversal is a new row pointing at the original), and the day's settlement, closed by
-- an officer, after which the day takes no more transactions. Money is whole rupiah in numeric.

-- What the BUMDes can pay and what it costs: the provider's fee to the agent and the customer's
-- fee (the BUMDes keeps the difference). The same for every village; a transaction copies its
-- fees, so a later change of the catalogue never changes a transaction made before it.
create table agent_services (
  code text collate "C" primary key check (code ~ '^[a-z_]{2,20}$'),
  name text not null,
  name_en text not null,
  reference_label text not null,
  reference_label_en text not null,
  reference_kind text not null check (reference_kind in ('plate', 'digits')),
  reference_min smallint not null check (reference_min between 3 and 30),
  reference_max smallint not null check (reference_max between reference_min and 30),
  -- Bills are asked first (the provider says how much is due); a prepaid token is an amount the customer chooses.
  needs_inquiry boolean not null,
  amount_min numeric(14, 0) check (amount_min > 0),
  amount_max numeric(14, 0) check (amount_max >= amount_min),
  provider_fee numeric(12, 0) not null check (provider_fee >= 0),
  customer_fee numeric(12, 0) not null check (customer_fee >= 0),
  active boolean not null default true,
  sort smallint not null,
  check (needs_inquiry or (amount_min is not null and amount_max is not null))
);
select balai_reference_table('agent_services');
insert into agent_services (code, name, name_en, reference_label, reference_label_en, reference_kind, reference_min, reference_max, needs_inquiry, amount_min, amount_max, provider_fee, customer_fee, sort) values
  ('pkb', 'Pajak Kendaraan Bermotor (e-Samdes)', 'Motor vehicle tax (e-Samdes)', 'Nomor polisi', 'Number plate', 'plate', 3, 10, true, null, null, 2500, 5000, 1),
  ('pln', 'Tagihan listrik PLN (pascabayar)', 'PLN electricity bill (postpaid)', 'ID pelanggan PLN', 'PLN customer ID', 'digits', 12, 12, true, null, null, 1500, 3000, 2),
  ('pln_token', 'Token listrik PLN (prabayar)', 'PLN electricity token (prepaid)', 'Nomor meter', 'Meter number', 'digits', 11, 12, false, 20000, 5000000, 1500, 2500, 3),
  ('pdam', 'Tagihan air PDAM', 'PDAM water bill', 'Nomor sambungan', 'Connection number', 'digits', 6, 15, true, null, null, 1500, 2500, 4),
  ('bpjs', 'Iuran BPJS Kesehatan', 'BPJS Health contribution', 'Nomor VA keluarga BPJS', 'BPJS family VA number', 'digits', 16, 16, true, null, null, 1500, 2500, 5);

-- One customer's payment through the BUMDes, from the inquiry to the provider's receipt. Its
-- amounts are copied at the inquiry: total = bill + customer fee, owed to the provider = bill +
-- provider fee. A payment the provider has not confirmed waits (pending) and then is paid or
-- failed; a failed one may be tried again with the same key, which the provider pays at most
-- once. A reversal is a row of its own with the amounts negative, on the day it was made.
create table agent_transactions (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  seller_id bigint not null,
  service text collate "C" not null references agent_services (code),
  kind text not null check (kind in ('payment', 'reversal')),
  reverses_id bigint,
  -- The key the provider knows the payment by: the same key is never paid twice.
  tx_key text collate "C" not null check (tx_key ~ '^[A-Za-z0-9-]{8,64}$'),
  day date not null,
  customer_ref text not null check (length(customer_ref) between 3 and 30),
  customer_name text check (length(customer_name) <= 100),
  bill_detail text check (length(bill_detail) <= 300),
  amount numeric(14, 0) not null,
  fee numeric(12, 0) not null,
  provider_fee numeric(12, 0) not null,
  total numeric(16, 0) not null,
  owed numeric(16, 0) not null,
  status text not null check (status in ('inquired', 'pending', 'paid', 'failed', 'reversed')),
  -- 'uji' for the test provider (mode uji): such a receipt is never proof of a real payment.
  provider text not null check (length(provider) between 2 and 40),
  provider_ref text check (length(provider_ref) between 1 and 60),
  attempts smallint not null default 0,
  failure text check (length(failure) <= 300),
  reason text check (length(reason) between 5 and 300),
  served_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  primary key (village_code, id),
  unique (village_code, tx_key),
  check (total = amount + fee),
  check (owed = amount + provider_fee),
  check ((kind = 'reversal') = (reverses_id is not null)),
  check ((kind = 'reversal') = (status = 'reversed')),
  check (kind = 'reversal' or (amount > 0 and fee >= 0 and provider_fee >= 0)),
  check (kind = 'payment' or (amount < 0 and fee <= 0 and provider_fee <= 0 and reason is not null)),
  check ((status in ('paid', 'reversed')) = (provider_ref is not null and paid_at is not null))
);
create index agent_transactions_day on agent_transactions (village_code, seller_id, day, id);
-- One reversal per payment.
create unique index agent_transactions_reversal on agent_transactions (village_code, reverses_id) where reverses_id is not null;
select balai_distribute_village('agent_transactions');

-- The BUMDes's day: opened by its first transaction, closed by an officer with the totals
-- counted from the day's paid payments and reversals. A closed day takes no more transactions.
create table agent_settlements (
  village_code text collate "C" not null references villages (village_code),
  seller_id bigint not null,
  day date not null,
  payments integer not null default 0 check (payments >= 0),
  reversals integer not null default 0 check (reversals >= 0),
  amount numeric(16, 0) not null default 0,
  fees numeric(16, 0) not null default 0,
  provider_fees numeric(16, 0) not null default 0,
  total numeric(16, 0) not null default 0,
  owed numeric(16, 0) not null default 0,
  closed_by bigint references users (id),
  closed_at timestamptz,
  primary key (village_code, seller_id, day),
  check ((closed_by is null) = (closed_at is null)),
  check (total = amount + fees),
  check (owed = amount + provider_fees)
);
select balai_distribute_village('agent_settlements');

alter table agent_transactions add constraint agent_transactions_seller_fk foreign key (village_code, seller_id) references market_sellers (village_code, id);
alter table agent_transactions add constraint agent_transactions_reverses_fk foreign key (village_code, reverses_id) references agent_transactions (village_code, id);
alter table agent_transactions add constraint agent_transactions_day_fk foreign key (village_code, seller_id, day) references agent_settlements (village_code, seller_id, day);
alter table agent_settlements add constraint agent_settlements_seller_fk foreign key (village_code, seller_id) references market_sellers (village_code, id);
