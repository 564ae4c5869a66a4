import { deflateSync, inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { printable, renderLetterPdf, type LetterDocument } from './letter-pdf.js';

const letter = (over: Partial<LetterDocument> = {}): LetterDocument => ({
  paper: 'A4',
  letterhead: { regency: 'PEMERINTAH KABUPATEN PESAWARAN', district: 'KECAMATAN TELUK PANDAN', village: 'DESA HANURA', address: 'Jl. Raya Hanura No. 1, Teluk Pandan' },
  title: 'SURAT KETERANGAN TIDAK MAMPU',
  number: '400/007/1809102004/IX/2021',
  opening: 'Yang bertanda tangan di bawah ini Kepala Desa Hanura menerangkan bahwa:',
  identity: [
    ['Nama', 'SITI AMINAH'],
    ['NIK', '1809104507900001'],
    ['Tempat/Tanggal Lahir', 'Pesawaran, 5 Juli 1990'],
    ['Alamat', 'Dusun Sukajaya RT 002 RW 001, Desa Hanura, Kecamatan Teluk Pandan, Kabupaten Pesawaran'],
  ],
  paragraphs: ['Orang tersebut di atas benar tergolong keluarga tidak mampu.', 'Demikian surat keterangan ini dibuat agar dapat dipergunakan sebagaimana mestinya.'],
  validUntil: '10 Oktober 2021',
  place: 'Hanura',
  dateText: '10 September 2021',
  signature: { mode: 'self', headTitle: 'Kepala Desa Hanura', signerTitle: 'Kepala Desa Hanura', signerName: 'SUPRIYADI', staffNumberLabel: 'NIPD', staffNumber: '1809102004001' },
  qr: { url: 'https://balai.example.id/cek/7K2M9QXW4T' },
  ...over,
});

const raw = async (l: LetterDocument) => (await renderLetterPdf(l, { compress: false })).toString('latin1');

/** The page content streams of an uncompressed PDF, in page order. */
const contentStreams = (pdf: string) => [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!).filter((s) => /\bTJ\b|\bre\b/.test(s));

/**
 * The text pdfkit wrote, one line per TJ. pdfkit writes glyphs as hex strings and a
 * justified space as a large negative offset instead of a space glyph.
 */
const textOf = (stream: string) =>
  [...stream.matchAll(/\[(.*?)\] TJ/g)]
    .map((m) =>
      [...m[1]!.matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/g)]
        .map(([, hex, offset]) => (hex !== undefined ? Buffer.from(hex, 'hex').toString('latin1') : Number(offset) < -200 ? ' ' : ''))
        .join(''),
    )
    .join('\n');

const pageCount = (pdf: string) => pdf.match(/\/Type \/Page\n/g)?.length ?? 0;
const mediaBox = (pdf: string) => /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf)!.slice(1).map(Number);
const mmToPt = (v: number) => (v * 72) / 25.4;

// ---- small PNG writer for the logo tests (CRCs left zero: neither pdfkit nor the renderer checks them)

function pngChunk(type: string, body: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
}

