import { inflateSync, constants as zlib } from 'node:zlib';

/** The text pdfkit drew with its built-in fonts (WinAnsi glyphs as hex strings in TJ arrays), whitespace removed. */
export function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const parts: string[] = [];
  for (const m of s.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = s.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end), { finishFlush: zlib.Z_SYNC_FLUSH }).toString('latin1');
    } catch {
      content = s.slice(start, end);
    }
    for (const tj of content.matchAll(/\[(.*?)\] TJ/g)) parts.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  }
  return parts.join('').replace(/\s+/g, '');
}
