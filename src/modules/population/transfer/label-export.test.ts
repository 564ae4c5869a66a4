import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { codeLabel } from '../codes.js';
import { COLUMNS } from './opensid.js';
import { parseSpreadsheet } from './read-sheet.js';
import { parseFile } from './validate.js';

/**
 * OpenSID's export "huruf" writes each code column as its label (LAKI-LAKI, ISLAM, KAWIN);
 * those are Balai's own official labels (codes.json), so such a file imports like the
 * export with codes (issue 10, item 11). The label file is made here from the real sample.
 */

const SAMPLE = readFileSync(new URL('../../../../test/fixtures/opensid-export-sample.xlsx', import.meta.url));
const TODAY = '2026-01-01';
const codeColumns = COLUMNS.filter((c) => c.type.kind === 'code');

/** The sample with every code cell replaced by its label, written by `style` (OpenSID writes upper case). */
async function labelled(style: (label: string) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(SAMPLE as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  for (const spec of codeColumns) {
    const col = header.indexOf(spec.name);
    if (col < 0 || spec.type.kind !== 'code') continue;
    const list = spec.type.list;
    ws.getColumn(col).eachCell((cell, row) => {
      if (row > 1 && cell.value !== null && cell.value !== '') cell.value = style(codeLabel(list, Number(cell.value)));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const parse = async (bytes: Buffer) => parseFile(await parseSpreadsheet(bytes), TODAY);

describe("OpenSID's label export", () => {
  it('reads to the same residents as the export with codes, and says which columns came as labels', async () => {
    const codes = await parse(SAMPLE);
    const labels = await parse(await labelled((l) => l));
    expect(labels.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(labels.rows).toEqual(codes.rows);
    expect(codes.codeColumns.every((c) => c.mapping === 'codes')).toBe(true);
    const byLabel = Object.fromEntries(labels.codeColumns.map((c) => [c.column, c.mapping]));
    expect(byLabel).toMatchObject({ sex: 'labels', agama_id: 'labels', status_kawin: 'labels', kk_level: 'labels' });
    expect(Object.values(byLabel).every((m) => m === 'labels')).toBe(true);
  });

  it('takes labels in any case and spacing, says "mixed" for a column of both, and refuses what is no label', async () => {
    const relaxed = await parse(await labelled((l) => ` ${l.toLowerCase().replace(/\//g, ' / ')} `));
    expect(relaxed.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(relaxed.rows).toEqual((await parse(SAMPLE)).rows);

    const header = 'dusun,rw,rt,nama,no_kk,nik,sex,agama_id,kk_level\n';
    const mixed = await parse(Buffer.from(`${header}I,-,001,Budi,1809100101200001,1809101708900001,Laki-laki,1,1\nI,-,001,Sari,1809100101200001,1809104708920002,2,islam,3\nI,-,001,Ani,1809100101200001,1809105708120003,PEREMPUAN,BUDDHA,4\n`));
    expect(mixed.codeColumns).toEqual([
      { column: 'sex', mapping: 'mixed' },
      { column: 'agama_id', mapping: 'mixed' },
      { column: 'kk_level', mapping: 'codes' },
    ]);
    expect(mixed.rows.slice(0, 2).map((r) => [r.values.sex, r.values.religion])).toEqual([[1, 1], [2, 1]]);
    expect(mixed.problems).toContainEqual(expect.objectContaining({ line: 4, column: 'agama_id', key: 'import.code_unknown', params: expect.objectContaining({ value: 'BUDDHA' }) }));
  });
});
