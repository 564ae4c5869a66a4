import PDFDocument from 'pdfkit';
import { REGISTER_COLUMNS, type RegisterHeading, type RegisterRow } from './sheets.js';

/**
 * The Buku Induk Penduduk as a printable PDF: landscape A4 or F4 (folio, 215 × 330 mm,
 * what village offices buy), a table a family after another, the heading and the column
 * titles on every page, "Halaman n dari m" at the foot.
 */

const PAPER = { a4: [595.28, 841.89], f4: [609.45, 935.43] } as const;
const MARGIN = 28;
const FONT_SIZE = 6.5;
const PAD = 2;

/** The built-in Helvetica covers Latin-1 only: anything else would print as garbage. */
const printable = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

export function registerPdf(heading: RegisterHeading, rows: RegisterRow[], paper: 'a4' | 'f4'): Promise<Buffer> {
  const [short, long] = PAPER[paper];
  const doc = new PDFDocument({ size: [long, short], margin: MARGIN, bufferPages: true, info: { Title: heading.title, Creator: 'Balai' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const usable = long - 2 * MARGIN;
  const scale = usable / REGISTER_COLUMNS.reduce((n, c) => n + c.width, 0);
  const widths = REGISTER_COLUMNS.map((c) => c.width * scale);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((n, w) => n + w, 0));
  const bottom = short - MARGIN - 14;

  const cellHeight = (texts: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
    return Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (texts: string[], y: number, h: number, bold: boolean, heavyTop: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
    texts.forEach((t, i) => {
      doc.text(t, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: bold ? 'center' : 'left', lineBreak: true });
    });
    doc.lineWidth(0.4);
    for (let i = 0; i <= widths.length; i++) {
      const x = i === widths.length ? MARGIN + usable : xs[i]!;
      doc.moveTo(x, y).lineTo(x, y + h).stroke();
    }
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + usable, y + h).stroke();
    doc.lineWidth(heavyTop ? 1.2 : 0.4).moveTo(MARGIN, y).lineTo(MARGIN + usable, y).stroke();
  };

  const titles = REGISTER_COLUMNS.map((c) => c.title);
  const titleHeight = cellHeight(titles, true);
  const pageHead = (): number => {
    doc.font('Helvetica-Bold').fontSize(11).text(printable(heading.title), MARGIN, MARGIN, { width: usable, align: 'center' });
    doc.font('Helvetica').fontSize(8);
    for (const line of heading.lines) doc.text(printable(line), { width: usable, align: 'center' });
    const y = doc.y + 6;
    drawRow(titles, y, titleHeight, true, true);
    return y + titleHeight;
  };

  let y = pageHead();
  for (const r of rows) {
    const texts = REGISTER_COLUMNS.map((c) => printable(String(r[c.key] ?? '')));
    const h = cellHeight(texts, false);
    if (y + h > bottom) {
      doc.addPage();
      y = pageHead();
    }
    drawRow(texts, y, h, false, r.familyStart);
    y += h;
  }
  if (!rows.length) doc.font('Helvetica').fontSize(8).text('Belum ada data penduduk.', MARGIN, y + 8);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Below the bottom margin pdfkit would open a new page for the footer line.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).text(`Halaman ${i + 1} dari ${range.count}`, MARGIN, short - MARGIN - 8, { width: usable, align: 'right', lineBreak: false });
  }
  doc.end();
  return finished;
}
