-- Announcements (pengumuman; issue 14, item 7): a message from the village to its residents
-- with a phone — all of them, one dusun's, or an aid programme's recipients — through the
-- notification outbox, so delivery is counted per message. A resident may opt out.
create table announcements (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  title text not null check (length(title) between 3 and 120),
  body text not null check (length(body) between 10 and 1000),
  audience text collate "C" not null check (audience in ('all', 'dusun', 'programme')),
  area_id bigint,
  programme_id bigint,
  -- Messages queued, and residents left out because they opted out.
  recipients integer not null,
  opted_out integer not null,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((audience = 'dusun') = (area_id is not null)),
  check ((audience = 'programme') = (programme_id is not null))
);
select balai_distribute_village('announcements');

-- Residents who asked not to receive announcements (service messages about their own letters still come).
create table announcement_opt_outs (
  village_code text collate "C" not null references villages (village_code),
  resident_id bigint not null,
  since timestamptz not null default now(),
  primary key (village_code, resident_id)
);
select balai_distribute_village('announcement_opt_outs');

alter table announcements add constraint announcements_area_fk foreign key (village_code, area_id) references village_areas_rows (village_code, id);
alter table announcements add constraint announcements_programme_fk foreign key (village_code, programme_id) references assistance_programmes (village_code, id);
alter table announcement_opt_outs add constraint announcement_opt_outs_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
