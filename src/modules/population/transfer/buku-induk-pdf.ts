import { Writable } from 'node:stream';
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

/**
 * Writes the register to `out` as it goes, so memory stays small whatever the village's
 * size: a first pass into nothing counts the pages ("Halaman n dari m" needs m), the second
 * writes them, each page leaving memory when the next begins. `rows` is read once per pass.
 */
export async function writeRegisterPdf(heading: RegisterHeading, rows: () => Iterable<RegisterRow> | AsyncIterable<RegisterRow>, paper: 'a4' | 'f4', out: Writable): Promise<number> {
  const pages = await layout(heading, rows(), paper, new Writable({ write: (_c, _e, done) => done() }), null);
  return layout(heading, rows(), paper, out, pages);
}

async function layout(heading: RegisterHeading, rows: Iterable<RegisterRow> | AsyncIterable<RegisterRow>, paper: 'a4' | 'f4', out: Writable, pageCount: number | null): Promise<number> {
  const [short, long] = PAPER[paper];
  const doc = new PDFDocument({ size: [long, short], margin: MARGIN, info: { Title: heading.title, Creator: 'Balai' } });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
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

  let page = 1;
  // The foot of the page being finished; in the counting pass m is not known yet (nor needed).
  const foot = () => {
    // Below the bottom margin pdfkit would open a new page for the footer line.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).text(`Halaman ${page} dari ${pageCount ?? page}`, MARGIN, short - MARGIN - 8, { width: usable, align: 'right', lineBreak: false });
  };
  let y = pageHead();
  let any = false;
  for await (const r of rows) {
    any = true;
    const texts = REGISTER_COLUMNS.map((c) => printable(String(r[c.key] ?? '')));
    const h = cellHeight(texts, false);
    if (y + h > bottom) {
      foot();
      doc.addPage();
      page++;
      y = pageHead();
    }
    drawRow(texts, y, h, false, r.familyStart);
    y += h;
  }
  if (!any) doc.font('Helvetica').fontSize(8).text('Belum ada data penduduk.', MARGIN, y + 8);
  foot();
  doc.end();
  await finished;
  return page;
}
