import PDFDocument from 'pdfkit';
import { formatRupiah } from '../../../platform/format/format.js';
import { besideModule } from '../../../platform/paths.js';

/** The worker thread that draws it (realisation-pdf-worker.ts, or .js in the build). */
export const REALISATION_PDF_WORKER = besideModule('./realisation-pdf-worker', import.meta.url);

/**
 * The realisation report as PDF in the official layout (Permendagri 20/2018): code,
 * description, budget, realisation, over/(under); income, spending by bidang, financing and
 * their totals; the head's signature block. Pure: everything it prints comes in, already
 * worded and with money as text of whole rupiah (structured-clone safe: it runs in a worker).
 */
export interface RealisationPdfInput {
  paper: 'A4' | 'F4';
  title: string;
  subtitle: string[];
  columns: [string, string, string, string, string];
  /** A section heading (`heading`), or a line: code, name, budget, realised (whole rupiah as text), bold. */
  rows: ({ heading: string } | { code: string; name: string; budget: string; realised: string; bold: boolean })[];
  signature: { placeDate: string; title: string; name: string };
}

const mm = (v: number) => (v * 72) / 25.4;
const PAPER = { A4: [mm(210), mm(297)], F4: [mm(215), mm(330)] } as const;
const MARGIN = mm(18);
const WIDTHS = [mm(18), 0, mm(29), mm(29), mm(29)]; // the description takes what is left
const FONT = 8;

/** "(Rp1.500)" for a shortfall, as the report writes it. */
const money = (v: bigint) => (v < 0n ? `(${formatRupiah(-v)})` : formatRupiah(v));

export function renderRealisationPdf(input: RealisationPdfInput): Promise<Uint8Array> {
  const [width, height] = PAPER[input.paper];
  const doc = new PDFDocument({ size: [width, height], margin: MARGIN, info: { Title: input.title, Creator: 'Balai' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));

  const inner = width - 2 * MARGIN;
  const widths = WIDTHS.map((w) => w || inner - WIDTHS.reduce((a, b) => a + b, 0));
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = height - MARGIN;

  doc.font('Helvetica-Bold').fontSize(11).text(input.title, { align: 'center' });
  doc.font('Helvetica').fontSize(9);
  for (const line of input.subtitle) doc.text(line, { align: 'center' });
  doc.moveDown(0.8);

  const cells = (values: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT);
    const h = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: widths[i]! - 4 }))) + 4;
    if (doc.y + h > bottom) {
      doc.addPage();
      header();
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT);
    }
    const y = doc.y;
    values.forEach((v, i) => doc.text(v, xs[i]! + 2, y + 2, { width: widths[i]! - 4, align: i >= 2 ? 'right' : 'left', lineBreak: true }));
    doc.lineWidth(0.3).rect(MARGIN, y, inner, h).stroke();
    for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = () => cells(input.columns, true);
  header();
  for (const r of input.rows) {
    if ('heading' in r) cells(['', r.heading, '', '', ''], true);
    else {
      const budget = BigInt(r.budget);
      const realised = BigInt(r.realised);
      cells([r.code, r.name, money(budget), money(realised), money(realised - budget)], r.bold);
    }
  }

  // The signature block at the right, kept whole on one page.
  const block = mm(40);
  if (doc.y + block > bottom) doc.addPage();
  const x = width - MARGIN - mm(70);
  doc.font('Helvetica').fontSize(9);
  doc.text(input.signature.placeDate, x, doc.y + mm(6), { width: mm(70), align: 'center' });
  doc.text(input.signature.title, x, doc.y, { width: mm(70), align: 'center' });
  doc.font('Helvetica-Bold').text(input.signature.name, x, doc.y + mm(20), { width: mm(70), align: 'center', underline: true });
  doc.end();
  return done;
}
