/**
 * Words typed in a search box as a LIKE pattern on a `search_name` column (made by
 * balai_search_text, migration 0005: accents off, lower case): made the same way here, its
 * % and _ escaped, wrapped to match anywhere in the name.
 */
export const containsPattern = (q: string) => `%${q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A list's page number from the address: 1 to 999, anything else the first page. */
export const pageOf = (v: string | undefined) => (/^\d{1,3}$/.test(v ?? '') && Number(v) > 0 ? Number(v) : 1);
