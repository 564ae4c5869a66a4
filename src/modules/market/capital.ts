import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Penyertaan modal desa: the APBDes account of the village's capital put into its enterprises. */
export const CAPITAL_ACCOUNT = '6.2.2';

/**
 * The village's capital participation in its BUMDes, per year, as its adopted APBDes (the
 * version in force) budgets it on account 6.2.2 and its sub-accounts: public figures, like the
 * budget itself. Newest year first, the last five.
 */
export async function bumdesCapital(db: Kysely<Database>, village: string): Promise<{ year: number; amount: string }[]> {
  const r = await sql<{ year: number; amount: string }>`
    select b.year, sum(l.amount)::text as amount
    from budgets b join budget_lines l on l.village_code = b.village_code and l.budget_id = b.id
    where b.village_code = ${village} and b.status = 'adopted' and (l.account_code = ${CAPITAL_ACCOUNT} or l.account_code like ${`${CAPITAL_ACCOUNT}.%`})
    group by b.year order by b.year desc limit 5`.execute(db);
  return r.rows.map((row) => ({ year: Number(row.year), amount: row.amount }));
}
