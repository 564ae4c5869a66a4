import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { BudgetEntriesTable, BudgetImportsTable, BudgetLinesTable, Database } from '../../../platform/db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;
const CHUNK = 500;

/** When this very file (by its SHA-256) was imported into the village, if it was. */
export const importedFile = (db: Q, village: string, kind: string, hash: string) =>
  db.selectFrom('budget_imports').select(['imported_at', 'year']).where('village_code', '=', village).where('kind', '=', kind).where('file_hash', '=', hash).where('status', '=', 'imported').executeTakeFirst();

/** Keeps a checked preview; previews of the village left unconfirmed for a day go. */
export async function savePreview(db: Q, row: Insertable<BudgetImportsTable>): Promise<number> {
  await db.deleteFrom('budget_imports').where('village_code', '=', row.village_code).where('status', '=', 'previewed').where('created_at', '<', new Date(Date.now() - 86_400_000)).execute();
  return (await db.insertInto('budget_imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findPreview = (db: Q, village: string, id: number) =>
  db.selectFrom('budget_imports').select(['id', 'kind', 'year', 'file_name', 'rows', 'status', 'created_by', 'imported_at']).where('village_code', '=', village).where('id', '=', id).executeTakeFirst();

/** True when this call turned the preview into an import (a second one finds it done). */
export async function markImported(trx: Transaction<Database>, village: string, id: number): Promise<boolean> {
  const r = await trx.updateTable('budget_imports').set({ status: 'imported', imported_at: new Date() }).where('village_code', '=', village).where('id', '=', id).where('status', '=', 'previewed').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const recordResult = (trx: Transaction<Database>, village: string, id: number, r: { budget_id: number | null; added: number; skipped: number }) =>
  trx.updateTable('budget_imports').set({ ...r, rows: '[]' }).where('village_code', '=', village).where('id', '=', id).execute();

/** The village's imports, latest first, with who did them. */
export const importsOf = (db: Q, village: string) =>
  db
    .selectFrom('budget_imports as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select(['i.id', 'i.kind', 'i.year', 'i.file_name', 'i.row_count', 'i.budget_id', 'i.added', 'i.skipped', 'i.imported_at', 'u.full_name as by'])
    .where('i.village_code', '=', village)
    .where('i.status', '=', 'imported')
    .orderBy('i.imported_at', 'desc')
    .limit(20)
    .execute();

/**
 * Which of these references the year's entries already hold: a Siskeudes voucher line imported
 * before, or an entry of this village Balai exported as "BALAI/<number>".
 */
export async function presentRefs(db: Q, village: string, year: number, refs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const part = refs.slice(i, i + CHUNK);
    const ids = part.filter((r) => r.startsWith('BALAI/')).map((r) => Number(r.slice(6)));
    const rows = await db.selectFrom('budget_entries').select(['id', 'source_ref']).where('village_code', '=', village).where('year', '=', year)
      .where((eb) => eb.or([eb('source_ref', 'in', part), ...(ids.length ? [eb('id', 'in', ids)] : [])])).execute();
    for (const r of rows) {
      if (r.source_ref) found.add(r.source_ref);
      found.add(`BALAI/${r.id}`);
    }
  }
  return found;
}

/** Paid so far in the year per account and activity ("5.3.5|2.3.10"). */
export async function paidByKey(db: Q, village: string, year: number): Promise<Map<string, bigint>> {
  const rows = await db
    .selectFrom('budget_entries')
    .select(['account_code', 'activity_code', sql<string>`sum(amount)`.as('amount')])
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('account_code', 'not like', '4.%')
    .groupBy(['account_code', 'activity_code'])
    .execute();
  return new Map(rows.map((r) => [`${r.account_code}|${r.activity_code ?? ''}`, BigInt(r.amount)]));
}

export async function insertBudgetLines(trx: Transaction<Database>, rows: Insertable<BudgetLinesTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('budget_lines').values(rows.slice(i, i + CHUNK)).execute();
}

export async function insertEntries(trx: Transaction<Database>, rows: Insertable<BudgetEntriesTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('budget_entries').values(rows.slice(i, i + CHUNK)).execute();
}

/** A year's entries that stand, in the order they were posted, for the export: a corrected entry and its correction cancel out. */
export const entriesOfYear = (db: Q, village: string, year: number) =>
  db
    .selectFrom('budget_entries as e')
    .select(['e.id', 'e.entry_date', 'e.account_code', 'e.activity_code', 'e.fund', 'e.description', 'e.amount', 'e.tax_ppn', 'e.tax_pph', 'e.method', 'e.source_ref'])
    .where('e.village_code', '=', village)
    .where('e.year', '=', year)
    .where('e.corrects', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('budget_entries as c').select('c.id').whereRef('c.village_code', '=', 'e.village_code').whereRef('c.corrects', '=', 'e.id'))))
    .orderBy('e.entry_date')
    .orderBy('e.id')
    .execute();
