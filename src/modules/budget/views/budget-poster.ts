import PDFDocument from 'pdfkit';

/**
 * The APBDes poster (baliho) that villages hang at the village hall: the budget in force and
 * what was realised, income by source and spending by bidang, on A3 or A2. Pure: everything it
 * prints comes in already worded (structured-clone safe: it runs in a worker); amounts for the
 * bars come as text of whole rupiah, scaled here with BigInt.
 */
export interface PosterInput {
  paper: 'A3' | 'A2';
  title: string;
  lines: string[];
  /** The three headline figures: label, budget, realised ("Realisasi Rp… (40,1 %)"). */
  figures: { label: string; budget: string; realised: string }[];
  legend: { budget: string; realised: string };
  /** Two columns of bars: income by source, spending by bidang. */
  columns: { title: string; empty: string; rows: { label: string; budgetText: string; realisedText: string; budget: string; realised: string }[] }[];
  footer: string[];
}

const mm = (v: number) => (v * 72) / 25.4;
const PAPER = { A3: [mm(297), mm(420)], A2: [mm(420), mm(594)] } as const;
const BLUE = '#2b6cb0';
const ORANGE = '#dd6b20';
const INK = '#1a202c';

export function renderBudgetPoster(input: PosterInput): Promise<Uint8Array> {
  const [width, height] = PAPER[input.paper];
  // Drawn for A3; A2 is the same poster √2 larger.
  const s = width / mm(297);
  const margin = mm(16) * s;
  const inner = width - 2 * margin;
  const doc = new PDFDocument({ size: [width, height], margin, info: { Title: input.title, Creator: 'Balai' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));

  // Heading band, as tall as its lines.
  doc.font('Helvetica-Bold').fontSize(34 * s);
  const titleH = doc.heightOfString(input.title, { width: inner });
  doc.font('Helvetica').fontSize(15 * s);
  const linesH = input.lines.reduce((h, l) => h + doc.heightOfString(l, { width: inner }), 0);
  const band = titleH + linesH + mm(20) * s;
  doc.rect(0, 0, width, band).fill(BLUE);
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(34 * s).text(input.title, margin, mm(9) * s, { width: inner, align: 'center' });
  doc.font('Helvetica').fontSize(15 * s);
  for (const line of input.lines) doc.text(line, { width: inner, align: 'center' });

  // Headline figures: three boxes side by side.
  const top = band + mm(10) * s;
  const gap = mm(8) * s;
  const boxW = (inner - 2 * gap) / 3;
  const boxH = mm(40) * s;
  input.figures.forEach((f, i) => {
    const x = margin + i * (boxW + gap);
    doc.lineWidth(2 * s).roundedRect(x, top, boxW, boxH, 6 * s).stroke(BLUE);
    doc.fillColor(INK).font('Helvetica').fontSize(16 * s).text(f.label, x + 8 * s, top + 12 * s, { width: boxW - 16 * s, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(24 * s).text(f.budget, x + 8 * s, doc.y + 6 * s, { width: boxW - 16 * s, align: 'center' });
    doc.fillColor(ORANGE).font('Helvetica-Bold').fontSize(12 * s).text(f.realised, x + 8 * s, doc.y + 6 * s, { width: boxW - 16 * s, align: 'center' });
  });

  // Legend.
  let y = top + boxH + mm(10) * s;
  const legend = (x: number, colour: string, label: string) => {
    doc.rect(x, y, 18 * s, 12 * s).fill(colour);
    doc.fillColor(INK).font('Helvetica').fontSize(14 * s).text(label, x + 24 * s, y - 1 * s, { lineBreak: false });
    return x + 24 * s + doc.widthOfString(label) + 28 * s;
  };
  legend(legend(margin, BLUE, input.legend.budget), ORANGE, input.legend.realised);
  y += mm(12) * s;

  // Two columns of bars, their lettering as large as the page leaves room for (a banner is read from afar).
  doc.font('Helvetica').fontSize(10 * s);
  const footerH = input.footer.reduce((h, l) => h + doc.heightOfString(l, { width: inner }), 0) + mm(8) * s;
  const colW = (inner - gap) / 2;
  const column = (col: PosterInput['columns'][number], x: number, k: number, draw: boolean) => {
    let cy = y;
    const text = (value: string, font: string, size: number, colour = INK) => {
      doc.font(font).fontSize(size * k * s);
      const h = doc.heightOfString(value, { width: colW });
      if (draw) doc.fillColor(colour).text(value, x, cy, { width: colW });
      cy += h;
    };
    const bar = (w: number, colour: string) => {
      if (draw && w > 0) doc.rect(x, cy + 2 * k * s, w, 11 * k * s).fill(colour);
      cy += 15 * k * s;
    };
    text(col.title, 'Helvetica-Bold', 18);
    cy += 6 * k * s;
    if (col.rows.length === 0) text(col.empty, 'Helvetica', 13);
    const max = col.rows.reduce((m, r) => [BigInt(r.budget), BigInt(r.realised)].reduce((a, b) => (b > a ? b : a), m), 1n);
    const barWidth = (amount: string) => (BigInt(amount) > 0n ? Math.max(1, (Number((BigInt(amount) * 10000n) / max) / 10000) * colW) : 0);
    for (const r of col.rows) {
      text(r.label, 'Helvetica-Bold', 13);
      bar(barWidth(r.budget), BLUE);
      text(r.budgetText, 'Helvetica', 12);
      bar(barWidth(r.realised), ORANGE);
      text(r.realisedText, 'Helvetica', 12, '#7b341e');
      cy += 10 * k * s;
    }
    return cy - y;
  };
  const room = height - margin - footerH - y;
  // The largest lettering (to 1.6×) at which the taller column still fits: wrapping changes with the size, so measured, not scaled.
  const fits = (k: number) => Math.max(...input.columns.map((col) => column(col, 0, k, false))) <= room;
  let [low, high] = [0.5, 1.6];
  if (fits(high)) low = high;
  else for (let i = 0; i < 8; i++) [low, high] = fits((low + high) / 2) ? [(low + high) / 2, high] : [low, (low + high) / 2];
  const k = low;
  let bottom = y;
  input.columns.forEach((col, i) => {
    bottom = Math.max(bottom, y + column(col, margin + i * (colW + gap), k, true));
  });

  // The note under it: the date of the figures, where they come from.
  doc.fillColor('#4a5568').font('Helvetica').fontSize(10 * s);
  const noteTop = Math.max(bottom + mm(4) * s, height - margin - footerH + mm(8) * s);
  doc.text(input.footer.join('\n'), margin, noteTop, { width: inner, align: 'center' });
  doc.end();
  return done;
}
