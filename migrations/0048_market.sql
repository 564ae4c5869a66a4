-- The village marketplace (issue 17): sellers (the BUMDes, residents' small businesses, cooperatives)
-- verified by their village, their products with photos, orders by buyers who prove a phone number
-- with a one-time code, each order's steps and messages. Money is whole rupiah in numeric, stock a
-- whole count that never goes below zero.

-- A wrong one-time code is counted per phone and per address, atomically, like a wrong password.
alter table attempt_counters drop constraint attempt_counters_kind_check;
alter table attempt_counters add constraint attempt_counters_kind_check check (kind in ('login', 'verify', 'complaint', 'sync', 'market'));

create table market_categories (
  code text collate "C" primary key check (code ~ '^[a-z_]{2,30}$'),
  name text not null,
  name_en text not null,
  sort smallint not null
);
select balai_reference_table('market_categories');
insert into market_categories (code, name, name_en, sort) values
  ('makanan', 'Makanan olahan', 'Processed food', 1), ('minuman', 'Minuman', 'Drinks', 2),
  ('hasil_tani', 'Hasil tani dan kebun', 'Farm produce', 3), ('ternak_ikan', 'Ternak dan ikan', 'Livestock and fish', 4),
  ('kerajinan', 'Kerajinan', 'Handicraft', 5), ('pakaian', 'Pakaian dan kain', 'Clothing and cloth', 6),
  ('jasa', 'Jasa', 'Services', 7), ('lainnya', 'Lainnya', 'Other', 8);

-- A seller of the village. The BUMDes and a cooperative are registered by the village office, a
-- small business (UMKM) by its owner, a resident, from self-service. Nothing is sold before the
-- village verifies it; a seller stopped is suspended, never deleted (its orders stay).
create table market_sellers (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  kind text not null check (kind in ('bumdes', 'umkm', 'koperasi')),
  name text not null check (length(name) between 3 and 100),
  description text not null default '' check (length(description) <= 2000),
  phone text not null check (phone ~ '^\+?[0-9]{8,15}$'),
  address text not null check (length(address) between 3 and 200),
  owner_resident_id bigint,
  legal_name text check (length(legal_name) between 3 and 150),
  deed_no text check (length(deed_no) between 1 and 60),
  registration_no text check (length(registration_no) between 1 and 60),
  status text not null default 'pending' check (status in ('pending', 'verified', 'refused', 'suspended')),
  status_reason text check (length(status_reason) <= 500),
  status_by bigint references users (id),
  status_at timestamptz,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((kind = 'umkm') = (owner_resident_id is not null))
);
-- One small business per resident, one BUMDes per village.
create unique index market_sellers_one_bumdes on market_sellers (village_code) where kind = 'bumdes';
create unique index market_sellers_owner on market_sellers (village_code, owner_resident_id) where owner_resident_id is not null;
select balai_distribute_village('market_sellers');

-- A product: price in whole rupiah, stock a whole count (the unit says of what), weight for the courier.
create table market_products (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  seller_id bigint not null,
  name text not null check (length(name) between 3 and 100),
  description text not null default '' check (length(description) <= 2000),
  category text collate "C" not null references market_categories (code),
  unit text not null check (length(unit) between 1 and 20),
  price numeric(14, 0) not null check (price > 0),
  stock integer not null check (stock >= 0),
  weight_grams integer not null default 0 check (weight_grams between 0 and 1000000),
  halal_no text check (length(halal_no) between 3 and 40),
  pirt_no text check (length(pirt_no) between 3 and 40),
  active boolean not null default true,
  -- The name as the search compares it (lower case, no accents), kept as a column: the planner
  -- has its statistics to choose between the trigram index and the newest-first scan, and
  -- a match is checked without calling the function again (50,000 products: 200 ms → 1 ms).
  search_name text generated always as (balai_search_text(name)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index market_products_seller on market_products (village_code, seller_id);
-- The search across villages: a trigram index on the normalised name of what is on sale.
create index market_products_search on market_products using gin (search_name gin_trgm_ops) where active;
create index market_products_newest on market_products (created_at desc) where active;
select balai_distribute_village('market_products');

-- Photos, made on upload: a large one (the product page) and a small one (lists), both JPEG without metadata.
create table market_product_photos (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  product_id bigint not null,
  position smallint not null check (position between 1 and 5),
  large bytea not null,
  small bytea not null,
  width integer not null,
  height integer not null,
  primary key (village_code, id),
  unique (village_code, product_id, position)
);
select balai_distribute_village('market_product_photos');

-- An order to one seller. The buyer is a phone number proven by a one-time code (and a resident
-- when ordered from self-service); the phone and the address are seen by that seller and by the
-- village officers who settle disputes, nobody else.
create table market_orders (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  code text collate "C" not null check (code ~ '^[A-Z2-9]{8}$'),
  seller_id bigint not null,
  buyer_phone text not null check (buyer_phone ~ '^\+?[0-9]{8,15}$'),
  buyer_name text not null check (length(buyer_name) between 2 and 100),
  buyer_address text check (length(buyer_address) between 5 and 300),
  buyer_resident_village text collate "C",
  buyer_resident_id bigint,
  delivery text not null check (delivery in ('courier', 'pickup')),
  payment text not null check (payment in ('cod', 'transfer', 'gateway')),
  status text not null default 'placed' check (status in ('placed', 'confirmed', 'paid', 'shipped', 'ready', 'done', 'cancelled')),
  total numeric(16, 0) not null check (total >= 0),
  payment_ref text check (length(payment_ref) <= 100),
  proof bytea,
  placed_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  unique (village_code, code),
  check (delivery = 'pickup' or buyer_address is not null)
);
create index market_orders_seller on market_orders (village_code, seller_id, placed_at desc);
create index market_orders_buyer on market_orders (buyer_phone);
select balai_distribute_village('market_orders');

create table market_order_lines (
  village_code text collate "C" not null references villages (village_code),
  order_id bigint not null,
  product_id bigint not null,
  name text not null,
  unit text not null,
  price numeric(14, 0) not null check (price > 0),
  quantity integer not null check (quantity > 0),
  subtotal numeric(16, 0) not null,
  primary key (village_code, order_id, product_id),
  check (subtotal = price * quantity)
);
select balai_distribute_village('market_order_lines');

-- Each step of an order, who took it and when; a message between buyer and seller is a step without a status.
create table market_order_events (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  order_id bigint not null,
  status text check (status in ('placed', 'confirmed', 'paid', 'shipped', 'ready', 'done', 'cancelled')),
  by_user bigint references users (id),
  by_buyer boolean not null,
  note text check (length(note) <= 1000),
  at timestamptz not null default now(),
  primary key (village_code, id),
  check (status is not null or note is not null)
);
create index market_order_events_order on market_order_events (village_code, order_id, id);
select balai_distribute_village('market_order_events');

-- One-time codes sent to a buyer's phone (only the hash is kept), distributed by the phone.
create table market_buyer_codes (
  phone text collate "C" primary key check (phone ~ '^\+?[0-9]{8,15}$'),
  code_hash text not null,
  expires_at timestamptz not null,
  sent_at timestamptz not null default now()
);
select balai_distribute_by('market_buyer_codes', 'phone');

-- Sales per village, day and kind of seller for the levels above (no personal data): orders
-- placed, their value and the items in them, less what was cancelled; written in the transaction
-- of the order. The BUMDes's turnover is its kind's value.
create table monitoring_market (
  village_code text collate "C" not null references villages (village_code),
  day date not null,
  seller_kind text not null check (seller_kind in ('bumdes', 'umkm', 'koperasi')),
  orders integer not null default 0,
  value numeric(18, 0) not null default 0,
  items integer not null default 0,
  primary key (village_code, day, seller_kind)
);
select balai_distribute_village('monitoring_market');

alter table market_products add constraint market_products_seller_fk foreign key (village_code, seller_id) references market_sellers (village_code, id);
alter table market_product_photos add constraint market_product_photos_product_fk foreign key (village_code, product_id) references market_products (village_code, id);
alter table market_orders add constraint market_orders_seller_fk foreign key (village_code, seller_id) references market_sellers (village_code, id);
alter table market_order_lines add constraint market_order_lines_order_fk foreign key (village_code, order_id) references market_orders (village_code, id);
alter table market_order_lines add constraint market_order_lines_product_fk foreign key (village_code, product_id) references market_products (village_code, id);
alter table market_order_events add constraint market_order_events_order_fk foreign key (village_code, order_id) references market_orders (village_code, id);
alter table market_sellers add constraint market_sellers_owner_fk foreign key (village_code, owner_resident_id) references residents_rows (village_code, id);
