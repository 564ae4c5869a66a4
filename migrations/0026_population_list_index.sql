-- The resident list's pages from the index alone (issue 12, item 1): the page's ids are picked
-- in name order by an index-only scan, which needs the staged-import column in the index (the
-- views filter on it), and the 50 rows are then read by id. Page 200 at 100,000 residents
-- picked its ids in 25 ms reading the table, and 2 ms from this index.
create index residents_page on residents_rows (village_code, life_status, name, id) include (import_job);
drop index residents_list;
