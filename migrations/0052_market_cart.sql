-- The buyer's own orders (issue 17, the cart): a resident who orders from self-service finds
-- them by the resident, across villages, without reading every order.
create index market_orders_resident on market_orders (buyer_resident_village, buyer_resident_id) where buyer_resident_id is not null;
