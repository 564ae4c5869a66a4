-- Village planning (Permendagri 114/2014): the medium-term plan (RPJMDes, 6 or 8 years from
-- its first year) and the annual plan (RKPDes, one year). Both are documents prepared as a
-- draft and adopted by the head with a village regulation; an adopted plan is changed only by
-- a new version that starts from its items, and the version before stays, marked superseded.
create table plans (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('rpjmdes', 'rkpdes')),
  first_year smallint not null check (first_year between 2000 and 2100),
  -- The plan's length in years: 6 or 8 for an RPJMDes (the head's term), 1 for an RKPDes.
  years smallint not null,
  version smallint not null check (version >= 1),
  based_on bigint,
  status text not null default 'draft' check (status in ('draft', 'adopted', 'superseded')),
  vision text check (length(vision) <= 1000),
  mission text check (length(mission) <= 4000),
  reason text check (length(reason) <= 500),
  prepared_by bigint not null references users (id),
  prepared_at timestamptz not null default now(),
  adopted_by bigint references users (id),
  adopted_at timestamptz,
  regulation_number text,
  regulation_date date,
  primary key (village_code, id),
  unique (village_code, kind, first_year, version),
  check ((kind = 'rpjmdes' and years in (6, 8)) or (kind = 'rkpdes' and years = 1 and vision is null and mission is null)),
  check (status = 'draft' or (adopted_by is not null and adopted_at is not null and regulation_number is not null and regulation_date is not null))
);
create unique index plans_one_adopted on plans (village_code, kind, first_year) where status = 'adopted';
create unique index plans_one_open on plans (village_code, kind, first_year) where status = 'draft';
select balai_distribute_village('plans');
alter table plans add constraint plans_based_on_fk foreign key (village_code, based_on) references plans (village_code, id);

-- An activity of a plan, coded on the bidang → sub-bidang → activity reference (BB.SS.KK).
create table plan_items (
  village_code text collate "C" not null references villages (village_code),
  plan_id bigint not null,
  id bigserial,
  activity_code text collate "C" not null references budget_activities (code),
  description text not null check (length(description) between 2 and 200),
  location text not null check (length(location) between 2 and 120),
  -- The expected output, as the plan writes it: "1.200 m", "40 orang", "1 unit".
  volume text not null check (length(volume) between 1 and 40),
  beneficiaries text not null check (length(beneficiaries) between 2 and 200),
  -- The years it runs (RPJMDes: some of the plan's years; RKPDes: its year).
  run_years smallint[] not null check (cardinality(run_years) between 1 and 8),
  -- Indicative cost in whole rupiah and who pays it.
  cost numeric(18, 0) not null check (cost >= 0),
  fund text collate "C" not null check (fund in ('DDS', 'ADD', 'PAD', 'PBH', 'BKP', 'BKK', 'SILPA', 'LAIN')),
  execution text not null check (execution in ('swakelola', 'kerjasama', 'pihak_ketiga')),
  -- The RPJMDes item an RKPDes item carries forward (or the item a revision copied).
  source_item bigint,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index plan_items_of_plan on plan_items (village_code, plan_id, activity_code);
select balai_distribute_village('plan_items');
alter table plan_items add constraint plan_items_plan_fk foreign key (village_code, plan_id) references plans (village_code, id);

-- The adopted annual plan of each village and year, for the dashboards above the village and
-- the deadline warning (the RKPDes of a year is due by 30 September of the year before):
-- written in the transaction that adopts it.
create table monitoring_plans (
  village_code text collate "C" not null references villages (village_code),
  year smallint not null,
  rkpdes_regulation_date date not null,
  rkpdes_adopted_at timestamptz not null,
  activities integer not null,
  cost numeric(18, 0) not null,
  primary key (village_code, year)
);
select balai_distribute_village('monitoring_plans');
