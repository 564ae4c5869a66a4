/**
 * Room for a signature in a finished PDF, added as an incremental update (the bytes before
 * stay as they are, as every signing tool does): a signature dictionary with a /ByteRange and
 * a zero-filled /Contents that @signpdf/signpdf fills in, an invisible signature field on the
 * first page, and the catalogue's /AcroForm pointing at it.
 *
 * It reads the PDFs Balai makes with pdfkit (a classic cross-reference table, plain
 * dictionaries); anything else is refused with a plain error rather than signed wrongly.
 * @signpdf/placeholder-plain does the same but brings pdfkit 0.10 and its dependencies along.
 */

export interface PlaceholderOptions {
  reason: string;
  location: string;
  /** The signer's name, written in the signature dictionary. */
  name: string;
  at: Date;
  /** Bytes reserved for the PKCS#7 signature (hex doubles it). */
  signatureBytes?: number;
}

export class UnsupportedPdf extends Error {}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** A PDF text string any name fits in: UTF-16BE with its byte order mark, as hex. */
export const pdfText = (s: string) => {
  const units = Buffer.alloc(2 + s.length * 2);
  units.writeUInt16BE(0xfeff, 0);
  for (let i = 0; i < s.length; i++) units.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
  return `<${units.toString('hex').toUpperCase()}>`;
};

