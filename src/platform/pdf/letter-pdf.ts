import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * One village letter (surat keterangan) as PDF: letterhead with logo and double rule,
 * title and number, body with the applicant's identity table, the signature block at the
 * right and a verification QR code at the bottom left. Pure: everything it prints comes in
 * the LetterDocument, already worded in Indonesian by the caller.
 */

export type LetterPaper = 'A4' | 'F4';
export type SignMode = 'self' | 'an' | 'ub';

export interface LetterDocument {
  paper: LetterPaper;
  letterhead: {
    /** 'PEMERINTAH KABUPATEN PESAWARAN' */
    regency: string;
    /** 'KECAMATAN TELUK PANDAN' */
    district: string;
    /** 'DESA HANURA' */
    village: string;
    address?: string;
    /** 'Kode Pos 35450 · Telepon 0721-000000 · Pos-el desa@…', when the village has them. */
    contact?: string;
    /** PNG or JPEG; left out when it cannot be read. */
    logo?: Buffer;
  };
  /** 'SURAT KETERANGAN TIDAK MAMPU' */
  title: string;
  number: string;
  /** The paragraph before the identity table. */
  opening?: string;
  /** [label, value] rows, printed as "label : value". */
  identity: [string, string][];
  paragraphs: string[];
  /** '10 Oktober 2021': printed as the letter's validity. */
  validUntil?: string;
  /** 'Hanura' */
  place: string;
  /** '10 September 2021' */
  dateText: string;
  signature: {
    mode: SignMode;
    /** 'Kepala Desa Hanura' */
    headTitle: string;
    /** For 'ub': the secretary's title, 'Sekretaris Desa' when not given. */
    secretaryTitle?: string;
    /** The title of whoever signs: the head, the secretary ('an') or another official ('ub'). */
    signerTitle: string;
    signerName: string;
    /** 'NIP' or the village's own label, e.g. 'NIPD'. */
    staffNumberLabel: string;
    staffNumber?: string | null;
  };
  qr: { url: string; caption?: string };
}

export interface LetterPdfOptions {
  /** Compress content streams (default true); tests read the text uncompressed. */
  compress?: boolean;
  /** The PDF's creation date; a fixed default keeps the output identical for identical input. */
  createdAt?: Date;
}

const mm = (v: number) => (v * 72) / 25.4;

const PAPER: Record<LetterPaper, [number, number]> = {
  A4: [mm(210), mm(297)],
  // Folio, what village offices buy.
  F4: [mm(215), mm(330)],
};

const MARGIN = { top: mm(12), left: mm(25), right: mm(20), bottom: mm(12) };
const QR_SIZE = mm(24);
// Body text stops above the QR code, on every page (the QR is drawn on the last one).
const FOOTER = QR_SIZE + mm(4);
const BODY_SIZE = 12;
const LINE_GAP = 2;
const INDENT = mm(12.5);
const SIGNATURE_WIDTH = mm(80);
const SIGNATURE_SPACE = mm(22);
const DEFAULT_CREATED_AT = new Date('2025-01-01T00:00:00Z');

const ROMAN = 'Times-Roman';
const BOLD = 'Times-Bold';

// The built-in Times speaks WinAnsi: Latin-1 plus these (pdfkit maps them). Anything else
// would come out as broken glyphs, so it prints as '?'.
const WIN_ANSI_EXTRA = '\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122';
const NOT_PRINTABLE = new RegExp(`[^\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`, 'g');

/** Text as the built-in fonts can print it, on one line. */
export const printable = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(NOT_PRINTABLE, '?');

type Doc = InstanceType<typeof PDFDocument>;