/** rows of pixels (each pixel `channels` bytes) → PNG, row r filtered with filter type r % 5. */
function png(rows: number[][][], colorType: 2 | 6): Buffer {
  const h = rows.length;
  const w = rows[0]!.length;
  const bpp = colorType === 6 ? 4 : 3;
  const lines: Buffer[] = [];
  let prev = Buffer.alloc(w * bpp);
  rows.forEach((row, r) => {
    const cur = Buffer.from(row.flat());
    const filter = r % 5;
    const out = Buffer.alloc(cur.length + 1);
    out[0] = filter;
    for (let i = 0; i < cur.length; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[i + 1] = (cur[i]! - predictor) & 0xff;
    }
    lines.push(out);
    prev = cur;
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(lines))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first image XObject's dictionary and its (still compressed) data. */
function imageOf(pdf: string): { dict: string; data: Buffer } | null {
  const m = /<<\n([^>]*\/Subtype \/Image[^>]*)>>\nstream\n/.exec(pdf);
  if (!m) return null;
  const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
  const start = m.index + m[0].length;
  return { dict: m[1]!, data: Buffer.from(pdf.slice(start, start + length), 'latin1') };
}

describe('letter PDF', () => {
  it('is a PDF with the letter’s title, number, identity, signature and QR caption', async () => {
    const bytes = await renderLetterPdf(letter());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);

    const pdf = await raw(letter());
    expect(pageCount(pdf)).toBe(1);
    const text = textOf(contentStreams(pdf).join('\n'));
    for (const expected of [
      'PEMERINTAH KABUPATEN PESAWARAN',
      'DESA HANURA',
      'SURAT KETERANGAN TIDAK MAMPU',
      'Nomor: 400/007/1809102004/IX/2021',
      'SITI AMINAH',
      '1809104507900001',
      'Surat ini berlaku sampai dengan tanggal 10 Oktober 2021.',
      'Hanura, 10 September 2021',
      'SUPRIYADI',
      'NIPD. 1809102004001',
      'Pindai untuk memeriksa keaslian surat',
      'https://balai.example.id/cek/7K2M9QXW4T',
    ]) {
      expect(text).toContain(expected);
    }
    // Identity rows as an aligned table: label, colon, value as separate pieces.
    expect(text).toMatch(/^Nama\n:\nSITI AMINAH$/m);
    expect(pdf).toMatch(/\/Producer \d+ 0 R/);
    expect(pdf).toContain('(Balai)');
    expect(pdf).toContain('(SURAT KETERANGAN TIDAK MAMPU 400/007/1809102004/IX/2021)');
  });

  it('prints on A4 (210 × 297 mm) or F4 folio (215 × 330 mm)', async () => {
    const [a4w, a4h] = mediaBox(await raw(letter({ paper: 'A4' })));
    expect(a4w).toBeCloseTo(mmToPt(210), 2);
    expect(a4h).toBeCloseTo(mmToPt(297), 2);
    const [f4w, f4h] = mediaBox(await raw(letter({ paper: 'F4' })));
    expect(f4w).toBeCloseTo(mmToPt(215), 2);
    expect(f4h).toBeCloseTo(mmToPt(330), 2);
  });

  it('writes the three forms of signature block', async () => {
    const sig = (over: Partial<LetterDocument['signature']>) => letter({ signature: { ...letter().signature, ...over } });
    const self = textOf(contentStreams(await raw(sig({ mode: 'self' }))).join('\n'));
    expect(self).toMatch(/^Kepala Desa Hanura\nSUPRIYADI$/m);
    expect(self).not.toContain('a.n.');

    const an = textOf(contentStreams(await raw(sig({ mode: 'an', signerTitle: 'Sekretaris Desa', signerName: 'WAHYUNI', staffNumberLabel: 'NIP', staffNumber: '197201012000031005' }))).join('\n'));
    expect(an).toMatch(/^Hanura, 10 September 2021\na\.n\. Kepala Desa Hanura\nSekretaris Desa\nWAHYUNI\nNIP\. 197201012000031005$/m);

    const ub = textOf(contentStreams(await raw(sig({ mode: 'ub', secretaryTitle: 'Sekretaris Desa', signerTitle: 'Kepala Urusan Umum', signerName: 'RUSDI', staffNumber: null }))).join('\n'));
    expect(ub).toMatch(/^a\.n\. Kepala Desa Hanura\nSekretaris Desa\nu\.b\.\nKepala Urusan Umum\nRUSDI$/m);
    // No staff number, no "NIPD." line.
    expect(ub).not.toContain('NIPD');
  });

  it('draws the QR code as vector squares that read back as the URL’s code', async () => {
    const url = 'https://balai.example.id/cek/7K2M9QXW4T';
    const pdf = await raw(letter({ qr: { url } }));
    expect(imageOf(pdf)).toBeNull();
    const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const rects = [...pdf.matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re$/gm)].map((m) => m.slice(1).map(Number) as [number, number, number, number]);
    const cellish = Math.min(...rects.map((r) => r[3]));
    const squares = rects.filter((r) => Math.abs(r[3] - cellish) < 0.01);
    const cell = cellish / 1.04;
    const x0 = Math.min(...squares.map((r) => r[0]));
    const y0 = Math.min(...squares.map((r) => r[1]));
    const seen = new Uint8Array(size * size);
    for (const [x, y, w] of squares) {
      const row = Math.round((y - y0) / cell);
      const col = Math.round((x - x0) / cell);
      for (let c = col; c < col + Math.round(w / cell); c++) seen[row * size + c] = 1;
    }
    expect(Buffer.from(seen).equals(Buffer.from(data))).toBe(true);
  });

  it('lets a long letter flow to a second page, keeping the signature block whole', async () => {
    const long = letter({ paragraphs: Array.from({ length: 14 }, (_, i) => `Paragraf ${i + 1}. ${'Kalimat panjang untuk mengisi halaman surat keterangan ini. '.repeat(5)}`) });
    const pdf = await raw(long);
    expect(pageCount(pdf)).toBe(2);
    const [first, second] = contentStreams(pdf).map(textOf);
    expect(first).toContain('SURAT KETERANGAN TIDAK MAMPU');
    expect(second).toContain('Paragraf 14.');
    expect(second).toMatch(/Hanura, 10 September 2021\nKepala Desa Hanura\nSUPRIYADI\nNIPD/);
    expect(first).not.toContain('SUPRIYADI');
  });

  it('works without the optional parts', async () => {
    const pdf = await raw(letter({ opening: undefined, identity: [], validUntil: undefined, letterhead: { regency: 'R', district: 'D', village: 'V' }, paragraphs: [] }));
    expect(pageCount(pdf)).toBe(1);
    expect(textOf(contentStreams(pdf).join('\n'))).not.toContain('berlaku');
    const blank = textOf(contentStreams(await raw(letter({ identity: [['Pekerjaan', ''], ['Agama', 'Islam']] }))).join('\n'));
    expect(blank).toMatch(/^Pekerjaan\n:\nAgama\n:\nIslam$/m);
  });

  it('is identical for identical input, and carries the given creation date', async () => {
    expect((await renderLetterPdf(letter())).equals(await renderLetterPdf(letter()))).toBe(true);
    const dated = (await renderLetterPdf(letter(), { compress: false, createdAt: new Date('2021-09-10T03:04:05Z') })).toString('latin1');
    expect(dated).toContain('(D:20210910030405Z)');
  });

  it('prints characters the built-in font lacks as "?" instead of broken glyphs', async () => {
    expect(printable('Şükrü “Ñandú” – 5 €\tx\ny')).toBe('?ükrü “Ñandú” – 5 € x y');
    expect(printable('e\u0301')).toBe('é');
    const text = textOf(contentStreams(await raw(letter({ identity: [['Nama', 'Şİ 李']] }))).join('\n'));
    expect(text).toContain('?? ?');
  });

  it('puts a PNG logo with transparency on white once, exact to the pixel', async () => {
    // Transparent red, opaque blue, half-transparent black, opaque green, over 5 rows so every filter is used.
    const pixels = Array.from({ length: 5 }, (_, r) => [
      [255, 0, 0, 0],
      [0, 0, 255, 255],
      [0, 0, 0, 128],
      [r * 10, 200, r * 20, 255],
    ]);
    const pdf = await raw(letter({ letterhead: { ...letter().letterhead, logo: png(pixels, 6) } }));
    const image = imageOf(pdf)!;
    expect(image.dict).toContain('/Width 4');
    expect(image.dict).toContain('/ColorSpace /DeviceRGB');
    expect(pdf).not.toContain('/SMask');
    const scanlines = inflateSync(image.data);
    for (let r = 0; r < 5; r++) {
      const line = scanlines.subarray(r * 13, (r + 1) * 13);
      expect(line[0]).toBe(0);
      expect([...line.subarray(1)]).toEqual([255, 255, 255, 0, 0, 255, 127, 127, 127, r * 10, 200, r * 20]);
    }
  });

  it('embeds an opaque PNG as it is', async () => {
    const logo = png([[[1, 2, 3], [4, 5, 6]]], 2);
    const image = imageOf(await raw(letter({ letterhead: { ...letter().letterhead, logo } })))!;
    expect(image.data.equals(deflateSync(Buffer.from([0, 1, 2, 3, 4, 5, 6])))).toBe(true);
  });

  it('leaves out a logo it cannot read, and still prints the letter', async () => {
    const good = png([[[0, 0, 0, 255]]], 6);
    const idat = good.indexOf('IDAT');
    const broken = [
      Buffer.from('not an image at all'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      good.subarray(0, good.length - 10), // truncated
      Buffer.concat([good.subarray(0, idat + 4), Buffer.from('garbage!'), good.subarray(idat + 12)]), // bad compressed data: an uncaught error in pdfkit
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), // a JPEG that ends in its first segment
      Buffer.alloc(0),
    ];
    for (const logo of broken) {
      const pdf = await raw(letter({ letterhead: { ...letter().letterhead, logo } }));
      expect(imageOf(pdf)).toBeNull();
      expect(textOf(contentStreams(pdf).join('\n'))).toContain('SURAT KETERANGAN TIDAK MAMPU');
    }
    // A string is not a logo: pdfkit would read it as a file path.
    const path = await raw(letter({ letterhead: { ...letter().letterhead, logo: '/etc/passwd' as unknown as Buffer } }));
    expect(imageOf(path)).toBeNull();
  });

  it('embeds a JPEG logo untouched', async () => {
    // SOI, a frame header (8-bit, 2 × 3 px, 3 channels) and EOI: enough for the PDF, which only copies it.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x03, 0x00, 0x02, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 0xff, 0xd9]);
    const image = imageOf(await raw(letter({ letterhead: { ...letter().letterhead, logo: jpeg } })))!;
    expect(image.dict).toContain('/Filter /DCTDecode');
    expect(image.data.equals(jpeg)).toBe(true);
  });

  it('renders 200 letters quickly (printed, not asserted)', async () => {
    const logo = png(Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => [20, 120, 40, 255])), 6);
    for (const withLogo of [false, true]) {
      const base = letter({ signature: { ...letter().signature, mode: 'ub', secretaryTitle: 'Sekretaris Desa', signerTitle: 'Kepala Urusan Umum' } });
      if (withLogo) base.letterhead = { ...base.letterhead, logo };
      await renderLetterPdf(base); // warm-up
      const started = performance.now();
      for (let i = 0; i < 200; i++) await renderLetterPdf({ ...base, number: `400/${i}/1809102004/IX/2021`, qr: { url: `https://balai.example.id/cek/${i}` } });
      const ms = (performance.now() - started) / 200;
      console.log(`[letter-pdf] ${ms.toFixed(2)} ms per one-page letter with QR${withLogo ? ' and logo' : ''} (200 letters)`);
    }
  });
});

describe('letterhead contact line', () => {
  it('prints the postal code, phone and e-mail under the address when the village has them', async () => {
    const contact = 'Kode Pos 35450 · Telepon 0721-000000 · Pos-el desa.hanura@example.id';
    const base = letter();
    const text = textOf(contentStreams(await raw({ ...base, letterhead: { ...base.letterhead, contact } })).join('\n'));
    expect(text).toContain('Kode Pos 35450');
    expect(text).toContain('Pos-el desa.hanura@example.id');
    expect(textOf(contentStreams(await raw(base)).join('\n'))).not.toContain('Kode Pos');
  });
});
