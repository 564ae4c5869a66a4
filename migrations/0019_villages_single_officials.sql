-- One active village head and one active secretary per village, held by the database as well:
-- two officers saving at the same moment could both pass the check in code (officials.ts).
create unique index village_officials_single_position on village_officials (village_code, position)
  where active and position in ('kepala_desa', 'sekretaris_desa');

-- The official who signed a letter is one of that village's officials. Not validated against
-- rows already there (a start must never fail on old data); every new signature is checked.
alter table letters add constraint letters_signed_by_official_fk
  foreign key (village_code, signed_by_official) references village_officials (village_code, id) not valid;
