-- Village head election by e-voting (issue 20; Permendagri 112/2014 as amended, domain §8).
-- An election is run by the village's election committee (panitia, appointed by the BPD) with
-- its own role; its TPS officers (KPPS) have another. The village head (often a candidate) only reads.
--
-- Secrecy by design (docs/e-voting.md): no row links a vote to a voter or to the order voters
-- came in. The voter list says only *whether* a voter took a ballot token (no time, no order
-- number); a token row carries no voter; a cast vote carries no token and no time. Votes wait in a
-- per-TPS mixing pool (one row, its ballots sorted by their random serial) and enter the TPS's
-- append-only hash chain all at once when the TPS closes, in random order; the chain is verifiable by anyone.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('national_admin', 'province_admin', 'regency_officer',
  'district_officer', 'village_head', 'village_secretary', 'village_treasurer', 'village_operator',
  'extension_officer', 'agriculture_officer', 'fertiliser_kiosk', 'election_committee', 'polling_officer'));

create table elections (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  title text not null check (length(title) between 5 and 150),
  -- The BPD's decision appointing the committee (SK BPD).
  committee_decree text not null check (length(committee_decree) between 3 and 100),
  -- The schedule (tahapan): registration of candidates, the provisional list (DPS) day — the
  -- six months of residence are counted back from it —, objections, the final list (DPT),
  -- the campaign, and the voting day (the count follows on the same day).
  registration_from date not null,
  registration_to date not null,
  dps_date date not null,
  objections_to date not null,
  dpt_date date not null,
  campaign_from date not null,
  campaign_to date not null,
  voting_day date not null,
  -- setup → dps (provisional list made, objections open) → dpt (final list frozen) → voting → closed.
  status text not null default 'setup' check (status in ('setup', 'dps', 'dpt', 'voting', 'closed')),
  dps_made_at timestamptz,
  dpt_frozen_at timestamptz,
  voting_opened_at timestamptz,
  closed_at timestamptz,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check (registration_from <= registration_to and registration_to <= dps_date and dps_date <= objections_to
    and objections_to <= dpt_date and dpt_date <= campaign_from and campaign_from <= campaign_to and campaign_to < voting_day)
);
select balai_distribute_village('elections');

-- Polling stations (TPS), each serving dusun/RW/RT of the village (election_station_areas).
create table election_stations (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  id bigserial,
  number smallint not null check (number between 1 and 99),
  place text not null check (length(place) between 3 and 150),
  -- Closing: the tally of its chain, the chain's last hash, and the installation's signature over both.
  closed_at timestamptz,
  tally jsonb,
  head_hash text,
  tally_signature text,
  closed_by bigint references users (id),
  primary key (village_code, id),
  unique (village_code, election_id, number),
  check ((closed_at is null) = (tally_signature is null))
);
select balai_distribute_village('election_stations');

create table election_station_areas (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  station_id bigint not null,
  area_id bigint not null,
  -- An area votes at one TPS of an election.
  primary key (village_code, election_id, area_id)
);
select balai_distribute_village('election_station_areas');

create table election_candidates (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  id bigserial,
  number smallint not null check (number between 1 and 20),
  name text not null check (length(name) between 2 and 100),
  vision text not null check (length(vision) between 5 and 2000),
  mission text not null check (length(mission) between 5 and 4000),
  photo bytea,
  photo_type text check (photo_type in ('image/jpeg', 'image/png', 'image/webp')),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, election_id, number)
);
select balai_distribute_village('election_candidates');

-- Residents a court decision stripped of the right to vote, as recorded by the committee.
create table election_disqualifications (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  resident_id bigint not null,
  decision text not null check (length(decision) between 5 and 200),
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, election_id, resident_id)
);
select balai_distribute_village('election_disqualifications');

-- The voter list: the DPS while the election is in 'dps', the DPT once frozen. `took_token`
-- says only that the voter has been given a ballot token — no time, no order — and is set in the
-- transaction that makes the token (a voter gets one token, once).
create table election_voters (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  id bigserial,
  resident_id bigint not null,
  station_id bigint not null,
  -- 'register': found by the rules on the DPS day; 'objection': added by an accepted objection.
  source text not null check (source in ('register', 'objection')),
  listed boolean not null default true,
  took_token boolean not null default false,
  primary key (village_code, id),
  unique (village_code, election_id, resident_id),
  check (listed or not took_token)
);
select balai_distribute_village('election_voters');
create index election_voters_station on election_voters (village_code, election_id, station_id) where listed;

-- Objections and additions to the DPS (tanggapan masyarakat), with the committee's decision.
create table election_objections (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  id bigserial,
  -- 'remove': a listed voter should not be (dead, moved, under age, not resident…);
  -- 'add': a resident missing from the list; 'move': a listed voter belongs at another TPS.
  kind text not null check (kind in ('remove', 'add', 'move')),
  resident_id bigint not null,
  station_id bigint,
  reason text not null check (length(reason) between 5 and 500),
  filed_by text not null check (length(filed_by) between 2 and 100),
  decision text check (decision in ('accepted', 'rejected')),
  decision_note text check (length(decision_note) between 3 and 500),
  decided_by bigint references users (id),
  decided_at timestamptz,
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((decision is null) = (decided_at is null))
);
select balai_distribute_village('election_objections');

