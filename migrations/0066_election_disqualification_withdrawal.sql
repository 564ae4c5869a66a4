-- A court disqualification recorded by mistake is withdrawn, not deleted: the row stays, marked
-- once with when, by whom and why. The same resident may be recorded again after a withdrawal
-- (a withdrawal itself made by mistake): each recording is a row of its own, numbered `entry`
-- 1, 2, … per resident, and at most one of a resident's rows is in force (not withdrawn).
-- Every reader treats a withdrawn row as no disqualification.

-- On Citus: the foreign key to users (a reference table) below needs the whole transaction in
-- sequential mode, set before the first change to the distributed table.
do $$
begin
  if balai_has_citus() then perform set_config('citus.multi_shard_modify_mode', 'sequential', true); end if;
end $$;

-- (Citus adds a column and its check only as two commands, the check named.)
alter table election_disqualifications add column entry smallint not null default 1;
alter table election_disqualifications add constraint election_disqualifications_entry check (entry >= 1);
alter table election_disqualifications add column withdrawn_at timestamptz;
alter table election_disqualifications add column withdrawn_by bigint;
alter table election_disqualifications add column withdrawal_reason text;
alter table election_disqualifications add constraint election_disqualifications_withdrawal_reason check (length(withdrawal_reason) between 5 and 200);
alter table election_disqualifications add constraint election_disqualifications_withdrawal check (
  (withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawal_reason is null));

-- The key gains the entry (still led by the village, the distribution column).
alter table election_disqualifications drop constraint election_disqualifications_pkey;
alter table election_disqualifications add primary key (village_code, election_id, resident_id, entry);
create unique index election_disqualifications_in_force on election_disqualifications (village_code, election_id, resident_id) where withdrawn_at is null;

alter table election_disqualifications add constraint election_disqualifications_withdrawn_by_fk foreign key (withdrawn_by) references users (id);