/** D:YYYYMMDDHHmmSS+07'00' in Western Indonesian Time, the village's clock. */
export function pdfDate(at: Date): string {
  const wib = new Date(at.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${wib.getUTCFullYear()}${p(wib.getUTCMonth() + 1)}${p(wib.getUTCDate())}${p(wib.getUTCHours())}${p(wib.getUTCMinutes())}${p(wib.getUTCSeconds())}+07'00'`;
}

/** Reads the digits at `at` (after optional whitespace); -1 when there are none. */
function numberAt(text: string, at: number): { value: number; end: number } {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = i;
  while (i < text.length && i - start < 12 && text[i]! >= '0' && text[i]! <= '9') i++;
  return { value: i > start ? Number(text.slice(start, i)) : -1, end: i };
}

/** The value `N` of `/Key N 0 R` inside a dictionary's text, or -1. */
function refOf(dict: string, key: string): number {
  const at = dict.indexOf(`/${key}`);
  if (at < 0) return -1;
  const n = numberAt(dict, at + key.length + 1);
  const gen = numberAt(dict, n.end);
  return gen.value === 0 && dict.slice(gen.end).trimStart().startsWith('R') ? n.value : -1;
}

/** The end of the dictionary that opens at `start` (`<<`), skipping nested ones and strings. */
function dictEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      // A literal string: balanced parentheses, backslash escapes.
      let open = 1;
      for (i++; i < text.length && open > 0; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') open++;
        else if (text[i] === ')') open--;
      }
      i--;
    } else if (ch === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (ch === '<') {
      const close = text.indexOf('>', i);
      if (close < 0) break;
      i = close;
    } else if (ch === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw new UnsupportedPdf('unterminated dictionary');
}

interface Parsed {
  text: string;
  startxref: number;
  size: number;
  root: number;
  trailerExtra: string;
  offsets: Map<number, number>;
}

/** The last trailer and the cross-reference table it closes. */
function parse(pdf: Uint8Array): Parsed {
  const text = latin1(pdf);
  const sx = text.lastIndexOf('startxref');
  if (sx < 0) throw new UnsupportedPdf('no startxref');
  const startxref = numberAt(text, sx + 9).value;
  if (startxref < 0 || !text.startsWith('xref', startxref)) throw new UnsupportedPdf('no classic cross-reference table');
  const offsets = new Map<number, number>();
  let at = startxref + 4;
  for (;;) {
    while (/\s/.test(text[at] ?? '')) at++;
    if (text.startsWith('trailer', at)) break;
    const first = numberAt(text, at);
    const count = numberAt(text, first.end);
    if (first.value < 0 || count.value < 0) throw new UnsupportedPdf('bad cross-reference table');
    at = count.end;
    while (text[at] === ' ' || text[at] === '\r' || text[at] === '\n') at++;
    for (let k = 0; k < count.value; k++, at += 20) {
      const entry = text.slice(at, at + 20);
      if (entry[17] === 'n') offsets.set(first.value + k, Number(entry.slice(0, 10)));
    }
  }
  const trailerStart = text.indexOf('<<', at);
  const trailer = text.slice(trailerStart, dictEnd(text, trailerStart));
  const size = numberAt(trailer, trailer.indexOf('/Size') + 5).value;
  const root = refOf(trailer, 'Root');
  if (size < 1 || root < 0) throw new UnsupportedPdf('trailer without /Size or /Root');
  // /Info and /ID are carried into the new trailer as they were.
  const info = refOf(trailer, 'Info');
  const idAt = trailer.indexOf('/ID');
  const id = idAt >= 0 ? trailer.slice(idAt, trailer.indexOf(']', idAt) + 1) : '';
  return { text, startxref, size, root, trailerExtra: `${info >= 0 ? `/Info ${info} 0 R\n` : ''}${id ? `${id}\n` : ''}`, offsets };
}

/** The dictionary of object `n` (generation 0), as text from `<<` to `>>`. */
function objectDict(p: Parsed, n: number): string {
  const at = p.offsets.get(n);
  const head = `${n} 0 obj`;
  if (at === undefined || !p.text.startsWith(head, at)) throw new UnsupportedPdf(`object ${n} not found`);
  const open = p.text.indexOf('<<', at + head.length);
  return p.text.slice(open, dictEnd(p.text, open));
}

/** The first page: down the page tree from the catalogue's /Pages by the first kid. */
function firstPage(p: Parsed, rootDict: string): { n: number; dict: string } {
  let n = refOf(rootDict, 'Pages');
  for (let depth = 0; depth < 10 && n >= 0; depth++) {
    const dict = objectDict(p, n);
    if (!/\/Type\s*\/Pages\b/.test(dict)) return { n, dict };
    const kids = dict.indexOf('/Kids');
    n = kids < 0 ? -1 : numberAt(dict, dict.indexOf('[', kids) + 1).value;
  }
  throw new UnsupportedPdf('no page');
}

/** `dict` (`<< … >>`) with `entry` added before its closing `>>`. */
const withEntry = (dict: string, entry: string) => `${dict.slice(0, -2).trimEnd()}\n${entry}\n>>`;

export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/** The PDF with an empty signature appended, ready for @signpdf/signpdf. */
export function addSignaturePlaceholder(pdf: Uint8Array, o: PlaceholderOptions): Buffer {
  const p = parse(pdf);
  const rootDict = objectDict(p, p.root);
  if (rootDict.includes('/AcroForm')) throw new UnsupportedPdf('the PDF already has a form');
  const page = firstPage(p, rootDict);
  const sig = p.size;
  const widget = p.size + 1;
  const form = p.size + 2;
  let pageDict: string;
  const annots = page.dict.indexOf('/Annots');
  if (annots < 0) pageDict = withEntry(page.dict, `/Annots [${widget} 0 R]`);
  else {
    const open = page.dict.indexOf('[', annots);
    if (open < 0 || page.dict.slice(annots + 7, open).trim()) throw new UnsupportedPdf('page annotations by reference');
    pageDict = `${page.dict.slice(0, open + 1)}${widget} 0 R ${page.dict.slice(open + 1)}`;
  }
  const contents = '0'.repeat((o.signatureBytes ?? 8192) * 2);
  const objects: [number, string][] = [
    [p.root, withEntry(rootDict, `/AcroForm ${form} 0 R`)],
    [page.n, pageDict],
    [sig, `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /adbe.pkcs7.detached\n${BYTE_RANGE_PLACEHOLDER}\n/Contents <${contents}>\n/Reason ${pdfText(o.reason)}\n/M (${pdfDate(o.at)})\n/Name ${pdfText(o.name)}\n/Location ${pdfText(o.location)}\n>>`],
    [widget, `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/Rect [0 0 0 0]\n/V ${sig} 0 R\n/T ${pdfText('Tanda tangan elektronik')}\n/F 132\n/P ${page.n} 0 R\n>>`],
    [form, `<<\n/Fields [${widget} 0 R]\n/SigFlags 3\n>>`],
  ];
  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let tail = original[original.length - 1] === 0x0a ? '' : '\n';
  const at = new Map<number, number>();
  for (const [n, body] of objects) {
    at.set(n, original.length + Buffer.byteLength(tail, 'latin1'));
    tail += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xref = original.length + Buffer.byteLength(tail, 'latin1');
  tail += 'xref\n';
  for (const n of [...at.keys()].sort((a, b) => a - b)) tail += `${n} 1\n${String(at.get(n)).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<<\n/Size ${p.size + 3}\n/Root ${p.root} 0 R\n${p.trailerExtra}/Prev ${p.startxref}\n>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([original, Buffer.from(tail, 'latin1')]);
}
