import ExcelJS from 'exceljs';

/**
 * The profile as a workbook: a first sheet that says what it is and which ministry screen each
 * sheet goes to, then one sheet per section with the same columns everywhere — Kode, Indikator,
 * Laki-laki, Perempuan, Nilai, Satuan, Sumber — so an operator copies a sheet screen by screen
 * (or a converter reads it by column). Numbers are numbers; a hidden small count is "< 5".
 */

export interface WorkbookCell { value: string | null; mask?: 'small' | 'derived' }
export interface WorkbookRow { code: string; label: string; male?: WorkbookCell; female?: WorkbookCell; value: WorkbookCell; words?: boolean; unit: string; source: string }
export interface WorkbookSection { sheet: string; title: string; system: string; screen: string; rows: WorkbookRow[] }
export interface ProfileWorkbookInput {
  title: string;
  place: string;
  year: number;
  asOfText: string;
  madeText: string;
  filledText: string;
  sections: WorkbookSection[];
}

export const COLUMNS = ['Kode', 'Indikator', 'Laki-laki', 'Perempuan', 'Nilai', 'Satuan', 'Sumber'] as const;

function cellValue(c: WorkbookCell | undefined, words = false): string | number | null {
  if (!c) return null;
  if (c.mask === 'small') return '< 5';
  if (c.mask === 'derived') return '–';
  if (c.value === null) return null;
  return words ? c.value : Number(c.value);
}

export async function profileWorkbookBytes(input: ProfileWorkbookInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const about = wb.addWorksheet('Petunjuk');
  about.getColumn(1).width = 28;
  about.getColumn(2).width = 90;
  about.addRow([input.title]).font = { bold: true, size: 12 };
  about.addRow([input.place]);
  about.addRow(['Tahun', input.year]);
  about.addRow(['Data penduduk per', input.asOfText]);
  about.addRow(['Dibuat', input.madeText]);
  about.addRow(['Isian manual', input.filledText]);
  about.addRow([]);
  about.addRow(['Lembar', 'Layar di aplikasi kementerian']).font = { bold: true };
  for (const s of input.sections) about.addRow([s.sheet, `${s.system}: ${s.screen}`]);

  for (const s of input.sections) {
    const ws = wb.addWorksheet(s.sheet.slice(0, 31), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.addRow([`${s.system} · ${s.title}`]).font = { bold: true };
    ws.addRow([s.screen]);
    const head = ws.addRow([...COLUMNS]);
    head.font = { bold: true };
    ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
    [12, 60, 12, 12, 18, 14, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const r of s.rows) {
      const row = ws.addRow([r.code, r.label, cellValue(r.male), cellValue(r.female), cellValue(r.value, r.words), r.unit, r.source]);
      row.alignment = { vertical: 'top', wrapText: true };
      if (r.unit === 'Rp' && typeof row.getCell(5).value === 'number') row.getCell(5).numFmt = '#,##0';
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
