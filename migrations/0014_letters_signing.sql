-- Signing by officials: a village with few officials may let the one who checked a request
-- also sign it (off by default: four eyes), and each signed letter keeps which official signed.
alter table letter_settings add column checker_may_sign boolean not null default false;
alter table letters add column signed_by_official bigint;
