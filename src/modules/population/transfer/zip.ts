import { createInflateRaw } from 'node:zlib';

/**
 * Just enough of the ZIP format to look inside an uploaded .xlsx before a spreadsheet
 * library touches it: list the entries, measure what each really inflates to (a small
 * file can unpack to gigabytes), and put the few entries we read into a new archive in
 * the order a streaming reader wants them.
 *
 * Kept rather than a zip library because the repacking needs each entry's compressed
 * bytes as they are, and because it is small and has nothing to go slow on: fixed-size
 * headers read by offset, every loop bounded by the archive's length, no regular
 * expressions; inflation is zlib's, counted and capped. The XML inside is read by saxes
 * and ExcelJS, in a worker thread with a time limit (`read-sheet.ts`).
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the compressed bytes start. */
  dataStart: number;
}

export class ZipProblem extends Error {
  constructor(readonly kind: 'broken' | 'encrypted' | 'too_big') {
    super(`zip: ${kind}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZip(buf: Buffer): Map<string, ZipEntry> {
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipProblem('broken');
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  // ZIP64 markers: never needed for a 10 MB spreadsheet, so treat them as damage.
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > end) throw new ZipProblem('broken');

  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipProblem('broken');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipProblem('encrypted');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipProblem('broken');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new ZipProblem('broken');
    if (method !== 0 && method !== 8) throw new ZipProblem('broken');
    entries.set(name, { name, method, flags, crc, compressedSize, size, dataStart });
  }
  return entries;
}

/**
 * Inflates every entry once, counting bytes and keeping none, and stops at `limit` in
 * all: the sizes the archive declares are not trusted. Corrupt data fails here too.
 */
export async function checkUnpackedSize(buf: Buffer, entries: Map<string, ZipEntry>, limit: number): Promise<number> {
  let total = 0;
  for (const e of entries.values()) {
    if (e.size > limit || total + e.size > limit) throw new ZipProblem('too_big');
    if (e.method === 0) {
      total += e.compressedSize;
    } else {
      total += await inflatedLength(buf.subarray(e.dataStart, e.dataStart + e.compressedSize), limit - total);
    }
    if (total > limit) throw new ZipProblem('too_big');
  }
  return total;
}

function inflatedLength(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const fail = (p: ZipProblem) => {
      if (done) return;
      done = true;
      z.destroy();
      reject(p);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) fail(new ZipProblem('too_big'));
    });
    z.on('error', () => fail(new ZipProblem('broken')));
    z.on('end', () => {
      if (!done) {
        done = true;
        resolve(n);
      }
    });
    z.end(data);
  });
}

/** The bytes of one entry, inflated (only for the small XML parts we read ourselves). */
export function readEntry(buf: Buffer, e: ZipEntry, limit: number): Promise<Buffer> {
  const raw = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) return Promise.resolve(Buffer.from(raw));
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    const chunks: Buffer[] = [];
    let n = 0;
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        z.destroy();
        reject(new ZipProblem('too_big'));
      } else chunks.push(c);
    });
    z.on('error', () => reject(new ZipProblem('broken')));
    z.on('end', () => resolve(Buffer.concat(chunks)));
    z.end(raw);
  });
}

export interface RepackItem {
  /** The name in the new archive. */
  name: string;
  /** An entry of the uploaded archive, copied as it is compressed, or bytes stored as they are. */
  from: ZipEntry | Buffer;
}

/**
 * A new archive with the given entries in the given order. Compressed data is copied
 * unchanged; the local headers are written afresh with the sizes from the central
 * directory, so no entry needs a trailing data descriptor.
 */
export function repack(buf: Buffer, items: RepackItem[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const name = Buffer.from(item.name, 'utf8');
    const e = item.from;
    const stored = Buffer.isBuffer(e);
    const data = stored ? e : buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const method = stored ? 0 : e.method;
    const crc = stored ? crc32(e) : e.crc;
    const size = stored ? e.length : e.size;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names, no data descriptor
    head.writeUInt16LE(method, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(head, name, data);
    central.push(cd, name);
    offset += 30 + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

let table: Int32Array | null = null;
function crc32(data: Buffer): number {
  if (!table) {
    table = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
