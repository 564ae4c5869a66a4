-- Proposals for the village's annual plan and the meetings that rank them (Permendagri
-- 114/2014): hamlets, community groups and citizens propose; the hamlet meeting (musyawarah
-- dusun) and the village meeting (Musdes / Musrenbangdes) take attendance from the population
-- register, score the proposals and adopt the priority list the RKPDes is built from.
create table plan_proposals (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  -- The RKPDes year it is proposed for.
  year smallint not null check (year between 2000 and 2100),
  source text not null check (source in ('dusun', 'kelompok', 'warga')),
  -- Who proposes: "Dusun II", "Kelompok Tani Makmur", or the citizen's name.
  proposer text not null check (length(proposer) between 2 and 120),
  -- The citizen who sent it from self-service (the register's row).
  resident_id bigint,
  -- A bidang, sub-bidang or activity of the reference (a citizen picks the bidang).
  field_code text collate "C" not null references budget_activities (code),
  description text not null check (length(description) between 2 and 300),
  location text not null check (length(location) between 2 and 120),
  beneficiaries text not null check (length(beneficiaries) between 2 and 200),
  -- Estimated cost in whole rupiah, when the proposer knows it.
  cost numeric(18, 0) check (cost >= 0),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  -- A proposal is never deleted: it is withdrawn, with who, when and why.
  withdrawn_by bigint references users (id),
  withdrawn_at timestamptz,
  withdrawn_reason text check (length(withdrawn_reason) <= 300),
  primary key (village_code, id),
  check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create index plan_proposals_of_year on plan_proposals (village_code, year, id);
select balai_distribute_village('plan_proposals');

create table meetings (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('musdus', 'musdes')),
  -- The RKPDes year it deliberates.
  year smallint not null check (year between 2000 and 2100),
  title text not null check (length(title) between 3 and 160),
  held_on date not null,
  place text not null check (length(place) between 2 and 120),
  agenda text check (length(agenda) <= 2000),
  minutes text check (length(minutes) <= 8000),
  status text not null default 'open' check (status in ('open', 'closed')),
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  closed_by bigint references users (id),
  closed_at timestamptz,
  primary key (village_code, id),
  check ((status = 'closed') = (closed_at is not null and closed_by is not null))
);
create index meetings_of_year on meetings (village_code, year, id);
select balai_distribute_village('meetings');

-- Who attended, from the register: the name and NIK come from the resident's row.
create table meeting_attendees (
  village_code text collate "C" not null references villages (village_code),
  meeting_id bigint not null,
  id bigserial,
  resident_id bigint not null,
  -- What they attend as: "Ketua BPD", "Ketua RT 001", "Tokoh masyarakat", "Warga" …
  role text not null check (length(role) between 2 and 60),
  added_by bigint not null references users (id),
  added_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, meeting_id, resident_id)
);
select balai_distribute_village('meeting_attendees');

-- The meeting's score (votes or points) for each proposal; the rank is set when it closes.
create table meeting_scores (
  village_code text collate "C" not null references villages (village_code),
  meeting_id bigint not null,
  proposal_id bigint not null,
  score integer not null check (score between 0 and 100000),
  rank smallint check (rank >= 1),
  primary key (village_code, meeting_id, proposal_id)
);
select balai_distribute_village('meeting_scores');

alter table meeting_attendees add constraint meeting_attendees_meeting_fk foreign key (village_code, meeting_id) references meetings (village_code, id);
alter table meeting_scores add constraint meeting_scores_meeting_fk foreign key (village_code, meeting_id) references meetings (village_code, id);
alter table meeting_attendees add constraint meeting_attendees_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table plan_proposals add constraint plan_proposals_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table meeting_scores add constraint meeting_scores_proposal_fk foreign key (village_code, proposal_id) references plan_proposals (village_code, id);

-- An RKPDes activity taken from the priority list points at its proposal.
alter table plan_items add column source_proposal bigint;
alter table plan_items add constraint plan_items_proposal_fk foreign key (village_code, source_proposal) references plan_proposals (village_code, id);
