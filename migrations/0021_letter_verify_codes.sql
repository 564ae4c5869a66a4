-- The public check of a letter (/v/<code>) finds it by its verification code alone, without
-- knowing its village. The code's uniqueness and that look-up live in their own table, keyed
-- by the code: on Citus a unique index on letters must include village_code, and this table
-- is distributed by the code, so a check is one single-shard read, then the letter's own shard.
create table letter_verify_codes (
  verify_code text collate "C" primary key,
  village_code text collate "C" not null,
  letter_id bigint not null
);

insert into letter_verify_codes (verify_code, village_code, letter_id)
select verify_code, village_code, id from letters where verify_code is not null;

drop index letters_verify_code;
