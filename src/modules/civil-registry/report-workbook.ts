import ExcelJS from 'exceljs';
import type { ReportSheets } from './report-rows.js';
import { REPORT_COLUMNS, REPORT_KINDS, SHEET_NAME } from './siak.js';

/** What the key sheet says about the report. */
export interface ReportMeta {
  village: string;
  villageName: string;
  number: number;
  periodFrom: string;
  periodTo: string;
  madeBy: string;
  /** ISO time the report was made: the workbook's own dates, so a file made again from the same rows is the same. */
  madeAt: string;
  /** NIKs masked: a copy for an officer who may not see them whole. */
  masked: boolean;
}

/**
 * The report as a workbook: one sheet per kind (LAHIR, MATI, PINDAH DATANG, PINDAH KELUAR,
 * PERUBAHAN DATA), each starting with its column titles in the first row, as a SIAK operator
 * reads or pastes them; every cell is text (a NIK never becomes a rounded number); then a
 * KETERANGAN sheet with the village, the period and what each column means.
 */
export async function reportWorkbookBytes(sheets: ReportSheets, meta: ReportMeta): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date(meta.madeAt);
  wb.modified = new Date(meta.madeAt);
  for (const kind of REPORT_KINDS) {
    const columns = REPORT_COLUMNS[kind];
    const ws = wb.addWorksheet(SHEET_NAME[kind], { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      col.numFmt = '@';
    });
    const head = ws.addRow(columns.map((c) => c.title));
    head.font = { bold: true };
    for (const row of sheets[kind] ?? []) ws.addRow(row.map((cell) => String(cell)));
  }
  const key = wb.addWorksheet('KETERANGAN');
  key.getColumn(1).width = 22;
  key.getColumn(2).width = 60;
  const line = (a: string, b = '') => key.addRow([a, b]);
  line('LAPORAN PERUBAHAN DATA PENDUDUK').font = { bold: true };
  line('Desa/Kelurahan', `${meta.villageName} (${meta.village})`);
  line('Nomor laporan', String(meta.number));
  line('Periode', `${meta.periodFrom} s.d. ${meta.periodTo}`);
  line('Dibuat oleh', meta.madeBy);
  line('Dibuat pada', meta.madeAt);
  line('Jumlah baris', REPORT_KINDS.map((k) => `${SHEET_NAME[k]} ${(sheets[k] ?? []).length}`).join(', '));
  if (meta.masked) line('Catatan', 'NIK dan nomor KK disamarkan pada salinan ini.');
  line('');
  for (const kind of REPORT_KINDS) {
    line(`Lembar ${SHEET_NAME[kind]}`).font = { bold: true };
    for (const c of REPORT_COLUMNS[kind]) line(c.title, c.meaning);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
