import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xlsxParts, zipOf } from '../../../../test/support/xlsx-parts.js';
import { AppError } from '../../../platform/http/errors.js';
import { t as translate } from '../../../platform/i18n/i18n.js';
import { parseSpreadsheet, readSpreadsheet, readSpreadsheetReport, type Meter } from './read-sheet.js';

/**
 * The spreadsheet reader under attack (issue 11, item 1): a 1,280-byte .xlsx used to hold
 * the server's only event loop for 29 s in a backtracking regular expression. Now the XML
 * goes through a tokenizer that reads each character once, in a worker thread with a time
 * and memory limit.
 */

const SAMPLE = readFileSync(new URL('../../../../test/fixtures/opensid-export-sample.xlsx', import.meta.url));
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
/** The file from the penetration test's report, but 200,000 letters in one tag is 29 s there; this is the same shape. */
const killer = (letters: number) => zipOf({ ...xlsxParts(), 'xl/workbook.xml': `<workbook ${NS}><sheets><sheet ${'a'.repeat(letters)}/></sheets></workbook>` });

describe('reading in a worker thread', () => {
  it('reads the OpenSID sample in another thread, exactly as parsing it here would', async () => {
    const report = await readSpreadsheetReport(SAMPLE, 'sampel.xlsx');
    expect(report.threadId).toBeGreaterThan(0); // 0 is the main thread
    const { threadId: _here, ...local } = await parseSpreadsheet(SAMPLE);
    expect(report.sheet).toEqual(local);
    expect(report.sheet.rows).toHaveLength(41);
  });

  it('refuses the old attack file quickly and cleanly', async () => {
    const err = await readSpreadsheet(killer(200_000), 'serang.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).key).toBe('import.zip_broken');
  });

  it('stops a parse past its time limit with a message that names the file', async () => {
    // A limit no parse can meet (the worker alone takes longer to start): the timeout path, every time.
    // A CSV file: stopping a worker within the first millisecond of an inflate stream trips a
    // Node 20 assertion ("close before init") that ends the whole process.
    const csv = Buffer.from(`nik,nama\n${'1809101708850001,Budi\n'.repeat(20_000)}`);
    const err = await readSpreadsheet(csv, 'data-desa.xlsx', { parseMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(translate('id', e.key, e.params)).toBe(
      'Berkas "data-desa.xlsx" tidak selesai dibaca dalam batas waktu dan dihentikan. Buka di Excel, simpan ulang sebagai .xlsx, atau bagi datanya menjadi beberapa berkas.',
    );
    expect(e.field).toBe('file');
  });
});

describe('hostile XML inside a real .xlsx container (property)', () => {
  const size = fc.integer({ min: 1, max: 200_000 });
  const hostile = fc.oneof(
    size.map((n) => `<sheets><sheet ${'a'.repeat(n)}/></sheets>`), // a run of letters where attributes go
    size.map((n) => `<sheets><sheet name="x" r:id="rId1" ${'b="1" '.repeat(Math.ceil(n / 6))}/></sheets>`), // many attributes
    size.map((n) => `<sheets><sheet name="${'x'.repeat(n)}" r:id="rId1"/></sheets>`), // a huge attribute value
    size.map((n) => `<${'n'.repeat(n)}>`), // a long name, never closed
    size.map((n) => '<a>'.repeat(Math.ceil(n / 3))), // deep nesting, never closed
    size.map((n) => `<sheet name="x" ${'= "'.repeat(Math.ceil(n / 3))}`), // unclosed tag of broken attributes
    size.map((n) => `<!DOCTYPE x [<!ENTITY e "${'e'.repeat(10)}">]><x>${'&e;'.repeat(Math.ceil(n / 3))}</x>`), // entities
    fc.string({ unit: 'binary', maxLength: 5000 }),
  );
  const part = fc.constantFrom('xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml');
  const roots: Record<string, [string, string]> = {
    'xl/workbook.xml': [`<workbook ${NS}>`, '</workbook>'],
    'xl/_rels/workbook.xml.rels': ['<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">', '</Relationships>'],
    'xl/worksheets/sheet1.xml': [`<worksheet ${NS}><sheetData>`, '</sheetData></worksheet>'],
    'xl/sharedStrings.xml': [`<sst ${NS}>`, '</sst>'],
  };

  it('every parse ends in rows or a clear message, within work linear in what the file unpacks to', async () => {
    await fc.assert(
      fc.asyncProperty(part, hostile, fc.boolean(), async (name, xml, inRoot) => {
        const parts: Record<string, string> = { ...xlsxParts(), [name]: inRoot ? `${roots[name]![0]}${xml}${roots[name]![1]}` : xml };
        const unpacked = Object.values(parts).reduce((n, p) => n + Buffer.byteLength(p), 0);
        const meter: Meter = { units: 0 };
        try {
          await parseSpreadsheet(zipOf(parts), meter);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(e.key).toMatch(/^import\./);
          expect(translate('id', e.key, e.params)).not.toBe(e.key);
        }
        // Each byte inflated once to measure, the workbook's two small parts tokenized once, one unit per cell.
        expect(meter.units).toBeLessThanOrEqual(2 * unpacked + 64);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('old Excel files say what they are', () => {
  // The directory of an OLE2 file names its streams in UTF-16; the text of an .xls is in its cells.
  const ole2 = (...texts: string[]) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), ...texts.map((t) => Buffer.from(t, 'utf16le'))]);
  const keyOf = (bytes: Buffer) => parseSpreadsheet(bytes).then(() => null, (e: AppError) => e.key);

  it("OpenSID's family list, another .xls, and a password-protected workbook", async () => {
    expect(await keyOf(ole2('Workbook', 'No. KK', 'Kepala Keluarga', 'Jumlah Anggota'))).toBe('import.file_opensid_families');
    expect(await keyOf(ole2('Workbook', 'Daftar Hadir'))).toBe('import.file_xls');
    expect(await keyOf(ole2('EncryptionInfo', 'EncryptedPackage'))).toBe('import.file_encrypted');
    expect(translate('id', 'import.file_opensid_families')).toContain('Ekspor Penduduk');
  });
});
