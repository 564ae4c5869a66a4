import { A4, A4_INNER, mm, startA4Record } from '../../../platform/pdf/a4-record.js';

/**
 * The berita acara (minutes) of a village meeting, as the village files it: the letterhead,
 * what was held where and when, the agenda, the minutes, the adopted priority list, the
 * signatures of the officials who keep the record (each in their own name and position), and
 * the attendance list with a column to sign on paper. Pure: everything comes in worded (it
 * runs in a worker thread).
 */
export interface MinutesInput {
  letterhead: string[];
  title: string;
  subtitle: string;
  opening: string;
  sections: { heading: string; paragraphs: string[] }[];
  /** The adopted list: widths in mm of all columns but the second, which takes the rest. */
  priority: { heading: string; columns: string[]; rows: string[][]; widths?: number[] } | null;
  signatures: { title: string; name: string }[];
  placeDate: string;
  attendance: { heading: string; columns: string[]; rows: string[][] };
}

const [WIDTH, MARGIN, INNER] = [A4.width, A4.margin, A4_INNER];

export function renderMinutesPdf(input: MinutesInput): Promise<Uint8Array> {
  const { doc, done, bottom } = startA4Record(input);
  for (const s of input.sections) {
    doc.moveDown(0.6).font('Helvetica-Bold').text(s.heading);
    doc.font('Helvetica');
    for (const p of s.paragraphs) doc.text(p, { align: 'justify' });
  }

  const table = (columns: string[], rows: string[][], widths: number[]) => {
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const h = Math.max(16, ...cells.map((v, i) => doc.heightOfString(v, { width: widths[i]! - 6 }) + 6));
      if (doc.y + h > bottom) doc.addPage();
      const y = doc.y;
      cells.forEach((v, i) => doc.text(v, xs[i]! + 3, y + 3, { width: widths[i]! - 6 }));
      doc.lineWidth(0.4).rect(MARGIN, y, INNER, h).stroke();
      for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke();
      doc.x = MARGIN;
      doc.y = y + h;
    };
    row(columns, true);
    for (const r of rows) row(r, false);
  };

  if (input.priority) {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(input.priority.heading, MARGIN);
    doc.moveDown(0.3);
    const [first, ...rest] = (input.priority.widths ?? [12, 40, 30, 16]).map(mm);
    table(input.priority.columns, input.priority.rows, [first!, INNER - first! - rest.reduce((a, b) => a + b, 0), ...rest]);
  }

  // Signatures side by side, kept whole on one page.
  const block = mm(42);
  if (doc.y + block > bottom) doc.addPage();
  doc.moveDown(1.2).font('Helvetica').fontSize(10);
  const top = doc.y;
  const colW = INNER / Math.max(1, input.signatures.length);
  input.signatures.forEach((sig, i) => {
    const x = MARGIN + i * colW;
    if (i === input.signatures.length - 1) doc.text(input.placeDate, x, top, { width: colW, align: 'center' });
    doc.text(sig.title, x, top + 14, { width: colW, align: 'center' });
    doc.font('Helvetica-Bold').text(sig.name, x, top + mm(30), { width: colW, align: 'center', underline: true });
    doc.font('Helvetica');
  });

  // The attendance list on its own page, with room to sign.
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(11).text(input.attendance.heading, MARGIN, MARGIN, { align: 'center' });
  doc.moveDown(0.5);
  table(input.attendance.columns, input.attendance.rows, [mm(10), INNER - mm(10) - mm(38) - mm(40) - mm(32), mm(38), mm(40), mm(32)]);
  doc.end();
  return done;
}
