-- The village's officials (perangkat desa): the people who sign letters, by name and position.
-- An official is never deleted: one who leaves is made inactive, so letters signed by them
-- still name a person the village recorded. An officer account may be linked to one official;
-- only a linked account signs, so a letter names a person, never a role ("Operator Desa").
create sequence village_officials_id_seq;

create table village_officials (
  village_code text collate "C" not null references villages (village_code),
  -- From a sequence, not an identity column: the table distributes by village on Citus.
  id bigint not null default nextval('village_officials_id_seq'),
  name text not null check (length(name) between 2 and 120),
  -- NIP (civil servant) or NIPD (village staff number); the letter prints the right label.
  staff_number text check (length(staff_number) <= 30),
  position text not null check (position in ('kepala_desa', 'sekretaris_desa', 'kaur', 'kasi', 'kepala_dusun', 'staf')),
  -- "Kaur Keuangan", "Kasi Pelayanan": printed under the signature.
  position_title text not null check (length(position_title) between 2 and 80),
  -- Named by the head to sign u.b. (untuk beliau) under the secretary.
  signs_ub boolean not null default false,
  user_id bigint references users (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by bigint references users (id),
  primary key (village_code, id)
);
alter sequence village_officials_id_seq owned by village_officials.id;
-- One official per account, among the active ones.
create unique index village_officials_user on village_officials (village_code, user_id) where user_id is not null and active;