-- One-time ballot tokens: the hash of the code only, no voter, no time. Used once, in the
-- transaction that casts the vote.
create table election_tokens (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  station_id bigint not null,
  token_hash text not null,
  used boolean not null default false,
  primary key (village_code, election_id, token_hash)
);
select balai_distribute_village('election_tokens');

-- The mixing pool of a TPS: one row holding the votes not yet in the chain, sorted by their
-- random serial (so the row keeps no order of arrival), with the installation's MAC over them.
create table election_ballot_pool (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  station_id bigint not null,
  ballots jsonb not null default '[]',
  mac text not null,
  primary key (village_code, election_id, station_id)
);
select balai_distribute_village('election_ballot_pool');

-- The ballot box of a TPS: append-only, each vote's hash covering the one before it. Votes enter
-- from the pool when the TPS closes, in the order of their random serial: `position` is not the order of arrival.
create table election_ballots (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  station_id bigint not null,
  position integer not null check (position >= 1),
  serial text not null check (serial ~ '^[0-9A-F]{12}$'),
  candidate_id bigint not null,
  prev_hash text not null,
  hash text not null,
  primary key (village_code, election_id, station_id, position),
  unique (village_code, election_id, serial)
);
select balai_distribute_village('election_ballots');

-- A recount from the paper receipts of a TPS, per candidate; a later entry corrects an earlier one.
create table election_recounts (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  id bigserial,
  station_id bigint not null,
  counts jsonb not null,
  unreadable integer not null default 0 check (unreadable >= 0),
  note text not null default '' check (length(note) <= 500),
  entered_by bigint not null references users (id),
  entered_at timestamptz not null default now(),
  primary key (village_code, id)
);
select balai_distribute_village('election_recounts');

-- For the levels above, per village: its latest election's stage, day, DPT size and turnout; no name.
create table monitoring_elections (
  village_code text collate "C" not null references villages (village_code),
  election_id bigint not null,
  voting_day date not null,
  status text not null,
  stations integer not null default 0,
  candidates integer not null default 0,
  registered integer not null default 0,
  voted integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_elections');

-- Foreign keys after distribution (co-located on village_code).
alter table election_stations add constraint election_stations_election_fk foreign key (village_code, election_id) references elections (village_code, id);
alter table election_station_areas add constraint election_station_areas_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);
alter table election_station_areas add constraint election_station_areas_area_fk foreign key (village_code, area_id) references village_areas_rows (village_code, id);
alter table election_candidates add constraint election_candidates_election_fk foreign key (village_code, election_id) references elections (village_code, id);
alter table election_disqualifications add constraint election_disqualifications_election_fk foreign key (village_code, election_id) references elections (village_code, id);
alter table election_disqualifications add constraint election_disqualifications_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table election_voters add constraint election_voters_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);
alter table election_voters add constraint election_voters_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table election_objections add constraint election_objections_election_fk foreign key (village_code, election_id) references elections (village_code, id);
alter table election_objections add constraint election_objections_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table election_tokens add constraint election_tokens_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);
alter table election_ballot_pool add constraint election_ballot_pool_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);
alter table election_ballots add constraint election_ballots_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);
alter table election_ballots add constraint election_ballots_candidate_fk foreign key (village_code, candidate_id) references election_candidates (village_code, id);
alter table election_recounts add constraint election_recounts_station_fk foreign key (village_code, station_id) references election_stations (village_code, id);

-- The ballot box is append-only: a stored vote is never changed or removed by Balai (a change made
-- around this — by someone with the server's superuser — is what the chain's verification finds).
create function balai_ballots_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'ballot box is append-only' using errcode = 'BL002';
end $$;
do $$
begin
  if balai_has_citus() then perform set_config('citus.enable_unsafe_triggers', 'on', true); end if;
  execute 'create trigger election_ballots_append_only before update or delete on election_ballots
    for each row execute function balai_ballots_append_only()';
end $$;

-- A booth counts wrong ballot tokens per TPS, atomically, like a wrong sync key: after ten in ten
-- minutes it stops taking tokens for a while. The kinds already allowed are kept; 'ballot' is added.
do $$
declare def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
    where conrelid = 'attempt_counters'::regclass and conname = 'attempt_counters_kind_check';
  if def is null or position('ARRAY[' in def) = 0 then
    raise exception 'attempt_counters_kind_check has an unexpected form: %', def;
  end if;
  if position('''ballot''' in def) = 0 then
    execute 'alter table attempt_counters drop constraint attempt_counters_kind_check';
    execute 'alter table attempt_counters add constraint attempt_counters_kind_check '
      || replace(def, 'ARRAY[', 'ARRAY[''ballot''::text, ');
  end if;
end $$;
