import PDFDocument from 'pdfkit';
import { qrRuns } from './qr-runs.js';
import { besideModule } from '../../platform/paths.js';
import { printable } from '../../platform/pdf/letter-pdf.js';

/** The worker thread that draws the cards (card-pdf-worker.ts, or .js in the build). */
export const CARD_PDF_WORKER = besideModule('./card-pdf-worker', import.meta.url);

/**
 * Farmer cards (Kartu Petani Berjaya) as PDF: ID-1 cards (85.60 × 53.98 mm, a bank card's size),
 * ten to an A4 sheet in two columns of five, each outlined on its cut line with a gutter between
 * neighbours so every card can be cut out on its own. Pure: everything it prints comes in,
 * already masked (structured-clone safe: it runs in a worker). The QR carries only the kiosk's
 * link with the card's random code, never anything about the farmer.
 */
export interface FarmerCardFace {
  name: string;
  /** Masked: "1809********0001". */
  nik: string;
  village: string;
  poktan: string | null;
  /** The ten-character card code, ungrouped. */
  code: string;
  /** `<public origin>/kios/kartu/<code>`: what the QR encodes. */
  qrUrl: string;
}

export interface CardSheetInput {
  cards: FarmerCardFace[];
  /** Compress content streams (default true); tests read the text either way. */
  compress?: boolean;
}

/** "ABCDE-FGHJK": the card number as printed and read aloud at a kiosk. */
export const groupedCardCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The link a kiosk opens from the card's QR: only the card's code, nothing personal. */
export const cardQrUrl = (origin: string, code: string) => `${origin.replace(/\/$/, '')}/kios/kartu/${code}`;

const mm = (v: number) => (v * 72) / 25.4;
const PAGE = { width: mm(210), height: mm(297) };
const CARD = { width: mm(85.6), height: mm(53.98), radius: mm(3.18) };
const COLS = 2;
const ROWS = 5;
export const CARDS_PER_SHEET = COLS * ROWS;
// The gutters: room to cut each card free without touching its neighbour.
const GAP = { x: mm(6), y: mm(2.5) };
const LEFT = (PAGE.width - COLS * CARD.width - (COLS - 1) * GAP.x) / 2;
const TOP = (PAGE.height - ROWS * CARD.height - (ROWS - 1) * GAP.y) / 2;
const PAD = mm(3.5);
const BAND = mm(11);
const QR_SIZE = mm(23);
const GREEN = '#0b6e4f';
const GREY = '#555555';
const CREATED_AT = new Date('2025-01-01T00:00:00Z');

type Doc = InstanceType<typeof PDFDocument>;

export function renderCardsPdf(input: CardSheetInput): Promise<Uint8Array> {
  const doc: Doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    compress: input.compress ?? true,
    font: 'Helvetica',
    info: { Title: 'Kartu Petani Berjaya', Producer: 'Balai', Creator: 'Balai', CreationDate: CREATED_AT },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  try {
    input.cards.forEach((card, i) => {
      const slot = i % CARDS_PER_SHEET;
      if (slot === 0) doc.addPage();
      const col = slot % COLS;
      const row = Math.floor(slot / COLS);
      drawCard(doc, card, LEFT + col * (CARD.width + GAP.x), TOP + row * (CARD.height + GAP.y));
    });
    // A sheet with no card would be an empty file no viewer opens: one blank page instead.
    if (input.cards.length === 0) doc.addPage();
    doc.end();
  } catch (error) {
    return Promise.reject(error);
  }
  return done;
}

function drawCard(doc: Doc, card: FarmerCardFace, x: number, y: number) {
  const { width: w, height: h, radius } = CARD;
  // The green band along the top, inside the card's rounded corners.
  doc.save();
  doc.roundedRect(x, y, w, h, radius).clip();
  doc.rect(x, y, w, BAND).fill(GREEN);
  doc.restore();
  // The cut line.
  doc.save().lineWidth(0.4).strokeColor('#9a9a9a').roundedRect(x, y, w, h, radius).stroke().restore();

  doc.fillColor('white');
  line(doc, 'KARTU PETANI BERJAYA', x + PAD, y + mm(2), w - 2 * PAD, 'Helvetica-Bold', 10, 8);
  line(doc, 'Provinsi Lampung', x + PAD, y + mm(6.4), w - 2 * PAD, 'Helvetica', 7, 6);

  const qrX = x + w - PAD - QR_SIZE;
  const qrY = y + BAND + mm(3.2);
  drawQr(doc, card.qrUrl, qrX, qrY, QR_SIZE);
  doc.fillColor('black').font('Courier-Bold').fontSize(8.5);
  const number = groupedCardCode(card.code);
  doc.text(number, qrX + (QR_SIZE - doc.widthOfString(number)) / 2, qrY + QR_SIZE + mm(1), { lineBreak: false });

  // The holder, at the left of the QR: label above value, each value on one line.
  const textX = x + PAD;
  const textW = qrX - mm(3) - textX;
  let at = y + BAND + mm(2.5);
  const field = (label: string, value: string, font: string, size: number) => {
    doc.fillColor(GREY);
    line(doc, label, textX, at, textW, 'Helvetica', 5.5, 5.5);
    doc.fillColor('black');
    line(doc, value, textX, at + 6.5, textW, font, size, 6);
    at += 6.5 + size + mm(1.2);
  };
  field('Nama', card.name, 'Helvetica-Bold', 9.5);
  field('NIK', card.nik, 'Courier-Bold', 8.5);
  field('Desa', card.village, 'Helvetica', 8);
  if (card.poktan) field('Poktan', card.poktan, 'Helvetica', 8);

  doc.fillColor(GREY);
  line(doc, 'Tunjukkan kartu ini di kios pupuk resmi.', textX, y + h - PAD - 5, textW + mm(3), 'Helvetica-Oblique', 5, 4.5);
  doc.fillColor('black');
}

/**
 * One line of text in a width: the font shrinks down to `minSize`, and what still does not fit
 * ends in an ellipsis. A long name must never run into the QR or onto the next line.
 */
function line(doc: Doc, raw: string, x: number, y: number, width: number, font: string, size: number, minSize: number) {
  let s = printable(raw).trim();
  let fontSize = size;
  doc.font(font).fontSize(fontSize);
  while (fontSize > minSize && doc.widthOfString(s) > width) doc.fontSize((fontSize -= 0.5));
  if (doc.widthOfString(s) > width) {
    while (s.length > 1 && doc.widthOfString(`${s}\u2026`) > width) s = s.slice(0, -1).trimEnd();
    s = `${s}\u2026`;
  }
  doc.text(s, x, y, { lineBreak: false });
}

/** The QR as vector squares, one rectangle per run of dark modules in a row. */
function drawQr(doc: Doc, text: string, x: number, y: number, size: number) {
  const { size: n, runs } = qrRuns(text);
  const cell = size / n;
  // A hair of overlap: no seams between neighbouring squares in a viewer.
  const overlap = cell * 0.04;
  doc.save();
  for (const r of runs) doc.rect(x + r.start * cell, y + r.row * cell, r.length * cell + overlap, cell + overlap);
  doc.fillColor('black').fill();
  doc.restore();
}
