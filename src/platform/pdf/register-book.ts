import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';

/**
 * A village register book (buku administrasi desa, Permendagri 47/2016) as a printable PDF:
 * landscape A4 or F4 (folio, 215 × 330 mm, what village offices buy), the title and period on
 * every page with the column titles, rows ruled as a table, "Halaman n dari m" at the foot, and
 * at the end the signature block of the official who keeps the book: the place and day, the
 * position, room to sign, the name. Any register (Buku Induk Penduduk, Buku Agenda, …) gives its
 * columns and rows; the layout is the same for all.
 */
export interface RegisterBook {
  title: string;
  /** Lines under the title: the village, the period or the state of the data. */
  lines: string[];
  /** Column titles and relative widths (scaled to the page). */
  columns: { title: string; width: number }[];
  paper: 'a4' | 'f4';
  /** Who keeps the book and signs it: "Hanura, 7 Desember 2026" / "KEPALA DESA HANURA" / name. */
  signature?: { placeAndDate: string; position: string; name: string } | null;
  /** Said where there are no rows. */
  empty?: string;
}
/** A row's cells in column order; `heavyTop` draws a thicker rule above it (a new family, a new month). */
export interface RegisterLine { cells: string[]; heavyTop?: boolean }

const PAPER = { a4: [595.28, 841.89], f4: [609.45, 935.43] } as const;
const MARGIN = 28;
const FONT_SIZE = 6.5;
const PAD = 2;
const SIGNATURE_HEIGHT = 92;

/** The built-in Helvetica covers Latin-1 only: anything else would print as garbage. */
export const printable = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

/**
 * Writes the book to `out` as it goes, so memory stays small whatever its size: a first pass
 * into nothing counts the pages ("Halaman n dari m" needs m), the second writes them, each page
 * leaving memory when the next begins. `rows` is read once per pass.
 */
export async function writeRegisterBook(book: RegisterBook, rows: () => Iterable<RegisterLine> | AsyncIterable<RegisterLine>, out: Writable): Promise<number> {
  const pages = await layout(book, rows(), new Writable({ write: (_c, _e, done) => done() }), null);
  return layout(book, rows(), out, pages);
}

/** The book as bytes (a book small enough to hold: a year of letters, a list of officials). */
export async function registerBookBytes(book: RegisterBook, rows: RegisterLine[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await writeRegisterBook(book, () => rows, new Writable({ write: (c: Buffer, _e, done) => { chunks.push(c); done(); } }));
  return new Uint8Array(Buffer.concat(chunks));
}

async function layout(book: RegisterBook, rows: Iterable<RegisterLine> | AsyncIterable<RegisterLine>, out: Writable, pageCount: number | null): Promise<number> {
  const [short, long] = PAPER[book.paper];
  const doc = new PDFDocument({ size: [long, short], margin: MARGIN, info: { Title: book.title, Creator: 'Balai' } });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const usable = long - 2 * MARGIN;
  const scale = usable / book.columns.reduce((n, c) => n + c.width, 0);
  const widths = book.columns.map((c) => c.width * scale);
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

  const titles = book.columns.map((c) => printable(c.title));
  const titleHeight = cellHeight(titles, true);
  const pageHead = (): number => {
    doc.font('Helvetica-Bold').fontSize(11).text(printable(book.title), MARGIN, MARGIN, { width: usable, align: 'center' });
    doc.font('Helvetica').fontSize(8);
    for (const line of book.lines) doc.text(printable(line), { width: usable, align: 'center' });
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
  const newPage = () => {
    foot();
    doc.addPage();
    page++;
  };
  let y = pageHead();
  let any = false;
  for await (const r of rows) {
    any = true;
    const texts = r.cells.map((c) => printable(c ?? ''));
    const h = cellHeight(texts, false);
    if (y + h > bottom) {
      newPage();
      y = pageHead();
    }
    drawRow(texts, y, h, false, r.heavyTop ?? false);
    y += h;
  }
  if (!any) {
    doc.font('Helvetica').fontSize(8).text(printable(book.empty ?? 'Belum ada data.'), MARGIN, y + 8);
    y = doc.y;
  }
  if (book.signature) {
    // The block stands whole under the last row, at the right, or at the top of a page of its own.
    if (y + SIGNATURE_HEIGHT > bottom) {
      newPage();
      y = MARGIN;
    }
    const x = MARGIN + usable * 0.65;
    const w = usable * 0.35;
    const s = book.signature;
    doc.font('Helvetica').fontSize(8).text(printable(s.placeAndDate), x, y + 14, { width: w, align: 'center' });
    doc.text(printable(s.position), { width: w, align: 'center' });
    doc.font('Helvetica-Bold').text(printable(s.name), x, y + 14 + 62, { width: w, align: 'center', underline: true });
  }
  foot();
  doc.end();
  await finished;
  return page;
}
