import type { UseCaseContext } from '../../../platform/context.js';
import { besideModule } from '../../../platform/paths.js';
import { runInWorker } from '../../../platform/workers/run.js';
import { badRequest, notFound } from '../../../platform/http/errors.js';
import { yearOf } from '../../../platform/http/text-input.js';
import { villageInScope } from '../../villages/index.js';
import * as budgets from '../budget.repository.js';
import { rupiahFromText, volumeFromText } from '../money.js';
import { entriesOfYear } from './siskeudes.repository.js';
import type { WorkbookInput } from './workbook.js';

/**
 * The round trip: a year's budget in force, or its entries, in the columns the importer reads
 * (`layouts.json`), so that what Balai exports imports again — into Siskeudes' spreadsheet
 * tools, or back into Balai, where it is recognised and nothing is written twice.
 */

/** The worker thread that writes the workbook (export-worker.ts): a year of vouchers is too much work for the event loop. */
const EXPORT_WORKER = besideModule('./export-worker', import.meta.url);
const workbook = async (kind: WorkbookInput['kind'], rows: WorkbookInput['rows']) =>
  Buffer.from(await runInWorker<Uint8Array>(EXPORT_WORKER, { kind, rows } satisfies WorkbookInput, { timeoutMs: 60_000, memoryMb: 512 }));

const amount = (text: string) => Number(rupiahFromText(text)); // whole rupiah stay exact in a double below 2^53

/** The vouchers of this year unless asked otherwise. */
export async function exportSiskeudes(ctx: UseCaseContext, villageInput: string, kindInput: string | undefined, yearInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  if (kindInput === undefined || kindInput === '') kindInput = 'realisasi';
  if (kindInput !== 'apbdes' && kindInput !== 'realisasi') throw badRequest('validation.choice', 'kind');
  const year = yearInput === undefined || yearInput === '' ? Number(today.slice(0, 4)) : yearOf(yearInput, 'tahun');
  const name = `siskeudes-${kindInput}-${code.replace(/\./g, '')}-${year}.xlsx`;
  if (kindInput === 'apbdes') {
    const inForce = await budgets.adoptedBudget(ctx.db.kysely, code, year);
    if (!inForce) throw notFound('budget.not_found');
    const lines = await budgets.listLines(ctx.db.kysely, code, inForce.id);
    const rows = lines.map((l) => ({
      year, activity: l.activity_code, account: l.account_code, fund: l.fund, description: l.description,
      volume: Number(volumeFromText(l.volume)) / 100, unit: l.unit, unit_price: amount(l.unit_price), amount: amount(l.amount),
    }));
    return { name, bytes: await workbook('apbdes', rows) };
  }
  const entries = await entriesOfYear(ctx.db.kysely, code, year);
  const rows = entries.map((e) => ({
    // An entry imported from Siskeudes keeps its voucher; one posted in Balai is named by its number here.
    voucher: e.source_ref ? e.source_ref.split('|')[0]! : `BALAI/${e.id}`,
    date: e.entry_date, activity: e.activity_code, account: e.account_code, fund: e.fund, description: e.description,
    amount: amount(e.amount), tax_ppn: amount(e.tax_ppn), tax_pph: amount(e.tax_pph), method: e.method === 'tunai' ? 'Tunai' : 'Bank',
  }));
  return { name, bytes: await workbook('realisasi', rows) };
}
