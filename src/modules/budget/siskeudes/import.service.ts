import { createHash } from 'node:crypto';
import { can, userIdOf } from '../../../platform/access/access.js';
import { writeWithAudit } from '../../../platform/audit/audit.js';
import type { UseCaseContext } from '../../../platform/context.js';
import { violatedUniqueIndex } from '../../../platform/db/unique-violation.js';
import { formatDate, formatRupiah } from '../../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../../platform/http/errors.js';
import { clean, text, yearOf } from '../../../platform/http/text-input.js';
import type { Permission } from '../../../platform/access/permissions.js';
import { readSpreadsheet, type Sheet } from '../../population/transfer/index.js';
import { villageInScope } from '../../villages/index.js';
import * as budgets from '../budget.repository.js';
import { createVersion, openExists, versionLabel } from '../budget.service.js';
import { lineAmount, rupiahFromText, volumeText } from '../money.js';
import { addToRollup, lockAdoptedBudget } from '../realisation.repository.js';
import { isReceipt } from '../realisation.service.js';
import { budgetTotals } from '../totals.js';
import { balancesAt, lowestCashFrom } from '../treasury.repository.js';
import * as layout from './layout.js';
import type { Kind, Problem } from './layout.js';
import * as repo from './siskeudes.repository.js';
import { safeFileName } from '../../../platform/http/file-name.js';

/**
 * Siskeudes files into a village's budget, with the discipline of the population import:
 * the preview reads and checks every row and writes nothing to the books; the import then
 * writes every row in one transaction or none; the same file again is refused, and a
 * realisation file with more vouchers than last time adds only the new ones.
 * - apbdes: the lines of a year's budget (Ta_RABRinci) become a new draft version, which is
 *   verified and adopted like one typed in;
 * - realisasi: receipts and payments (vouchers) become entries against the budget in force,
 *   by the same rules as one posted on the page (accounts budgeted, never past the budget).
 */

const MAX_PROBLEMS_SHOWN = 200;
/** The voucher Balai's export gives an entry posted in Balai ("BALAI/123"). */
export const BALAI_VOUCHER = /^BALAI\/\d{1,12}$/;
const PERMISSION: Record<Kind, Permission> = { apbdes: 'budget.write', realisasi: 'budget.post' };

export interface BudgetRow { line: number; account: string; activity: string | null; fund: string | null; description: string; volume: string; unit: string; unit_price: string; amount: string }
export interface EntryRow { line: number; ref: string; voucher: string; date: string; account: string; activity: string | null; fund: string | null; description: string; amount: string; ppn: string; pph: string; method: string }

type Reference = Awaited<ReturnType<typeof budgets.budgetReference>>;

function kindOf(input: string | undefined): Kind {
  const k = clean(input);
  if (!(layout.KINDS as readonly string[]).includes(k)) throw badRequest('validation.choice', 'kind');
  return k as Kind;
}

function codes(reference: Reference, raw: { account: string; activity: string; fund: string }) {
  const account = layout.accountOf(raw.account);
  if (!account || !reference.accounts.some((a) => a.code === account && a.level === 3)) throw badRequest('budget.account', 'account');
  if (!account.startsWith('5.')) return { account, activity: null, fund: null };
  const activity = layout.activityOf(raw.activity);
  if (!activity || !reference.activities.some((a) => a.code === activity && a.level === 3)) throw badRequest('budget.activity', 'activity');
  const fund = layout.fundOf(raw.fund);
  if (!fund) throw badRequest('budget.fund', 'fund');
  return { account, activity, fund };
}

function budgetRows(sheet: Sheet, year: number, reference: Reference) {
  const { at, body } = layout.findColumns('apbdes', sheet);
  const rows: BudgetRow[] = [];
  const problems: Problem[] = [];
  for (const r of body) {
    const cell = (field: string) => (at.has(field) ? r.cells[at.get(field)!] : undefined);
    const raw = (field: string) => layout.textOf(cell(field));
    if (raw('account') === '' && raw('description') === '') continue; // an empty or a total row
    try {
      if (Number(raw('year')) !== year) throw badRequest('siskeudes.other_year', 'year', { year });
      const c = codes(reference, { account: raw('account'), activity: raw('activity'), fund: raw('fund') });
      const description = text(raw('description'), 'description', 2, 200);
      const volume = layout.volumeOf(cell('volume'), 'volume');
      const unit = text(raw('unit'), 'unit', 1, 30);
      const price = layout.rupiahOf(cell('unit_price'), 'unit_price');
      const amount = layout.rupiahOf(cell('amount'), 'amount');
      if (lineAmount(volume, price) !== amount)
        throw badRequest('siskeudes.amount_mismatch', 'amount', { computed: formatRupiah(lineAmount(volume, price)), written: formatRupiah(amount) });
      rows.push({ line: r.line, ...c, description, volume: volumeText(volume), unit, unit_price: price.toString(), amount: amount.toString() });
    } catch (err) {
      problems.push(layout.problemOf(err, r.line, 'apbdes'));
    }
  }
  return { rows, problems };
}

