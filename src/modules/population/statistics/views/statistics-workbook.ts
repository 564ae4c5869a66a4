import ExcelJS from 'exceljs';
import { formatDate } from '../../../../platform/format/format.js';
import type { Lang } from '../../../../platform/i18n/i18n.js';
import type { StatRow, VillageStatistics } from '../statistics.service.js';
import { cellText, type Cells, type Column } from '../small-cells.js';
import { placeLine } from './statistics-page.js';
import { words } from './words.js';

/** Excel allows 31 characters and none of []:*?/\ in a sheet name. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);

/**
 * One workbook: a summary sheet, the age groups, then one sheet per breakdown.
 * Numbers are stored as numbers (not text) so the village can add them up in Excel.
 */
export async function statisticsWorkbook(stats: VillageStatistics, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const v = stats.village;
  const heading = [
    [w.village, `${v.name} (${v.code})`],
    [w.area, stats.area?.label ?? w.allAreas],
    [w.asOf, formatDate(stats.asOf, lang)],
  ];

  const summary = wb.addWorksheet(sheetName(w.sheetSummary));
  summary.addRows([
    [w.title],
    [w.village, `${v.name} (${v.code})`],
    ['', placeLine(v, lang)],
    [w.area, stats.area?.label ?? w.allAreas],
    [w.asOf, formatDate(stats.asOf, lang)],
    [],
    [w.residents, stats.totals.total],
    [w.male, stats.totals.male],
    [w.female, stats.totals.female],
    [w.families, stats.totals.families],
    ...(stats.households ? [
      [w.households, stats.households.households], [w.surveyed, stats.households.surveyed], [w.dirtFloor, stats.households.dirt_floor],
      [w.noElectricity, stats.households.no_electricity], [w.noSanitation, stats.households.no_sanitation], [w.unsafeWater, stats.households.unsafe_water],
    ] : []),
    [],
    [w.sheetNote],
  ]);
  summary.getRow(1).font = { bold: true, size: 13 };
  summary.getColumn(1).width = 26;
  summary.getColumn(2).width = 40;

  const table = (title: string, rows: StatRow[], withCode: boolean, footer?: Cells) => {
    const ws = wb.addWorksheet(sheetName(title));
    ws.addRow([title]).font = { bold: true, size: 13 };
    for (const h of heading) ws.addRow(h);
    ws.addRow([]);
    const head = ws.addRow([...(withCode ? [w.code] : []), w.label, w.male, w.female, w.total, w.percent]);
    head.font = { bold: true };
    const sums: Cells = footer ?? { male: rows.reduce((n, r) => n + r.male, 0), female: rows.reduce((n, r) => n + r.female, 0), total: rows.reduce((n, r) => n + r.total, 0) };
    const total = sums.total;
    // Hidden cells are text ("< 5", "–"); every other count stays a number.
    const value = (r: Cells, c: Column) => (r.mask?.[c] ? cellText(r, c, lang) : r[c]);
    for (const r of rows) {
      const share = r.mask?.total ? '–' : total === 0 ? 0 : Math.round((r.total * 1000) / total) / 10;
      ws.addRow([...(withCode ? [r.code] : []), r.label, value(r, 'male'), value(r, 'female'), value(r, 'total'), share]);
    }
    const sumRow = ws.addRow([
      ...(withCode ? [''] : []), w.total, value(sums, 'male'), value(sums, 'female'), value(sums, 'total'), sums.mask?.total ? '–' : total === 0 ? 0 : 100,
    ]);
    if (footer) ws.addRow([w.smallCellsNote]);
    sumRow.font = { bold: true };
    ws.getColumn(withCode ? 2 : 1).width = 40;
    ws.views = [{ state: 'frozen', ySplit: head.number }];
  };

  const ages = stats.noBirthDate.total > 0 ? [...stats.ageGroups, stats.noBirthDate] : stats.ageGroups;
  table(w.sheetAge, ages, false);
  // Area rows carry an internal id, not an official code: leave the code column out there.
  for (const b of stats.breakdowns) table(w[b.key], b.rows, !['dusun', 'rw', 'rt'].includes(b.key), b.footer);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
