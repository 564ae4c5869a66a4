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
 * Writes the book to `out` in one pass over `rows`: the pages are kept until the last one is
 * drawn, then each gets its foot ("Halaman n dari m" needs m). Drawing the rows twice — once to
 * count the pages — doubled the time of a 10,000-resident Buku Induk; the kept pages are text
 * only, a few megabytes at the most.
 */
export async function writeRegisterBook(book: RegisterBook, rows: () => Iterable<RegisterLine> | AsyncIterable<RegisterLine>, out: Writable): Promise<number> {
  return layout(book, rows(), out);
}

/** The book as bytes (a book small enough to hold: a year of letters, a list of officials). */
export async function registerBookBytes(book: RegisterBook, rows: RegisterLine[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await writeRegisterBook(book, () => rows, new Writable({ write: (c: Buffer, _e, done) => { chunks.push(c); done(); } }));
  return new Uint8Array(Buffer.concat(chunks));
}

async function layout(book: RegisterBook, rows: Iterable<RegisterLine> | AsyncIterable<RegisterLine>, out: Writable): Promise<number> {
  const [short, long] = PAPER[book.paper];
  const doc = new PDFDocument({ size: [long, short], margin: MARGIN, bufferPages: true, info: { Title: book.title, Creator: 'Balai' } });
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

  // Most cells fit on one line: measured by width alone (cheap); only longer ones are wrapped to measure.
  const lineHeight = (() => {
    doc.font('Helvetica').fontSize(FONT_SIZE);
    return doc.heightOfString('Ag', { width: 1000 });
  })();
  /** The row's height, and which cells wrap (the others are drawn as one line, without pdfkit's line wrapper: most of a big book's time). */
  // A register repeats its values (sexes, religions, places, dates): each one's width is measured once.
  const widthOf = new Map<string, number>();
  const width = (t: string) => {
    let w = widthOf.get(t);
    if (w === undefined) {
      w = doc.widthOfString(t);
      if (widthOf.size < 50_000) widthOf.set(t, w);
    }
    return w;
  };
  const measure = (texts: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
    let h = lineHeight;
    const wraps = texts.map((t, i) => {
      const w = widths[i]! - 2 * PAD;
      if (!t || (!bold && !t.includes('\n') && width(t) <= w)) return false;
      h = Math.max(h, doc.heightOfString(t, { width: w }));
      return true;
    });
    return { h: h + 2 * PAD, wraps };
  };
  const drawRow = (texts: string[], y: number, { h, wraps }: { h: number; wraps: boolean[] }, bold: boolean, heavyTop: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
    texts.forEach((t, i) => {
      if (!t) return;
      if (wraps[i]) doc.text(t, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: bold ? 'center' : 'left', lineBreak: true });
      else doc.text(t, xs[i]! + PAD, y + PAD, { lineBreak: false });
    });
    // The cell walls and the row's foot as one path, one stroke.
    doc.lineWidth(0.4);
    for (let i = 0; i <= widths.length; i++) {
      const x = i === widths.length ? MARGIN + usable : xs[i]!;
      doc.moveTo(x, y).lineTo(x, y + h);
    }
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + usable, y + h).stroke();
    doc.lineWidth(heavyTop ? 1.2 : 0.4).moveTo(MARGIN, y).lineTo(MARGIN + usable, y).stroke();
  };

  /*
   * A body row written straight into the page's content stream. pdfkit's text() spends, per
   * cell, a save, a transform, a font switch and its option handling: most of a 10,000-row
   * book. Here a row is one text object with the same operators pdfkit writes (its font encodes
   * the text with its kerning; the same value is encoded once per book), its foot one ruled line,
   * and the cell walls one path per page, drawn when the page is full. Cells that wrap still go
   * through text(). This leans on pdfkit's font object (`_font.encode`, `ascender`, `ref`); the
   * register tests read the text back from the PDF, so a change there shows.
   */
  type PdfFont = { id: string; ascender: number; encode(t: string): [string[], { xAdvance: number; advanceWidth: number }[]]; ref(): unknown };
  type PdfInternals = { _font: PdfFont; page: { height: number; fonts: Record<string, unknown> }; addContent(s: string): void };
  const raw = doc as unknown as PdfInternals;
  const n = (v: number) => (Math.round(v * 100) / 100).toString();
  const showText = new Map<string, string>();
  const show = (font: PdfFont, t: string) => {
    let op = showText.get(t);
    if (op === undefined) {
      const [codes, positions] = font.encode(t);
      const parts: string[] = [];
      let from = 0;
      positions.forEach((p, i) => {
        const kern = p.xAdvance - p.advanceWidth;
        if (kern !== 0 || i === positions.length - 1) {
          parts.push(`<${codes.slice(from, i + 1).join('')}> ${n(-kern)}`);
          from = i + 1;
        }
      });
      op = `[${parts.join(' ')}] TJ`;
      if (showText.size < 50_000) showText.set(t, op);
    }
    return op;
  };
  let wallsFrom = 0;
  const drawWalls = (to: number) => {
    if (to <= wallsFrom) return;
    let path = '0.4 w';
    for (let i = 0; i <= widths.length; i++) {
      const x = n(i === widths.length ? MARGIN + usable : xs[i]!);
      path += ` ${x} ${n(wallsFrom)} m ${x} ${n(to)} l`;
    }
    raw.addContent(`${path} S`);
  };
  const drawBodyRow = (texts: string[], y: number, size: { h: number; wraps: boolean[] }, heavyTop: boolean) => {
    doc.font('Helvetica').fontSize(FONT_SIZE);
    const font = raw._font;
    if (raw.page.fonts[font.id] == null) raw.page.fonts[font.id] = font.ref();
    // pdfkit's pages are drawn top-down; text is set in PDF's own bottom-up space, at the baseline.
    const baseline = n(raw.page.height - (y + PAD) - (font.ascender / 1000) * FONT_SIZE);
    let body = '';
    texts.forEach((t, i) => {
      if (t && !size.wraps[i]) body += ` 1 0 0 1 ${n(xs[i]! + PAD)} ${baseline} Tm ${show(font, t)}`;
    });
    if (body) raw.addContent(`q 1 0 0 -1 0 ${n(raw.page.height)} cm BT /${font.id} ${FONT_SIZE} Tf${body} ET Q`);
    texts.forEach((t, i) => {
      if (t && size.wraps[i]) doc.text(t, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: 'left', lineBreak: true });
    });
    const foot = n(y + size.h);
    raw.addContent(`0.4 w ${n(MARGIN)} ${foot} m ${n(MARGIN + usable)} ${foot} l S`);
    if (heavyTop) raw.addContent(`1.2 w ${n(MARGIN)} ${n(y)} m ${n(MARGIN + usable)} ${n(y)} l S 0.4 w`);
  };

  const titles = book.columns.map((c) => printable(c.title));
  const titleSize = measure(titles, true);
  const pageHead = (): number => {
    doc.font('Helvetica-Bold').fontSize(11).text(printable(book.title), MARGIN, MARGIN, { width: usable, align: 'center' });
    doc.font('Helvetica').fontSize(8);
    for (const line of book.lines) doc.text(printable(line), { width: usable, align: 'center' });
    const y = doc.y + 6;
    drawRow(titles, y, titleSize, true, true);
    wallsFrom = y + titleSize.h;
    return wallsFrom;
  };

  let page = 1;
  const newPage = () => {
    doc.addPage();
    page++;
  };
  let y = pageHead();
  let any = false;
  for await (const r of rows) {
    any = true;
    const texts = r.cells.map((c) => printable(c ?? ''));
    const size = measure(texts, false);
    const h = size.h;
    if (y + h > bottom) {
      drawWalls(y);
      newPage();
      y = pageHead();
    }
    drawBodyRow(texts, y, size, r.heavyTop ?? false);
    y += h;
  }
  drawWalls(y);
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
  // Every page's foot, now that their number is known. Below the bottom margin pdfkit would
  // open a new page for the line: the margin is lifted first.
  for (let i = 0; i < page; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).text(`Halaman ${i + 1} dari ${page}`, MARGIN, short - MARGIN - 8, { width: usable, align: 'right', lineBreak: false });
  }
  doc.flushPages();
  doc.end();
  await finished;
  return page;
}
