import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { addBudgetLine, adoptBudget, postEntry, startBudget, verifyBudget } from '../src/modules/budget/index.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { previewSiskeudes, runSiskeudesImport } from '../src/modules/budget/siskeudes/import.service.js';
import { pageMeasurements, percentile, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village budget (issue 13): an APBDes of 500 lines with 5,000 realisation entries in one
 * village — the budget page, the realisation report (target ≤ 50 ms p95), a month of the
 * cash, bank and tax books, a Siskeudes voucher file read and imported, the export, the public page, the report as PDF (target ≤ 200 ms) — as server time; how fast entries are posted through the use
 * case (each checks the budget and locks the year); and the province's budget dashboard
 * over every village of Lampung (2,651) with an adopted budget (target ≤ 300 ms). The
 * dashboards read only the per-village rollup, so there the rollup rows are written directly.
 */
const LINES = Number(process.env.BENCH_BUDGET_LINES ?? 500);
const ENTRIES = Number(process.env.BENCH_BUDGET_ENTRIES ?? 5000);
const YEAR = 2025; // a past year: every entry's date is before today
const ROUNDS = 30;
const IMPORTED = Number(process.env.BENCH_BUDGET_IMPORTED ?? 2000);

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const users = await db.kysely.selectFrom('users').select(['id', 'username']).where('region_code', '=', HANURA).execute();
  const actor = (username: string, role: Actor['role']): UseCaseContext => ({
    db, ip: 'bench', lang: 'id',
    actor: { kind: 'user', id: users.find((u) => u.username === username)!.id, username, fullName: username, role, regionCode: HANURA, language: 'id' },
  });
  const treasurer = actor('bendahara.hanura', 'village_treasurer');

  // 500 lines: spending spread over 100 activities × 4 accounts, one income line that covers them.
  const activities = (await db.kysely.selectFrom('budget_activities').select('code').where('level', '=', 3).orderBy('code').execute()).map((a) => a.code);
  const accounts = ['5.2.1', '5.2.2', '5.2.7', '5.3.4'];
  const { id } = await startBudget(treasurer, HANURA, { year: YEAR });
  const spendingLines = LINES - 1;
  const perLine = 10_000_000n;
  const { seconds: lineSeconds } = await time(async () => {
    for (let i = 0; i < spendingLines; i++) {
      await addBudgetLine(treasurer, HANURA, id, {
        account_code: accounts[i % accounts.length], activity_code: activities[Math.floor(i / accounts.length) % activities.length], fund: i % 3 === 0 ? 'ADD' : 'DDS',
        description: `Belanja kegiatan ${i + 1}`, volume: '4', unit: 'paket', unit_price: String(perLine / 4n),
      });
    }
    await addBudgetLine(treasurer, HANURA, id, { account_code: '4.2.1', description: 'Dana Desa', volume: '1', unit: 'tahun', unit_price: String(perLine * BigInt(spendingLines)) });
  });
  await verifyBudget(actor('sekdes.hanura', 'village_secretary'), HANURA, id);
  await adoptBudget(actor('kades.hanura', 'village_head'), HANURA, id, { regulation_number: `1 Tahun ${YEAR}`, regulation_date: `${YEAR}-01-10` }, `${YEAR}-12-31`);
  log(`${db.kind}: ${LINES} budget lines added in ${lineSeconds.toFixed(1)} s`);

  // 5,000 entries through the use case: one receipt in twenty, the rest payments well inside each line's budget.
  const lines = await db.kysely.selectFrom('budget_lines').select(['account_code', 'activity_code', 'fund']).where('village_code', '=', HANURA).where('budget_id', '=', id).where('account_code', 'like', '5.%').execute();
  const { seconds: entrySeconds } = await time(async () => {
    for (let i = 0; i < ENTRIES; i++) {
      const day = `${YEAR}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const l = lines[i % lines.length]!;
      const input = i % 20 === 0
        ? { entry_date: day, account_code: '4.2.1', description: `Dana Desa ${i}`, amount: '25000000' }
        : { entry_date: day, account_code: l.account_code, activity_code: l.activity_code!, fund: l.fund!, description: `Pembayaran ${i}`, amount: '50000', tax_ppn: '4545', tax_pph: '750' };
      await postEntry(treasurer, HANURA, input, null, `${YEAR}-12-31`);
    }
  });
  log(`${db.kind}: ${ENTRIES.toLocaleString('en-US')} entries posted in ${entrySeconds.toFixed(1)} s`);
  // A Siskeudes voucher file of the same year: read and checked (preview), then imported in one transaction.
  const vouchers = [['No_Bukti', 'Tgl_Bukti', 'Kd_Keg', 'Kd_Rincian', 'SumberDana', 'Keterangan', 'Nilai', 'PPN', 'PPh'].join(';')];
  for (let i = 0; i < IMPORTED; i++) {
    const l = lines[(i * 7) % lines.length]!;
    vouchers.push([`${String(i + 1).padStart(4, '0')}/SPP/${YEAR}`, `${YEAR}-0${1 + (i % 9)}-15`, l.activity_code, `${l.account_code}.01.`, l.fund, `Bukti Siskeudes ${i + 1}`, '40000', '', ''].join(';'));
  }
  const file = { name: 'bukti-siskeudes.csv', bytes: Buffer.from(vouchers.join('\r\n')) };
  let previewId: number | null = null;
  const { seconds: previewSeconds } = await time(async () => {
    previewId = (await previewSiskeudes(treasurer, HANURA, { kind: 'realisasi', tahun: String(YEAR) }, file, `${YEAR}-12-31`)).id;
  });
  if (previewId === null) throw new Error('the Siskeudes preview found problems');
  const { seconds: importSeconds } = await time(() => runSiskeudesImport(treasurer, HANURA, previewId!, `${YEAR}-12-31`));
  log(`${db.kind}: ${IMPORTED.toLocaleString('en-US')} Siskeudes vouchers previewed in ${previewSeconds.toFixed(2)} s, imported in ${importSeconds.toFixed(2)} s`);
  const out: Measurement[] = [
    { what: `budget lines added through the use case`, database: db.kind, rows: LINES, seconds: lineSeconds, note: 'rows/s = lines/s' },
    { what: `realisation entries posted through the use case (budget checked, year locked)`, database: db.kind, rows: ENTRIES, seconds: entrySeconds, note: 'rows/s = entries/s' },
    { what: `Siskeudes voucher file read and checked (preview, parsed in a worker)`, database: db.kind, rows: IMPORTED, seconds: previewSeconds, note: 'rows/s = vouchers/s' },
    { what: `Siskeudes vouchers imported in one transaction (checked again under the budget lock)`, database: db.kind, rows: IMPORTED, seconds: importSeconds, note: 'rows/s = vouchers/s' },
  ];

  // Every village of Lampung with an adopted budget and some realisation: the dashboards read only this rollup.
  const villages = (await db.kysely.selectFrom('regions').select('code').where('level', '=', 4).where('code', 'like', '18.%').execute()).map((r) => r.code);
  await sql`insert into villages (village_code, activated_at, activation_kind)
    select code, now(), 'initiative' from regions where level = 4 and code like '18.%' on conflict do nothing`.execute(db.kysely);
  await sql`insert into monitoring_budgets (village_code, year, version, income, spending, financing_receipts, financing_expenses, spending_by_field, adopted_at, regulation_date, realised_income, realised_spending, last_entry_date)
    select code, ${YEAR}, 1, 1500000000 + (hashtext(code) % 1000) * 100000, 1400000000 + (hashtext(code) % 1000) * 90000, 20000000, 120000000,
      '{"1": "400000000", "2": "700000000", "3": "100000000", "4": "150000000", "5": "50000000"}'::jsonb, now(), ${`${YEAR}-01-15`}::date,
      900000000, 700000000 + abs(hashtext(code) % 1000) * 500000, ${`${YEAR}-11-30`}::date
    from regions where level = 4 and code like '18.%' and code <> ${HANURA} on conflict do nothing`.execute(db.kysely);
  log(`${db.kind}: ${villages.length.toLocaleString('en-US')} villages with a budget rollup`);

  const app = createApp({ db, secureCookies: false });
  const [officer, province] = await Promise.all([signIn(app, 'bendahara.hanura'), signIn(app, 'provinsi')]);
  const pages: [string, string, string][] = [
    [`budget page (${LINES} lines)`, `/desa/${HANURA}/apbdes/${id}`, officer],
    [`realisation report, year (${ENTRIES.toLocaleString('en-US')} entries)`, `/desa/${HANURA}/realisasi?tahun=${YEAR}`, officer],
    ['realisation report, first semester', `/desa/${HANURA}/realisasi?tahun=${YEAR}&periode=s1`, officer],
    [`realisation report as PDF (A4, drawn in a worker thread)`, `/desa/${HANURA}/realisasi.pdf?tahun=${YEAR}`, officer],
    ['cash book, one month', `/desa/${HANURA}/realisasi/bku?tahun=${YEAR}&bulan=6`, officer],
    ['bank book, one month', `/desa/${HANURA}/realisasi/bank?tahun=${YEAR}&bulan=6`, officer],
    ['tax book, one month', `/desa/${HANURA}/realisasi/pajak?tahun=${YEAR}&bulan=6`, officer],
    [`Siskeudes export of the year's vouchers (${(ENTRIES + IMPORTED).toLocaleString('en-US')}, xlsx)`, `/desa/${HANURA}/realisasi/siskeudes.xlsx?kind=realisasi&tahun=${YEAR}`, officer],
    ['public budget page', `/publik/desa/${HANURA}/apbdes?tahun=${YEAR}`, ''],
    [`province budget dashboard (${villages.length.toLocaleString('en-US')} villages)`, `/pantau/18/apbdes?tahun=${YEAR}`, province],
    ['regency budget dashboard', `/pantau/18.09/apbdes?tahun=${YEAR}`, province],
    ['district budget dashboard (villages listed)', `/pantau/18.09.10/apbdes?tahun=${YEAR}`, province],
  ];
  out.push(...(await pageMeasurements(app, db.kind, pages, ROUNDS, log)));
  return out;
}

export const benchmark: Benchmark = {
  name: 'budget',
  description: `an APBDes of ${LINES} lines with ${ENTRIES.toLocaleString('en-US')} realisation entries; the budget, realisation and cash-book pages; the province budget dashboard over Lampung`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
