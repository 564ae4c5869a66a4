-- The resident list's filters read from the index that picks its pages (issue 12, item 1):
-- sex, area and birth date beside the name, so a filtered page (women, one RT, aged 20–30)
-- is picked from the index alone. Page 10 of "aged 20–30" read 3,300 rows of the table to
-- check their birth dates (34 ms at 100,000 residents on PostgreSQL).
drop index residents_page;
create index residents_page on residents_rows (village_code, life_status, name, id) include (import_job, sex, area_id, birth_date);
