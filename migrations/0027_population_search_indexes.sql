-- Name search and the family list from indexes (issue 12, item 1).
--
-- Name search: a GIN trigram index on the normalised name, led by the village (btree_gin), for
-- "contains" (LIKE) and "close in spelling" (word similarity, `<%`). The GiST index it replaces
-- checked the plain similarity of the whole name, which let every "AMALIA" match "JIHAAN
-- AMALIA": 857 rows were read and ranked for one misspelt name (60–115 ms at 100,000
-- residents); word similarity matches the names that hold the words typed (29 rows, 3 ms).
create extension if not exists btree_gin;
create index residents_name_trgm on residents_rows using gin (village_code, balai_search_text(name) gin_trgm_ops);
drop index residents_name_search;

-- The family list in the order of its heads' names, a page at a time, from the index alone.
create index residents_heads on residents_rows (village_code, name, id) include (family_id, import_job)
  where family_relation = 1 and life_status in (1, 4, 6);

-- Age filters: the residents born between two dates (the list's total counts only the first
-- and last birth year of the range; the whole years between come from population_breakdowns).
create index residents_birth on residents_rows (village_code, life_status, birth_date) include (import_job);
