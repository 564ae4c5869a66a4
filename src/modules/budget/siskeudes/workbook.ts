import ExcelJS from 'exceljs';
import { LAYOUTS, type Kind } from './layout.js';

/** Rows keyed by the layout's fields; numbers stay numbers, so that Excel sums them. */
export interface WorkbookInput { kind: Kind; rows: Record<string, string | number | null>[] }

/** A sheet named and headed as the layout says, one row per record. */
export async function siskeudesWorkbook({ kind, rows }: WorkbookInput): Promise<Uint8Array> {
  const { sheet, columns } = LAYOUTS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => r[c.field] ?? null));
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.field === 'description' ? 48 : 16));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
