-- The normalised name (lower case, no accents) kept beside the name (issue 12, item 1). The
-- name search matched the trigram index of balai_search_text(name), then worked the function
-- out again, with unaccent, for each row it checked and ranked: a common name's 600–1,000
-- candidates cost 27–41 ms on the embedded database. Stored, it is computed once, on write.
alter table residents_rows add column search_name text generated always as (balai_search_text(name)) stored;
-- The view shows the new column (added at the end, as `create or replace view` allows).
create or replace view residents as select * from residents_rows where import_job is null or import_job not in (select job_id from staged_imports);
create index residents_search_name on residents_rows using gin (village_code, search_name gin_trgm_ops);
drop index residents_name_trgm;
