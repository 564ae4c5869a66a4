-- Yearly caps on the village budget set by national rules, kept as data (issue 13, item 4):
-- the share of Dana Desa a village may spend on BLT Dana Desa (cash aid) — 25 % in 2023, 15 %
-- in 2025. A year without its own row takes the latest year before it. Set by the national
-- administrator on /pengaturan/apbdes; the same for every village (a reference table on Citus).
create table budget_caps (
  year smallint primary key check (year between 2000 and 2100),
  blt_percent numeric(5, 2) not null check (blt_percent between 0 and 100),
  -- The rule it comes from, e.g. "PMK 108/2024".
  source text not null check (length(source) between 2 and 200),
  -- Who set it (an account id; the audit log has the rest).
  updated_by bigint,
  updated_at timestamptz not null default now()
);
select balai_reference_table('budget_caps');
insert into budget_caps (year, blt_percent, source) values
  (2023, 25, 'Batas BLT Dana Desa 2023 (25% dari Dana Desa)'),
  (2025, 15, 'Batas BLT Dana Desa 2025 (15% dari Dana Desa)');
