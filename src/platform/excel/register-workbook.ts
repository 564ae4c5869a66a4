import ExcelJS from 'exceljs';
import type { RegisterBook, RegisterLine } from '../pdf/register-book.js';

/**
 * A register book as an Excel workbook: the same title, lines and columns as its PDF
 * (register-book.ts), so a village officer who edits in Excel sees the book they print.
 * Landscape, fitted to the page's width, the column titles repeated on every printed page.
 */
export async function registerWorkbookBytes(book: RegisterBook, rows: RegisterLine[], sheetName = 'Buku'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), {
    pageSetup: { orientation: 'landscape', paperSize: book.paper === 'f4' ? undefined : 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([book.title]).font = { bold: true, size: 12 };
  for (const line of book.lines) ws.addRow([line]);
  ws.addRow([]);
  const head = ws.addRow(book.columns.map((c) => c.title));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
  // Column widths follow the PDF's proportions, in characters (about 5 points each).
  book.columns.forEach((c, i) => (ws.getColumn(i + 1).width = Math.max(6, Math.round(c.width / 4.5))));
  for (const r of rows) ws.addRow(r.cells).alignment = { wrapText: true, vertical: 'top' };
  if (rows.length === 0) ws.addRow([book.empty ?? 'Belum ada data.']);
  if (book.signature) {
    const col = Math.max(1, book.columns.length - 2);
    ws.addRow([]);
    const put = (text: string, bold = false) => {
      const row = ws.addRow([]);
      row.getCell(col).value = text;
      if (bold) row.getCell(col).font = { bold: true, underline: true };
    };
    put(book.signature.placeAndDate);
    put(book.signature.position);
    ws.addRow([]);
    ws.addRow([]);
    put(book.signature.name, true);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
