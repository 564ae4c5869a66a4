import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { BudgetEntriesTable, Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

const ENTRY_COLUMNS = [
  'e.id', 'e.year', 'e.entry_date', 'e.account_code', 'e.activity_code', 'e.fund', 'e.description', 'e.amount', 'e.tax_ppn', 'e.tax_pph',
  'e.method', 'e.corrects', 'e.reason', 'e.proof_type', 'e.posted_by', 'e.posted_at', 'e.verified_by', 'e.verified_at',
] as const;

// Whether an entry was corrected, by a join on the one-correction index (a sub-query per row cost a month's page tens of ms on PGlite).
const entries = (db: Q, village: string) =>
  db
    .selectFrom('budget_entries as e')
    .leftJoin('budget_entries as c', (j) => j.onRef('c.village_code', '=', 'e.village_code').onRef('c.corrects', '=', 'e.id'))
    .leftJoin('users as p', 'p.id', 'e.posted_by')
    .leftJoin('users as v', 'v.id', 'e.verified_by')
    .select(ENTRY_COLUMNS)
    .select(['p.full_name as posted_by_name', 'v.full_name as verified_by_name'])
    .select(sql<boolean>`c.id is not null`.as('corrected'))
    .where('e.village_code', '=', village);

/** A month of the cash book (or the whole year), in the order the money moved. */
export const entriesBetween = (db: Q, village: string, year: number, from: string, to: string) =>
  entries(db, village).where('e.year', '=', year).where('e.entry_date', '>=', from).where('e.entry_date', '<=', to).orderBy('e.entry_date').orderBy('e.id').execute();

export const findEntry = (db: Q, village: string, id: number) => entries(db, village).where('e.id', '=', id).executeTakeFirst();

export const entryProof = (db: Q, village: string, id: number) =>
  db.selectFrom('budget_entries').select(['proof', 'proof_type']).where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

export const insertEntry = (db: Q, row: Insertable<BudgetEntriesTable>) => db.insertInto('budget_entries').values(row).returning(['id']).executeTakeFirstOrThrow();

export const markVerified = (db: Q, village: string, id: number, by: number) =>
  db.updateTable('budget_entries').set({ verified_by: by, verified_at: new Date() }).where('village_code', '=', village).where('id', '=', id).where('verified_by', 'is', null).execute();

/** Received or paid per account and activity of a year, up to a day. */
export const realisedUpTo = (db: Q, village: string, year: number, upTo: string) =>
  db
    .selectFrom('budget_entries')
    .select(['account_code', 'activity_code', sql<string>`sum(amount)`.as('amount')])
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('entry_date', '<=', upTo)
    .groupBy(['account_code', 'activity_code'])
    .execute();

/** The cash in hand before a day: receipts (4, 6.1) less payments (5, 6.2). */
export async function balanceBefore(db: Q, village: string, year: number, day: string): Promise<bigint> {
  const r = await sql<{ n: string | null }>`
    select sum(case when account_code like '4.%' or account_code like '6.1.%' then amount else -amount end) as n
    from budget_entries where village_code = ${village} and year = ${year} and entry_date < ${day}`.execute(db);
  return BigInt(r.rows[0]?.n ?? '0');
}

/** Paid so far on one account of one activity: what a new payment must stay within. */
export async function paidOn(trx: Transaction<Database>, village: string, year: number, account: string, activity: string | null): Promise<bigint> {
  let q = trx
    .selectFrom('budget_entries')
    .select(sql<string | null>`sum(amount)`.as('n'))
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('account_code', '=', account);
  // Financing expenses (6.2) have no activity.
  q = activity === null ? q.where('activity_code', 'is', null) : q.where('activity_code', '=', activity);
  const r = await q.executeTakeFirst();
  return BigInt(r?.n ?? '0');
}

/** The year's realised income and spending beside its budget, for the dashboards; in the posting transaction. */
export const addToRollup = (trx: Transaction<Database>, village: string, year: number, income: bigint, spending: bigint, day: string) =>
  sql`update monitoring_budgets set realised_income = realised_income + ${income.toString()}::numeric,
        realised_spending = realised_spending + ${spending.toString()}::numeric,
        last_entry_date = greatest(last_entry_date, ${day}::date)
      where village_code = ${village} and year = ${year}`.execute(trx);

/** The adopted budget of a year, locked: postings of one village and year take turns, so two payments never both fit the same remainder. */
export const lockAdoptedBudget = (trx: Transaction<Database>, village: string, year: number) =>
  trx.selectFrom('budgets').select(['id', 'version']).where('village_code', '=', village).where('year', '=', year).where('status', '=', 'adopted').forUpdate().executeTakeFirst();

/** The lines of the budget in force for one account (and activity): what an entry is checked against. */
export const budgetedFor = (trx: Transaction<Database>, village: string, budgetId: number, account: string, activity: string | null) => {
  let q = trx.selectFrom('budget_lines').select(['fund', 'amount']).where('village_code', '=', village).where('budget_id', '=', budgetId).where('account_code', '=', account);
  q = activity === null ? q.where('activity_code', 'is', null) : q.where('activity_code', '=', activity);
  return q.execute();
};
