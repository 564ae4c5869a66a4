import ExcelJS from 'exceljs';
import { formatDate } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { REPORT_LINES, type MonthlyReport } from '../report.service.js';
import { cellsOf, reportGroups, signerTitle, staffNumberLine } from './monthly-report-page.js';
import { reportWords } from './report-words.js';

/** The monthly report as one sheet laid out like the printed page; numbers stay numbers. */
export async function monthlyReportWorkbook(report: MonthlyReport, lang: Lang): Promise<Buffer> {
  const w = reportWords(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const ws = wb.addWorksheet(w.title.slice(0, 31));
  const s = report.signature;
  ws.addRow([w.heading]).font = { bold: true, size: 13 };
  ws.addRow([w.village, `${s.villageName} (${report.village})`]);
  ws.addRow([w.month, `${w.months[report.month - 1]} ${report.year}`]);
  ws.addRow([]);
  const groups = reportGroups(report);
  const top = ws.addRow([w.detail, ...groups.flatMap(([key]) => [w[key], '', ''])]);
  for (let g = 0; g < groups.length; g++) ws.mergeCells(top.number, 2 + g * 3, top.number, 4 + g * 3);
  const sub = ws.addRow(['', ...groups.flatMap(() => [w.m, w.f, w.mf])]);
  top.font = sub.font = { bold: true };
  for (const line of REPORT_LINES) {
    const row = ws.addRow([w[line], ...groups.flatMap(([, g]) => cellsOf(g, line))]);
    if (line === 'start' || line === 'end') row.font = { bold: true };
  }
  ws.addRow([`${w.definition} ${w.citizenshipNote}`]);
  ws.addRow([]);
  ws.addRow([w.families, w.count]).font = { bold: true };
  ws.addRows([
    [w.familiesStart, report.families.start],
    [w.familiesAdded, report.families.added],
    [w.familiesEnded, report.families.ended],
    [w.familiesEnd, report.families.end],
  ]);
  ws.addRow([w.familiesNote]);
  ws.addRow([]);
  ws.addRows([[`${s.place}, ${formatDate(s.date, lang)}`], [signerTitle(report, w)], [], [], [s.name ?? '']]);
  if (s.nip) ws.addRow([staffNumberLine(s.nip, w)]);
  ws.getColumn(1).width = 36;
  for (let i = 2; i <= 10; i++) ws.getColumn(i).width = 8;
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
