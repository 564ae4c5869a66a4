-- The village website (issue 14, item 6): every activated village has a public site at
-- /desa/<code>; a village may choose a short name (slug) for /desa/<slug> and its own domain.
-- Slugs and domains are looked up before the village is known, so they live in a small
-- reference table (one row per village that set up its site).
create table village_sites (
  village_code text collate "C" primary key references villages (village_code),
  slug text collate "C" unique check (slug ~ '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'),
  domain text collate "C" unique check (length(domain) between 4 and 253),
  tagline text check (length(tagline) <= 160),
  -- Markdown as typed, and the safe HTML made from it when saved (no raw HTML passes).
  about_md text check (length(about_md) <= 20000),
  about_html text,
  history_md text check (length(history_md) <= 20000),
  history_html text,
  office_hours text check (length(office_hours) <= 300),
  updated_by bigint references users (id),
  updated_at timestamptz not null default now()
);
select balai_reference_table('village_sites');

-- News, announcements and agenda items on the site. A post is edited in place (it is not an
-- official record) and withdrawn, never deleted; who changed it and when is in the audit log.
create table site_posts (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text collate "C" not null check (kind in ('news', 'announcement', 'agenda')),
  title text not null check (length(title) between 3 and 150),
  body_md text not null check (length(body_md) <= 20000),
  body_html text not null,
  -- An agenda item's day, time and place.
  event_on date,
  event_time text check (length(event_time) <= 40),
  event_place text check (length(event_place) <= 200),
  published_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  created_by bigint not null references users (id),
  updated_by bigint references users (id),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((kind = 'agenda') = (event_on is not null))
);
create index site_posts_recent on site_posts (village_code, published_at desc) where withdrawn_at is null;
create index site_posts_agenda on site_posts (village_code, event_on) where kind = 'agenda' and withdrawn_at is null;
select balai_distribute_village('site_posts');

-- Gallery photos and officials' portraits, resized on upload, metadata dropped.
create table site_photos (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  caption text check (length(caption) <= 200),
  official_id bigint,
  bytes bytea not null,
  -- A small copy (at most 360 px) for the gallery's grid and the officials' list on a phone.
  thumb bytea not null,
  type text not null check (type in ('image/jpeg')),
  width integer not null,
  height integer not null,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  primary key (village_code, id)
);
create index site_photos_recent on site_photos (village_code, id desc) where withdrawn_at is null;
create unique index site_photos_one_portrait on site_photos (village_code, official_id) where official_id is not null and withdrawn_at is null;
select balai_distribute_village('site_photos');

alter table site_photos add constraint site_photos_official_fk foreign key (village_code, official_id) references village_officials (village_code, id);
