-- Tourism and local potential (issue 17, item 5): what a village offers visitors — destinations,
-- homestays, events and its own products — with photos, a map point, opening times and prices,
-- shown on the village website and in a province-wide listing by regency. Public data the
-- village chose to show; a listing is edited in place (not an official record) and withdrawn,
-- never deleted; who changed it is in the audit log.
create table tourism_listings (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('destination', 'homestay', 'event', 'product')),
  name text not null check (length(name) between 3 and 100),
  description text not null default '' check (length(description) <= 3000),
  address text check (length(address) between 3 and 200),
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  opening_hours text check (length(opening_hours) between 3 and 200),
  -- Whole rupiah; a range ("Rp10.000–Rp25.000 per orang") or one price (no upper bound), or free (0).
  price_min numeric(14, 0) check (price_min >= 0),
  price_max numeric(14, 0),
  price_unit text check (length(price_unit) between 2 and 40),
  contact_phone text check (contact_phone ~ '^\+?[0-9]{8,15}$'),
  -- A homestay's rooms; an event's first and last day.
  rooms smallint check (rooms between 1 and 500),
  starts_on date,
  ends_on date,
  -- A village product also on sale in the market: the visitor is sent to buy it there.
  market_product_id bigint,
  search_name text generated always as (balai_search_text(name)) stored,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  updated_by bigint references users (id),
  updated_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  primary key (village_code, id),
  check ((latitude is null) = (longitude is null)),
  check (price_max is null or (price_min is not null and price_max >= price_min)),
  check (price_unit is null or price_min is not null),
  check ((kind = 'event') = (starts_on is not null)),
  check (ends_on is null or (starts_on is not null and ends_on >= starts_on)),
  check (kind = 'homestay' or rooms is null),
  check (kind = 'product' or market_product_id is null)
);
-- The village's own pages, per kind; the province-wide listing reads the village codes of a
-- regency as a range of this key (its codes share their first five characters).
create index tourism_listings_shown on tourism_listings (village_code, kind, id desc) where withdrawn_at is null;
create index tourism_listings_newest on tourism_listings (updated_at desc) where withdrawn_at is null;
-- Words of a name across the province: a trigram index on the normalised name, as the market's.
create index tourism_listings_search on tourism_listings using gin (search_name gin_trgm_ops) where withdrawn_at is null;
select balai_distribute_village('tourism_listings');

-- Photos, made on upload like the market's: a large copy (1280 px) and a small one (360 px), JPEG without metadata.
create table tourism_photos (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  listing_id bigint not null,
  position smallint not null check (position between 1 and 5),
  large bytea not null,
  small bytea not null,
  width integer not null,
  height integer not null,
  primary key (village_code, id),
  unique (village_code, listing_id, position)
);
select balai_distribute_village('tourism_photos');

alter table tourism_photos add constraint tourism_photos_listing_fk foreign key (village_code, listing_id) references tourism_listings (village_code, id);
alter table tourism_listings add constraint tourism_listings_product_fk foreign key (village_code, market_product_id) references market_products (village_code, id);