export function renderLetterPdf(letter: LetterDocument, options: LetterPdfOptions = {}): Promise<Buffer> {
  const [width, height] = PAPER[letter.paper] ?? PAPER.A4;
  const doc: Doc = new PDFDocument({
    size: [width, height],
    margins: { ...MARGIN, bottom: MARGIN.bottom + FOOTER },
    compress: options.compress ?? true,
    // Otherwise pdfkit parses Helvetica's metrics for nothing: a quarter millisecond a letter.
    font: ROMAN,
    info: {
      Title: printable(`${letter.title} ${letter.number}`),
      Producer: 'Balai',
      Creator: 'Balai',
      CreationDate: options.createdAt ?? DEFAULT_CREATED_AT,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    const left = MARGIN.left;
    const right = width - MARGIN.right;
    const bottom = height - MARGIN.bottom - FOOTER;
    let y = letterhead(doc, letter.letterhead, left, right);

    y += mm(6);
    doc.font(BOLD).fontSize(BODY_SIZE).text(printable(letter.title), left, y, { width: right - left, align: 'center', underline: true });
    doc.font(ROMAN).fontSize(BODY_SIZE).text(printable(`Nomor: ${letter.number}`), left, doc.y + 1, { width: right - left, align: 'center' });
    y = doc.y + mm(6);

    const paragraph = (text: string) => {
      doc.font(ROMAN).fontSize(BODY_SIZE).text(printable(text), left, y, { width: right - left, align: 'justify', indent: INDENT, lineGap: LINE_GAP });
      y = doc.y + mm(3);
    };
    if (letter.opening) paragraph(letter.opening);
    if (letter.identity.length) y = identityTable(doc, letter.identity, left + INDENT, right, y, bottom) + mm(3);
    for (const text of letter.paragraphs) paragraph(text);
    if (letter.validUntil) paragraph(`Surat ini berlaku sampai dengan tanggal ${letter.validUntil}.`);

    signatureBlock(doc, letter, right - SIGNATURE_WIDTH, y + mm(3), bottom);
    qrFooter(doc, letter.qr, left, height - MARGIN.bottom - QR_SIZE, right);
    doc.end();
  } catch (error) {
    // pdfkit would otherwise leave the promise pending forever.
    return Promise.reject(error);
  }
  return finished;
}

/** Draws the letterhead; returns the y under the double rule. */
function letterhead(doc: Doc, head: LetterDocument['letterhead'], left: number, right: number): number {
  const top = MARGIN.top;
  const logoBox = mm(24);
  const logo = head.logo ? usableLogo(head.logo) : null;
  let logoBottom = top;
  if (logo) {
    try {
      doc.image(logo, left, top, { fit: [logoBox, logoBox], align: 'center', valign: 'center' });
      logoBottom = top + logoBox;
    } catch {
      // A logo pdfkit cannot read must not cost the citizen the letter.
    }
  }
  // Centred on the page, but never running into the logo: equal room on both sides.
  const side = logoBox + mm(3);
  const textWidth = right - left - 2 * side;
  const lines: [string, string, number][] = [
    [BOLD, head.regency, 14],
    [BOLD, head.district, 14],
    [BOLD, head.village, 16],
  ];
  if (head.address) lines.push([ROMAN, head.address, 10]);
  if (head.contact) lines.push([ROMAN, head.contact, 10]);
  doc.y = top;
  for (const [font, text, size] of lines) {
    doc.font(font).fontSize(size).text(printable(text), left + side, doc.y, { width: textWidth, align: 'center' });
  }
  const ruleY = Math.max(doc.y, logoBottom) + mm(2);
  doc.save().lineCap('butt');
  doc.lineWidth(2.25).moveTo(left, ruleY).lineTo(right, ruleY).stroke();
  doc.lineWidth(0.75).moveTo(left, ruleY + 3).lineTo(right, ruleY + 3).stroke();
  doc.restore();
  return ruleY + 3;
}

/** "label : value" rows, values wrapping in their own column; returns the y below. */
function identityTable(doc: Doc, rows: [string, string][], x: number, right: number, y: number, bottom: number): number {
  doc.font(ROMAN).fontSize(BODY_SIZE);
  const labels = rows.map(([label]) => printable(label));
  const values = rows.map(([, value]) => printable(value));
  const labelWidth = Math.min(mm(55), Math.max(...labels.map((l) => doc.widthOfString(l))) + mm(2));
  const colonX = x + labelWidth;
  const valueX = colonX + mm(4);
  const valueWidth = right - valueX;
  const opts = { lineGap: LINE_GAP } as const;
  rows.forEach((_, i) => {
    const rowHeight = Math.max(doc.heightOfString(labels[i]!, { ...opts, width: labelWidth }), doc.heightOfString(values[i] || ' ', { ...opts, width: valueWidth }));
    if (y + rowHeight > bottom) {
      doc.addPage();
      y = MARGIN.top;
    }
    doc.text(labels[i]!, x, y, { ...opts, width: labelWidth });
    doc.text(':', colonX, y, { ...opts, lineBreak: false });
    doc.text(values[i]!, valueX, y, { ...opts, width: valueWidth });
    y += rowHeight;
  });
  return y;
}

/** The lines above the signature: the head; or a.n. the head, the secretary; or … u.b., the official. */
export function signatureTitles(s: LetterDocument['signature']): string[] {
  return s.mode === 'self'
    ? [s.headTitle]
    : s.mode === 'an'
      ? [`a.n. ${s.headTitle}`, s.signerTitle]
      : [`a.n. ${s.headTitle}`, s.secretaryTitle || 'Sekretaris Desa', 'u.b.', s.signerTitle];
}

/** "NIPD. 0012" under the name, when the signer has a number. */
export const staffNumberLine = (s: LetterDocument['signature']) => (s.staffNumber ? `${s.staffNumberLabel}. ${s.staffNumber}` : null);

function signatureBlock(doc: Doc, letter: LetterDocument, x: number, y: number, bottom: number): void {
  const s = letter.signature;
  const lines = [`${letter.place}, ${letter.dateText}`, ...signatureTitles(s)].map(printable);
  const staffText = staffNumberLine(s);
  const staff = staffText ? printable(staffText) : null;
  const opts = { width: SIGNATURE_WIDTH, align: 'center', lineGap: LINE_GAP } as const;

  doc.font(ROMAN).fontSize(BODY_SIZE);
  const textHeight = (text: string) => doc.heightOfString(text, opts);
  const blockHeight =
    lines.reduce((n, l) => n + textHeight(l), 0) + SIGNATURE_SPACE + textHeight(printable(s.signerName)) + (staff ? textHeight(staff) : 0);
  // Kept whole: a signature block split over two pages would not be accepted anywhere.
  if (y + blockHeight > bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  doc.text(lines.join('\n'), x, y, opts);
  doc.font(BOLD).text(printable(s.signerName), x, doc.y + SIGNATURE_SPACE, { ...opts, underline: true });
  if (staff) doc.font(ROMAN).text(staff, x, doc.y, opts);
}

/** The verification QR code as vector squares, with its caption at its right. */
function qrFooter(doc: Doc, qr: LetterDocument['qr'], x: number, y: number, right: number): void {
  const { size, data } = QRCode.create(qr.url, { errorCorrectionLevel: 'M' }).modules;
  const cell = QR_SIZE / size;
  // A hair of overlap so viewers do not show seams between neighbouring squares.
  const overlap = cell * 0.04;
  doc.save();
  for (let row = 0; row < size; row++) {
    // One rectangle per run of dark modules: a third of the path of one per module.
    for (let col = 0; col < size; ) {
      if (!data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col++;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell + overlap, cell + overlap);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();

  const captionX = x + QR_SIZE + mm(3);
  // Stop before the signature column's usual start, so a long URL never runs under it.
  const captionWidth = Math.max(mm(40), Math.min(mm(70), right - SIGNATURE_WIDTH - captionX - mm(3)));
  // The footer lies below the text's bottom margin: without this pdfkit would add a page.
  doc.page.margins.bottom = 0;
  const caption = printable(qr.caption || 'Pindai untuk memeriksa keaslian surat');
  doc.font(ROMAN).fontSize(8).text(caption, captionX, y + QR_SIZE / 2 - 10, { width: captionWidth });
  doc.fontSize(7).text(printable(qr.url), captionX, doc.y + 1, { width: captionWidth });
}

// ---- logo ----------------------------------------------------------------------------

const logoCache = new Map<string, Buffer | null>();
const LOGO_CACHE_SIZE = 32;

/**
 * The logo as pdfkit can embed it cheaply and safely, or null. pdfkit decodes a PNG with
 * transparency later, in a callback: bad compressed data there throws outside any try and
 * takes the whole process down. So the file is checked here first. A PNG with transparency is flattened
 * onto white once (the paper is white anyway), since pdfkit would otherwise decode and
 * re-compress it on every letter. Results are kept per file content.
 */
function usableLogo(logo: Buffer): Buffer | null {
  // A string would make pdfkit read a file from disk: only bytes are accepted.
  if (!((logo as unknown) instanceof Uint8Array)) return null;
  const key = createHash('sha1').update(logo).digest('hex');
  if (logoCache.has(key)) return logoCache.get(key)!;
  let result: Buffer | null;
  try {
    result = prepareLogo(Buffer.from(logo.buffer, logo.byteOffset, logo.byteLength));
  } catch {
    result = null;
  }
  if (logoCache.size >= LOGO_CACHE_SIZE) logoCache.delete(logoCache.keys().next().value!);
  logoCache.set(key, result);
  return result;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_LOGO_SIDE = 4000;

function prepareLogo(data: Buffer): Buffer | null {
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) return jpegLooksUsable(data) ? data : null;
  if (data.length > 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return preparePng(data);
  return null;
}

/** A JPEG with a frame header of sane size (pdfkit reads nothing else from it). */
function jpegLooksUsable(data: Buffer): boolean {
  let pos = 2;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return false;
    const marker = data[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > data.length) return false;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return false;
      const h = data.readUInt16BE(pos + 5);
      const w = data.readUInt16BE(pos + 7);
      const channels = data[pos + 9];
      return h > 0 && w > 0 && h <= MAX_LOGO_SIDE * 4 && w <= MAX_LOGO_SIDE * 4 && (channels === 1 || channels === 3 || channels === 4);
    }
    if (marker === 0xda || marker === 0xd9) return false;
    pos += 2 + length;
  }
  return false;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function preparePng(data: Buffer): Buffer | null {
  let pos = 8;
  let ihdr: Buffer | null = null;
  let hasPalette = false;
  let hasTransparency = false;
  let ended = false;
  const idat: Buffer[] = [];
  while (pos + 12 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > data.length) return null;
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (!ihdr && type !== 'IHDR') return null;
    if (type === 'IHDR') ihdr = body;
    else if (type === 'PLTE') hasPalette = true;
    else if (type === 'tRNS') hasTransparency = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + length;
  }
  if (!ihdr || ihdr.length !== 13 || !ended || !idat.length) return null;
  const w = ihdr.readUInt32BE(0);
  const h = ihdr.readUInt32BE(4);
  const depth = ihdr[8]!;
  const colorType = ihdr[9]!;
  const interlaced = ihdr[12] === 1;
  if (!w || !h || w > MAX_LOGO_SIDE || h > MAX_LOGO_SIDE) return null;
  if (!DEPTHS[colorType]?.includes(depth) || ihdr[10] !== 0 || ihdr[11] !== 0 || ihdr[12]! > 1) return null;
  if (colorType === 3 && !hasPalette) return null;

  const alpha = colorType === 4 || colorType === 6;
  // Plain PNGs go to pdfkit as they are: it copies the compressed data without decoding.
  if (!alpha && !(colorType === 3 && hasTransparency) && !interlaced) {
    const pixels = inflateSync(Buffer.concat(idat));
    return pixels.length >= h * (1 + Math.ceil((w * CHANNELS[colorType]! * depth) / 8)) ? data : null;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  // Interlaced images and palettes with transparency are rare for logos: hand them to
  // pdfkit once the data has proven complete, without flattening.
  if (interlaced || depth !== 8 || colorType === 3) return pixels.length > 0 ? data : null;
  const flat = flattenOnWhite(pixels, w, h, CHANNELS[colorType]!);
  return flat ? encodePng(flat, w, h, colorType === 4 ? 0 : 2) : null;
}

/** 8-bit grey+alpha or RGBA scanlines → grey or RGB pixels composited on white. */
function flattenOnWhite(raw: Buffer, w: number, h: number, channels: number): Buffer | null {
  const stride = w * channels;
  if (raw.length < h * (stride + 1)) return null;
  const out = Buffer.alloc(h * (w * (channels - 1) + 1));
  let prev = Buffer.alloc(stride);
  let o = 0;
  for (let row = 0; row < h; row++) {
    const filter = raw[row * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1)));
    if (!unfilter(filter, line, prev, channels)) return null;
    out[o++] = 0; // filter type None
    for (let i = 0; i < stride; i += channels) {
      const a = line[i + channels - 1]!;
      for (let c = 0; c < channels - 1; c++) out[o++] = Math.round((line[i + c]! * a + 255 * (255 - a)) / 255);
    }
    prev = line;
  }
  return out;
}

/** Reverses a PNG scanline filter in place (bpp = bytes per pixel). */
function unfilter(filter: number, line: Buffer, prev: Buffer, bpp: number): boolean {
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? line[i - bpp]! : 0;
    const b = prev[i]!;
    const c = i >= bpp ? prev[i - bpp]! : 0;
    let add: number;
    switch (filter) {
      case 0:
        return true;
      case 1:
        add = a;
        break;
      case 2:
        add = b;
        break;
      case 3:
        add = (a + b) >> 1;
        break;
      case 4: {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        break;
      }
      default:
        return false;
    }
    line[i] = (line[i]! + add) & 0xff;
  }
  return true;
}

function encodePng(scanlines: Buffer, w: number, h: number, colorType: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
