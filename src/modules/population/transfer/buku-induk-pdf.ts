import type { Writable } from 'node:stream';
import { writeRegisterBook, type RegisterLine } from '../../../platform/pdf/register-book.js';
import { REGISTER_COLUMNS, type RegisterHeading, type RegisterRow } from './sheets.js';

/**
 * The Buku Induk Penduduk as a printable PDF in the register books' layout (landscape A4 or F4,
 * titles on every page, "Halaman n dari m", the village head's signature block at the end): a
 * family after another, a heavier rule where the next family starts.
 */
export function writeRegisterPdf(heading: RegisterHeading, rows: () => Iterable<RegisterRow> | AsyncIterable<RegisterRow>, paper: 'a4' | 'f4', out: Writable): Promise<number> {
  async function* lines(): AsyncGenerator<RegisterLine> {
    for await (const r of rows()) yield { cells: REGISTER_COLUMNS.map((c) => String(r[c.key] ?? '')), heavyTop: r.familyStart };
  }
  return writeRegisterBook({ ...heading, columns: REGISTER_COLUMNS, paper, empty: 'Belum ada data penduduk.' }, lines, out);
}
