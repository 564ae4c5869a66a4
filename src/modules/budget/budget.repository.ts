import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { BudgetLinesTable, BudgetStatus, BudgetsTable, Database } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The Permendagri 20/2018 reference lists: the same for every village, read once a process. */
let reference: Promise<{ accounts: ReferenceRow[]; activities: ReferenceRow[] }> | null = null;
export interface ReferenceRow { code: string; parent_code: string | null; level: number; name: string }
export function budgetReference(db: Q) {
  reference ??= Promise.all([
    db.selectFrom('budget_accounts').select(['code', 'parent_code', 'level', 'name']).execute(),
    db.selectFrom('budget_activities').select(['code', 'parent_code', 'level', 'name']).execute(),
  ])
    .then(([accounts, activities]) => ({ accounts: accounts.sort(byCode), activities: activities.sort(byCode) }))
    .catch((err) => {
      reference = null;
      throw err;
    });
  return reference;
}

/** "2.3.10" after "2.3.5": numbers compared as numbers, part by part. */
export const byCode = (a: { code: string }, b: { code: string }) => {
  const x = a.code.split('.').map(Number);
  const y = b.code.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
};

const BUDGET_COLUMNS = [
  'b.id', 'b.year', 'b.version', 'b.based_on', 'b.status', 'b.prepared_at', 'b.verified_at', 'b.adopted_at', 'b.regulation_number', 'b.regulation_date', 'b.reason',
  'b.prepared_by', 'b.verified_by', 'b.adopted_by',
] as const;

/** Budgets of a village with the names of who prepared, verified and adopted each. */
const budgetRows = (db: Q, village: string) =>
  db
    .selectFrom('budgets as b')
    .leftJoin('users as p', 'p.id', 'b.prepared_by')
    .leftJoin('users as v', 'v.id', 'b.verified_by')
    .leftJoin('users as a', 'a.id', 'b.adopted_by')
    .select(BUDGET_COLUMNS)
    .select(['p.full_name as prepared_by_name', 'v.full_name as verified_by_name', 'a.full_name as adopted_by_name'])
    .where('b.village_code', '=', village);

/** The village's budgets, newest year and version first, with their income and spending. */
export const listBudgets = (db: Q, village: string) =>
  budgetRows(db, village)
    .select(sql<string>`(select coalesce(sum(l.amount), 0) from budget_lines l where l.village_code = b.village_code and l.budget_id = b.id and l.account_code like '4.%')`.as('income'))
    .select(sql<string>`(select coalesce(sum(l.amount), 0) from budget_lines l where l.village_code = b.village_code and l.budget_id = b.id and l.account_code like '5.%')`.as('spending'))
    .orderBy('b.year', 'desc')
    .orderBy('b.version', 'desc')
    .execute();

export const findBudget = (db: Q, village: string, id: number) => budgetRows(db, village).where('b.id', '=', id).executeTakeFirst();

/** The budget row locked for a change of status or lines: two officers acting at once take turns. */
export const lockBudget = (trx: Transaction<Database>, village: string, id: number) =>
  trx.selectFrom('budgets').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();

export const budgetsOfYear = (db: Q, village: string, year: number) =>
  db.selectFrom('budgets').select(['id', 'version', 'status']).where('village_code', '=', village).where('year', '=', year).orderBy('version', 'desc').execute();

export const insertBudget = (db: Q, row: Insertable<BudgetsTable>) =>
  db.insertInto('budgets').values(row).returning(['id']).executeTakeFirstOrThrow();

export const setBudgetStatus = (
  db: Q,
  village: string,
  id: number,
  changes: { status: BudgetStatus; verified_by?: number | null; verified_at?: Date | null; adopted_by?: number; adopted_at?: Date; regulation_number?: string; regulation_date?: string },
) => db.updateTable('budgets').set(changes).where('village_code', '=', village).where('id', '=', id).execute();

export const listLines = (db: Q, village: string, budgetId: number) =>
  db
    .selectFrom('budget_lines as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.account_code', 'l.activity_code', 'l.fund', 'l.description', 'l.volume', 'l.unit', 'l.unit_price', 'l.amount', 'l.created_by', 'u.full_name as created_by_name'])
    .where('l.village_code', '=', village)
    .where('l.budget_id', '=', budgetId)
    .orderBy('l.account_code')
    .orderBy('l.activity_code')
    .orderBy('l.id')
    .execute();

export const insertLine = (db: Q, row: Insertable<BudgetLinesTable>) =>
  db.insertInto('budget_lines').values(row).returning(['id']).executeTakeFirstOrThrow();

export const deleteLine = (db: Q, village: string, budgetId: number, id: number) =>
  db.deleteFrom('budget_lines').where('village_code', '=', village).where('budget_id', '=', budgetId).where('id', '=', id).returning(['description', 'amount']).executeTakeFirst();

/** A revision starts from the lines of the budget in force, each now the reviser's to change. */
export const copyLines = (trx: Transaction<Database>, village: string, from: number, to: number, by: number) =>
  sql`insert into budget_lines (village_code, budget_id, account_code, activity_code, fund, description, volume, unit, unit_price, amount, created_by)
      select village_code, ${to}, account_code, activity_code, fund, description, volume, unit, unit_price, amount, ${by}
      from budget_lines where village_code = ${village} and budget_id = ${from} order by id`.execute(trx);

/** Everyone who wrote a line of the budget (or started it): none of them may adopt it. */
export async function budgetAuthors(db: Q, village: string, budgetId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('budget_lines').select('created_by').distinct().where('village_code', '=', village).where('budget_id', '=', budgetId).execute();
  return new Set(rows.map((r) => r.created_by));
}

/** The adopted budget's figures for the dashboards above the village, in the adopting transaction. */
export const saveBudgetRollup = (
  trx: Transaction<Database>,
  row: { village_code: string; year: number; version: number; income: string; spending: string; financing_receipts: string; financing_expenses: string; spending_by_field: Record<string, string>; adopted_at: Date; regulation_date: string },
) =>
  trx
    .insertInto('monitoring_budgets')
    .values({ ...row, spending_by_field: JSON.stringify(row.spending_by_field) })
    .onConflict((oc) =>
      oc.columns(['village_code', 'year']).doUpdateSet({
        version: row.version, income: row.income, spending: row.spending, financing_receipts: row.financing_receipts, financing_expenses: row.financing_expenses,
        spending_by_field: JSON.stringify(row.spending_by_field), adopted_at: row.adopted_at, regulation_date: row.regulation_date,
      }),
    )
    .execute();

/** The budget in force of a year (the latest adopted version), for the public page. */
export const adoptedBudget = (db: Q, village: string, year?: number) => {
  let q = db.selectFrom('budgets').select(['id', 'year', 'version', 'regulation_number', 'regulation_date', 'adopted_at']).where('village_code', '=', village).where('status', '=', 'adopted');
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').limit(1).executeTakeFirst();
};

export const adoptedYears = (db: Q, village: string) =>
  db.selectFrom('budgets').select('year').where('village_code', '=', village).where('status', '=', 'adopted').orderBy('year', 'desc').execute();
