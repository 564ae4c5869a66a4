-- Long jobs (the population import first): their state and progress live in the database,
-- so any server process can show them, exactly one process runs each (claimed with
-- FOR UPDATE SKIP LOCKED), and a job whose process died is taken over or failed cleanly.
-- Village data first (village_code leads every key), no identity columns: distributes by village.
create table jobs (
  village_code text collate "C" not null references villages (village_code),
  -- 128 random bits: also the token that confirms an import.
  id text collate "C" not null check (length(id) between 16 and 64),
  kind text not null check (kind in ('population.import')),
  -- staging: input being written; ready: waiting for the officer's confirmation;
  -- queued → running → done | failed; expired: never confirmed, its input dropped.
  status text not null default 'staging' check (status in ('staging', 'ready', 'queued', 'running', 'done', 'failed', 'expired')),
  step text not null default 'waiting',
  done integer not null default 0,
  total integer not null default 0,
  owner_id bigint not null references users (id),
  file_name text not null default '',
  -- What the job needs besides its staged rows (who asked, the file's header and checks), and what came of it.
  input jsonb not null default '{}',
  result jsonb,
  error jsonb,
  -- The process running it, how often it was started, and when that process last said it was alive.
  runner text,
  attempts integer not null default 0,
  heartbeat_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index jobs_claimable on jobs (status, heartbeat_at) where status in ('queued', 'running');
create index jobs_owner on jobs (village_code, owner_id, status);

-- A job's input rows (personal data: an import's people), a few hundred per row, written in
-- short transactions and removed when the job ends or expires.
create table job_rows (
  village_code text collate "C" not null,
  job_id text collate "C" not null,
  chunk integer not null,
  rows jsonb not null,
  primary key (village_code, job_id, chunk),
  foreign key (village_code, job_id) references jobs (village_code, id)
);
