-- Village development index: IDM (Permendesa 2/2016: IKS, IKE, IKL) and Indeks Desa 2024
-- (Permendesa 9/2024: six dimensions), one row per village, model and year.
-- The ministry scores every village, on Balai or not, so the village is a region (level 4),
-- not necessarily an activated village. `status` is derived from `score` with the model's
-- cut-offs when the row is written; `balai rebuild-rollups` derives it again after a
-- change of the (configurable) Indeks Desa cut-offs.
create table village_index_scores (
  village_code text collate "C" not null references regions (code),
  model text collate "C" not null check (model in ('idm', 'id2024')),
  year smallint not null check (year between 2015 and 2100),
  -- IDM: 0–1 with four decimals; Indeks Desa: 0–100.
  score numeric(8, 4) not null check (score >= 0 and score <= 100),
  status text collate "C" not null check (status in ('sangat_tertinggal', 'tertinggal', 'berkembang', 'maju', 'mandiri')),
  -- {"iks": 0.7, "ike": 0.6, "ikl": 0.8} or the six dimensions of Indeks Desa.
  dimensions jsonb not null,
  -- Indicator scores (0–5) by indicator id, as entered or imported; may be partial.
  indicators jsonb not null default '{}'::jsonb,
  source text not null check (source in ('form', 'import', 'demo')),
  entered_by bigint references users (id),
  entered_at timestamptz not null default now(),
  primary key (village_code, model, year)
);
-- A region's status counts for one model and year: the range of codes, then the year.
create index village_index_scores_year on village_index_scores (model, year, village_code) include (status, score);
