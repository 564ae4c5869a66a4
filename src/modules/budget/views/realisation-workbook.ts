import ExcelJS from 'exceljs';
import { formatDate, shareOf } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import type { realisationReport } from '../realisation.service.js';

type Report = Awaited<ReturnType<typeof realisationReport>>;

export const REPORT_WORDS = {
  id: {
    title: (s1: boolean, year: number) => `LAPORAN REALISASI PELAKSANAAN APBDES ${s1 ? 'SEMESTER PERTAMA ' : ''}TAHUN ANGGARAN ${year}`,
    village: 'Pemerintah Desa', upTo: 'Sampai dengan', code: 'Kode Rekening', name: 'Uraian', budget: 'Anggaran (Rp)', realised: 'Realisasi (Rp)', diff: 'Lebih/(Kurang) (Rp)', share: '%',
    income: 'PENDAPATAN', spending: 'BELANJA', financing: 'PEMBIAYAAN', incomeTotal: 'Jumlah Pendapatan', spendingTotal: 'Jumlah Belanja', surplus: 'SURPLUS/(DEFISIT)',
    netFinancing: 'PEMBIAYAAN NETTO', silpa: 'SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN', head: 'Kepala Desa', none: 'Belum ada APBDes yang ditetapkan untuk tahun ini.',
  },
  en: {
    title: (s1: boolean, year: number) => `REALISATION OF THE VILLAGE BUDGET ${s1 ? 'FIRST HALF ' : ''}${year}`,
    village: 'Village', upTo: 'Up to', code: 'Account', name: 'Description', budget: 'Budget (Rp)', realised: 'Realised (Rp)', diff: 'Over/(under) (Rp)', share: '%',
    income: 'INCOME', spending: 'SPENDING', financing: 'FINANCING', incomeTotal: 'Total income', spendingTotal: 'Total spending', surplus: 'SURPLUS/(DEFICIT)',
    netFinancing: 'NET FINANCING', silpa: 'BUDGET SURPLUS/(SHORTFALL) AFTER FINANCING', head: 'Village head', none: 'No budget adopted for this year.',
  },
} as const;

type ReportLine = { heading: string } | { code: string; name: string; budget: bigint; realised: bigint; bold: boolean };

/** The report's lines in the official order: income, its total; spending by bidang, its total, the surplus; financing, net financing, what is left. */
function reportLines(report: Report, lang: Lang): ReportLine[] {
  const w = REPORT_WORDS[lang];
  const out: ReportLine[] = [];
  const line = (code: string, name: string, budget: bigint, realised: bigint, bold: boolean) => out.push({ code, name, budget, realised, bold });
  const part = (title: string, rows: Report['income']) => {
    out.push({ heading: title });
    for (const r of rows) line(r.key, r.name, r.budget, r.realised, r.level < 3);
  };
  const { planned: p, actual: a } = report.totals;
  part(w.income, report.income);
  line('', w.incomeTotal, p.income, a.income, true);
  part(w.spending, report.spending);
  line('', w.spendingTotal, p.spending, a.spending, true);
  line('', w.surplus, p.surplus, a.surplus, true);
  part(w.financing, report.financing);
  line('', w.netFinancing, p.netFinancing, a.netFinancing, true);
  line('', w.silpa, p.remainder, a.remainder, true);
  return out;
}

/** Rupiah as a number in the sheet: exact up to 2^53 (9 quadrillion), far past any village budget. */
const n = (x: bigint) => Number(x);

/**
 * The realisation report as the official layout lays it out (Permendagri 20/2018): account or
 * activity code, description, budget, realisation, over/(under); income, spending by bidang,
 * financing; the surplus, net financing and what is left; signed by the village head.
 */
export async function realisationWorkbook(report: Report, head: { name: string; title: string } | null, lang: Lang): Promise<Buffer> {
  const w = REPORT_WORDS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const ws = wb.addWorksheet(`Realisasi ${report.year}`);
  ws.columns = [{ width: 14 }, { width: 60 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 8 }];
  ws.addRow([w.title(report.period === 's1', report.year)]).font = { bold: true, size: 12 };
  ws.addRow([w.village, report.village.name]);
  ws.addRow([w.upTo, formatDate(report.upTo, lang)]);
  ws.addRow([]);
  if (!report.inForce) {
    ws.addRow([w.none]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const header = ws.addRow([w.code, w.name, w.budget, w.realised, w.diff, w.share]);
  header.font = { bold: true };
  const money = '#,##0;(#,##0)';
  for (const r of reportLines(report, lang)) {
    if ('heading' in r) {
      ws.addRow(['', r.heading]).font = { bold: true };
      continue;
    }
    const row = ws.addRow([r.code, r.name, n(r.budget), n(r.realised), n(r.realised - r.budget), shareOf(r.realised, r.budget, 2)]);
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = money;
    row.getCell(6).numFmt = '0.00';
    if (r.bold) row.font = { bold: true };
  }
  ws.addRow([]);
  ws.addRows([['', '', '', `${report.village.name}, ${formatDate(report.signedOn, lang)}`], ['', '', '', head?.title ?? w.head], [], [], ['', '', '', head?.name ?? '']]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same report as the PDF worker takes it: worded, money as text. */
export function realisationPdfInput(report: Report, head: { name: string; title: string } | null, lang: Lang, paper: 'A4' | 'F4') {
  const w = REPORT_WORDS[lang];
  const rows = report.inForce
    ? reportLines(report, lang).map((r) => ('heading' in r ? r : { ...r, budget: r.budget.toString(), realised: r.realised.toString() }))
    : [{ heading: w.none }];
  return {
    paper,
    title: w.title(report.period === 's1', report.year),
    subtitle: [`${w.village} ${report.village.name}`, `${w.upTo} ${formatDate(report.upTo, lang)}`],
    columns: [w.code, w.name, w.budget, w.realised, w.diff] as [string, string, string, string, string],
    rows,
    signature: { placeDate: `${report.village.name}, ${formatDate(report.signedOn, lang)}`, title: head?.title ?? w.head, name: head?.name ?? '' },
  };
}
