import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { CashCountsTable, Database, TreasuryEntriesTable } from '../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** What each book holds at a moment, in whole rupiah. */
export interface Balances { bku: bigint; bank: bigint; tunai: bigint; ppn: bigint; pph: bigint }

/**
 * The balance of every book before (or, with `through`, at the end of) a day, from the entries
 * alone. A payment takes its gross amount out and brings the taxes withheld from it back in:
 * they stay with the treasurer until paid over. A withdrawal moves money from the bank to the
 * cash box and a deposit back, so neither changes the cash book's total.
 */
export async function balancesAt(db: Q, village: string, year: number, day: string, through = false): Promise<Balances> {
  const cmp = through ? sql.raw('<=') : sql.raw('<');
  const r = await sql<{ [k in keyof Balances]: string | null }>`
    with flows as (
      select method,
             case when account_code like '4.%' or account_code like '6.1.%' then amount else tax_ppn + tax_pph - amount end as flow,
             0::numeric as transfer, tax_ppn as ppn, tax_pph as pph
        from budget_entries where village_code = ${village} and year = ${year} and entry_date ${cmp} ${day}
      union all
      select method,
             case when kind = 'tax_payment' then -amount else 0 end,
             case kind when 'withdrawal' then amount when 'deposit' then -amount else 0 end,
             case when tax = 'ppn' then -amount else 0 end, case when tax = 'pph' then -amount else 0 end
        from treasury_entries where village_code = ${village} and year = ${year} and entry_date ${cmp} ${day}
    )
    select sum(flow) as bku,
           sum(case when method = 'bank' then flow else 0 end) - sum(transfer) as bank,
           sum(case when method = 'tunai' then flow else 0 end) + sum(transfer) as tunai,
           sum(ppn) as ppn, sum(pph) as pph
      from flows`.execute(db);
  const row = r.rows[0];
  const n = (v: string | null | undefined) => BigInt(v ?? '0');
  return { bku: n(row?.bku), bank: n(row?.bank), tunai: n(row?.tunai), ppn: n(row?.ppn), pph: n(row?.pph) };
}

/**
 * The lowest the entries from `day` on take the cash in hand, at the end of any day from `day`
 * to the year's end, counted from the balance before `day` (0 when nothing moves from then): a
 * new cash payment on `day` lowers every one of those balances, so it must fit within the lowest.
 */
export async function lowestCashFrom(db: Q, village: string, year: number, day: string): Promise<bigint> {
  const r = await sql<{ n: string | null }>`
    with days as (
      select entry_date, case when method = 'tunai' then
               case when account_code like '4.%' or account_code like '6.1.%' then amount else tax_ppn + tax_pph - amount end else 0 end as flow
        from budget_entries where village_code = ${village} and year = ${year} and entry_date >= ${day}
      union all
      select entry_date, case kind when 'withdrawal' then amount when 'deposit' then -amount
                                   else case when method = 'tunai' then -amount else 0 end end
        from treasury_entries where village_code = ${village} and year = ${year} and entry_date >= ${day}
    ), daily as (select entry_date, sum(flow) as flow from days group by entry_date)
    select coalesce(min(running), 0) as n from (select sum(flow) over (order by entry_date) as running from daily) s`.execute(db);
  return BigInt(r.rows[0]?.n ?? '0');
}

const TREASURY_COLUMNS = [
  't.id', 't.year', 't.entry_date', 't.kind', 't.method', 't.tax', 't.amount', 't.reference', 't.description', 't.corrects', 't.reason',
  't.posted_by', 't.posted_at', 't.verified_by', 't.verified_at',
] as const;

const treasury = (db: Q, village: string) =>
  db
    .selectFrom('treasury_entries as t')
    .leftJoin('treasury_entries as c', (j) => j.onRef('c.village_code', '=', 't.village_code').onRef('c.corrects', '=', 't.id'))
    .leftJoin('users as v', 'v.id', 't.verified_by')
    .select(TREASURY_COLUMNS)
    .select(['v.full_name as verified_by_name'])
    .select(sql<boolean>`c.id is not null`.as('corrected'))
    .where('t.village_code', '=', village);

export const treasuryBetween = (db: Q, village: string, year: number, from: string, to: string) =>
  treasury(db, village).where('t.year', '=', year).where('t.entry_date', '>=', from).where('t.entry_date', '<=', to).orderBy('t.entry_date').orderBy('t.id').execute();

export const findTreasuryEntry = (db: Q, village: string, id: number) => treasury(db, village).where('t.id', '=', id).executeTakeFirst();

export const insertTreasuryEntry = (db: Q, row: Insertable<TreasuryEntriesTable>) => db.insertInto('treasury_entries').values(row).returning(['id']).executeTakeFirstOrThrow();

export const markTreasuryVerified = (db: Q, village: string, id: number, by: number) =>
  db.updateTable('treasury_entries').set({ verified_by: by, verified_at: new Date() }).where('village_code', '=', village).where('id', '=', id).where('verified_by', 'is', null).execute();

export const insertCashCount = (db: Q, row: Insertable<CashCountsTable>) => db.insertInto('cash_counts').values(row).returning(['id']).executeTakeFirstOrThrow();

/** The counts of a year, latest first, with who counted. */
export const cashCountsOf = (db: Q, village: string, year: number) =>
  db
    .selectFrom('cash_counts as k')
    .leftJoin('users as u', 'u.id', 'k.counted_by')
    .select(['k.id', 'k.counted_on', 'k.cash_counted', 'k.bank_statement', 'k.book_cash', 'k.book_bank', 'k.note', 'u.full_name as counted_by_name'])
    .where('k.village_code', '=', village)
    .where('k.counted_on', '>=', `${year}-01-01`)
    .where('k.counted_on', '<=', `${year}-12-31`)
    .orderBy('k.counted_on', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
