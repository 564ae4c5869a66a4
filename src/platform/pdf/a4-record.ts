import PDFDocument from 'pdfkit';

/** Millimetres in PDF points. */
export const mm = (v: number) => (v * 72) / 25.4;
export const A4 = { width: mm(210), height: mm(297), margin: mm(20) } as const;
/** The width between the margins. */
export const A4_INNER = A4.width - 2 * A4.margin;

export interface RecordHeading {
  title: string;
  subtitle: string;
  /** The village's letterhead lines, centred above a rule. */
  letterhead: string[];
  /** The opening paragraph under the title. */
  opening: string;
}

/**
 * An official record on A4 (a berita acara): the letterhead over a rule, the title underlined,
 * its subtitle and the opening paragraph. The caller draws the rest and calls `doc.end()`;
 * `done` gives the file's bytes then.
 */
export function startA4Record(heading: RecordHeading) {
  const doc = new PDFDocument({ size: 'A4', margin: A4.margin, info: { Title: `${heading.title} ${heading.subtitle}`, Creator: 'Balai' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc.font('Helvetica-Bold').fontSize(12);
  for (const line of heading.letterhead) doc.text(line, { align: 'center' });
  const rule = doc.y + 4;
  doc.lineWidth(1.5).moveTo(A4.margin, rule).lineTo(A4.width - A4.margin, rule).stroke();
  doc.y = rule + 12;
  doc.font('Helvetica-Bold').fontSize(12).text(heading.title, { align: 'center', underline: true });
  doc.font('Helvetica').fontSize(10).text(heading.subtitle, { align: 'center' });
  doc.moveDown();
  doc.fontSize(10).text(heading.opening, { align: 'justify' });
  return { doc, done, bottom: A4.height - A4.margin };
}