function entryRows(sheet: Sheet, year: number, reference: Reference, today: string) {
  const { at, body } = layout.findColumns('realisasi', sheet);
  const rows: EntryRow[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const cell = (field: string) => (at.has(field) ? r.cells[at.get(field)!] : undefined);
    const raw = (field: string) => layout.textOf(cell(field));
    if (raw('voucher') === '' && raw('account') === '') continue;
    try {
      const voucher = text(raw('voucher'), 'voucher', 1, 60);
      const date = layout.dateOf(cell('date'), sheet.date1904, 'date');
      if (Number(date.slice(0, 4)) !== year) throw badRequest('siskeudes.other_year', 'date', { year });
      if (date > today) throw badRequest('budget.regulation_in_future', 'date');
      const c = codes(reference, { account: raw('account'), activity: raw('activity'), fund: raw('fund') });
      const description = text(raw('description') || voucher, 'description', 2, 200);
      const amount = layout.rupiahOf(cell('amount'), 'amount');
      if (amount === 0n) throw badRequest('validation.too_small', 'amount', { min: 'Rp1' });
      const receipt = isReceipt(c.account);
      const ppn = receipt || raw('tax_ppn') === '' ? 0n : layout.rupiahOf(cell('tax_ppn'), 'tax_ppn');
      const pph = receipt || raw('tax_pph') === '' ? 0n : layout.rupiahOf(cell('tax_pph'), 'tax_pph');
      if (ppn + pph > amount) throw badRequest('budget.taxes_over_amount', 'tax_pph');
      const method = layout.methodOf(raw('method'));
      if (!method) throw badRequest('validation.choice', 'method');
      // A voucher may pay several accounts; the same account twice in one voucher is told apart by its place.
      // An entry Balai exported is named by its own number and is found by it.
      const key = `${voucher}|${c.account}|${c.activity ?? ''}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      rows.push({ line: r.line, ref: BALAI_VOUCHER.test(voucher) ? voucher : `${key}|${n}`, voucher, date, ...c, description, amount: amount.toString(), ppn: ppn.toString(), pph: pph.toString(), method });
    } catch (err) {
      problems.push(layout.problemOf(err, r.line, 'realisasi'));
    }
  }
  return { rows, problems };
}

/**
 * The rows checked against the budget in force as the page would check them one by one: the
 * account (with activity and fund) budgeted, and no payment past what is left on it.
 */
function checkAgainstBudget(rows: EntryRow[], lines: { account_code: string; activity_code: string | null; fund: string | null; amount: string }[], paid: Map<string, bigint>, year: number): Problem[] {
  const problems: Problem[] = [];
  const budgeted = new Map<string, bigint>();
  for (const l of lines) {
    const key = `${l.account_code}|${l.activity_code ?? ''}`;
    budgeted.set(key, (budgeted.get(key) ?? 0n) + rupiahFromText(l.amount));
  }
  const so = new Map(paid);
  for (const r of rows) {
    const key = `${r.account}|${r.activity ?? ''}`;
    const spending = r.account.startsWith('5.');
    if (!lines.some((l) => l.account_code === r.account && (l.activity_code ?? null) === r.activity && (!spending || l.fund === r.fund))) {
      problems.push({ line: r.line, column: 'Kd_Rincian', key: spending ? 'budget.not_budgeted_spending' : 'budget.not_budgeted', params: { field: 'Kd_Rincian', year } });
      continue;
    }
    if (isReceipt(r.account)) continue;
    const before = so.get(key) ?? 0n;
    const amount = BigInt(r.amount);
    const limit = budgeted.get(key) ?? 0n;
    if (before + amount > limit) {
      problems.push({ line: r.line, column: 'Nilai', key: 'budget.over_budget', params: { field: 'Nilai', budgeted: formatRupiah(limit), paid: formatRupiah(before), left: formatRupiah(limit - before) } });
      continue;
    }
    so.set(key, before + amount);
  }
  return problems;
}

/** Budget lines are imported by those who prepare the budget, vouchers by those who post entries. */
function mayImport(ctx: UseCaseContext, village: string, kind: Kind) {
  if (!can(ctx.actor, PERMISSION[kind], village)) throw forbidden('error.forbidden');
}

async function scope(ctx: UseCaseContext, villageInput: string, kind: Kind) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  mayImport(ctx, village.village_code, kind);
  return village;
}

export interface Upload { name: string; bytes: Buffer }

/** Reads and checks a file; stores the rows it would write, to be imported as they were shown. */
export async function previewSiskeudes(ctx: UseCaseContext, villageInput: string, input: { kind?: string; tahun?: string }, upload: Upload | null, today: string) {
  const kind = kindOf(input.kind);
  const village = await scope(ctx, villageInput, kind);
  const code = village.village_code;
  const year = yearOf(input.tahun, 'tahun');
  if (!upload || upload.bytes.length === 0) throw badRequest('import.file_missing', 'file');
  const fileName = safeFileName(upload.name);
  const hash = createHash('sha256').update(upload.bytes).digest('hex');
  const db = ctx.db.kysely;
  const [sheet, reference, before] = await Promise.all([readSpreadsheet(upload.bytes, fileName), budgets.budgetReference(db), repo.importedFile(db, code, kind, hash)]);
  const base = { village, kind, year, fileName, alreadyImported: before ? { at: before.imported_at!, year: before.year } : null };
  let problems: Problem[];
  let rows: (BudgetRow | EntryRow)[];
  let summary: { income: bigint; spending: bigint; financing: bigint; added: number; skipped: number };
  if (kind === 'apbdes') {
    const read = budgetRows(sheet, year, reference);
    ({ rows, problems } = read);
    const t = budgetTotals(read.rows.map((r) => ({ account_code: r.account, activity_code: r.activity, amount: BigInt(r.amount) })));
    summary = { income: t.income, spending: t.spending, financing: t.netFinancing, added: read.rows.length, skipped: 0 };
    const versions = await budgets.budgetsOfYear(db, code, year);
    const open = versions.find((v) => v.status === 'draft' || v.status === 'verified');
    if (open) problems.unshift({ line: 0, column: null, key: 'budget.open_exists', params: { field: 'tahun', year, version: versionLabel(open.version) } });
  } else {
    const read = entryRows(sheet, year, reference, today);
    problems = read.problems;
    const inForce = await budgets.adoptedBudget(db, code, year);
    if (!inForce) problems.unshift({ line: 0, column: null, key: 'budget.no_budget_in_force', params: { field: 'tahun', year } });
    const present = await repo.presentRefs(db, code, year, read.rows.map((r) => r.ref));
    const fresh = read.rows.filter((r) => !present.has(r.ref));
    if (inForce) {
      const [lines, paid] = await Promise.all([budgets.listLines(db, code, inForce.id), repo.paidByKey(db, code, year)]);
      problems.push(...checkAgainstBudget(fresh, lines, paid, year));
    }
    rows = fresh;
    const sumOf = (pred: (a: string) => boolean) => fresh.filter((r) => pred(r.account)).reduce((s, r) => s + BigInt(r.amount), 0n);
    summary = { income: sumOf((a) => a.startsWith('4.')), spending: sumOf((a) => a.startsWith('5.')), financing: 0n, added: fresh.length, skipped: read.rows.length - fresh.length };
  }
  if (rows.length === 0 && problems.length === 0 && summary.skipped === 0) problems.push({ line: 0, column: null, key: 'siskeudes.no_rows', params: {} });
  problems.sort((a, b) => a.line - b.line);
  let id: number | null = null;
  if (problems.length === 0 && !before && rows.length > 0) {
    id = await repo.savePreview(db, { village_code: code, kind, year, file_name: fileName, file_hash: hash, rows: JSON.stringify(rows), row_count: rows.length, created_by: userIdOf(ctx.actor)! });
  }
  return { ...base, id, summary, problems: problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: problems.length, sample: rows.slice(0, 10) };
}

/** Writes a previewed file: all its rows in one transaction, or none. */
export async function runSiskeudesImport(ctx: UseCaseContext, villageInput: string, id: number, today: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  const saved = await repo.findPreview(ctx.db.kysely, code, id);
  if (!saved || saved.created_by !== userIdOf(ctx.actor)) throw notFound('siskeudes.preview_not_found');
  const kind = saved.kind as Kind;
  mayImport(ctx, code, kind);
  if (saved.status === 'imported') throw conflict('siskeudes.already_imported', 'file', { date: formatDate(saved.imported_at!) });
  const me = userIdOf(ctx.actor)!;
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      // Marked first: a second confirmation, or the same file previewed twice, stops here.
      if (!(await repo.markImported(trx, code, id))) throw conflict('siskeudes.already_imported', 'file', { date: formatDate(today) });
      if (kind === 'apbdes') {
        const rows = saved.rows as BudgetRow[];
        const { id: budgetId, version } = await createVersion(trx, code, saved.year, me, `Impor Siskeudes: ${saved.file_name}`.slice(0, 500), false);
        await repo.insertBudgetLines(trx, rows.map((r) => ({
          village_code: code, budget_id: budgetId, account_code: r.account, activity_code: r.activity, fund: r.fund, description: r.description,
          volume: r.volume, unit: r.unit, unit_price: r.unit_price, amount: r.amount, created_by: me,
        })));
        await repo.recordResult(trx, code, id, { budget_id: budgetId, added: rows.length, skipped: 0 });
        await audit({ action: 'budget.siskeudes_import', villageCode: code, subject: `budget:${budgetId}`, detail: { file: saved.file_name, year: saved.year, lines: rows.length, version } });
        return { kind, year: saved.year, budgetId, added: rows.length, skipped: 0 };
      }
      const inForce = await lockAdoptedBudget(trx, code, saved.year);
      if (!inForce) throw conflict('budget.no_budget_in_force', 'tahun', { year: saved.year });
      // Under the lock, checked again: entries posted since the preview count too.
      const all = saved.rows as EntryRow[];
      const present = await repo.presentRefs(trx, code, saved.year, all.map((r) => r.ref));
      const rows = all.filter((r) => !present.has(r.ref));
      const [lines, paid] = await Promise.all([budgets.listLines(trx, code, inForce.id), repo.paidByKey(trx, code, saved.year)]);
      const problem = checkAgainstBudget(rows, lines, paid, saved.year)[0];
      if (problem) throw badRequest('siskeudes.row_refused', 'file', { line: problem.line });
      await repo.insertEntries(trx, rows.map((r) => ({
        village_code: code, year: saved.year, entry_date: r.date, account_code: r.account, activity_code: r.activity, fund: r.fund, description: r.description,
        amount: r.amount, tax_ppn: r.ppn, tax_pph: r.pph, method: r.method, source_ref: r.ref, posted_by: me,
      })));
      // Paid in cash from a box the file never filled: refused as a cash payment typed in would be.
      if (rows.some((r) => r.method === 'tunai')) {
        const from = `${saved.year}-01-01`;
        const lowest = (await balancesAt(trx, code, saved.year, from)).tunai + (await lowestCashFrom(trx, code, saved.year, from));
        if (lowest < 0n) throw badRequest('budget.cash_short', 'file', { cash: formatRupiah(0n) });
      }
      const sumOf = (pred: (a: string) => boolean) => rows.filter((r) => pred(r.account)).reduce((s, r) => s + BigInt(r.amount), 0n);
      const last = rows.reduce((d, r) => (r.date > d ? r.date : d), `${saved.year}-01-01`);
      await addToRollup(trx, code, saved.year, sumOf((a) => a.startsWith('4.')), sumOf((a) => a.startsWith('5.')), last);
      await repo.recordResult(trx, code, id, { budget_id: null, added: rows.length, skipped: all.length - rows.length });
      await audit({ action: 'budget.siskeudes_import', villageCode: code, subject: `budget_import:${id}`, detail: { file: saved.file_name, year: saved.year, entries: rows.length, skipped: all.length - rows.length } });
      return { kind, year: saved.year, budgetId: null, added: rows.length, skipped: all.length - rows.length };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'budget_imports_once') throw conflict('siskeudes.already_imported', 'file', { date: formatDate(today) });
    throw openExists(err, saved.year);
  }
}

/** The import page: the year's files imported before, and what this officer may import. */
export async function siskeudesPage(ctx: UseCaseContext, villageInput: string, yearInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'budget.read');
  const code = village.village_code;
  const year = yearInput ? yearOf(yearInput, 'tahun') : Number(today.slice(0, 4));
  const [history, inForce] = await Promise.all([repo.importsOf(ctx.db.kysely, code), budgets.adoptedBudget(ctx.db.kysely, code, year)]);
  return { village, year, history, inForce: inForce ?? null, may: { apbdes: can(ctx.actor, 'budget.write', code), realisasi: can(ctx.actor, 'budget.post', code) } };
}
