import ExcelJS from 'exceljs';
import { formatDate } from '../../platform/format/format.js';
import { besideModule } from '../../platform/paths.js';

/** The agenda book's rows as the workbook takes them, and the worker thread that writes it. */
export interface AgendaSheetRow { kind: 'masuk' | 'keluar'; day: string; number: string | null; letter_date: string; party: string; subject: string; remark: string }
export const AGENDA_WORKBOOK_WORKER = besideModule('./agenda-workbook-worker', import.meta.url);

/** The Buku Agenda in the register's columns (Permendagri 47/2016), landscape A4, numbered rows. */
export async function agendaSheet(heading: [string, string], rows: AgendaSheetRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet('Buku Agenda', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([heading[0]]);
  ws.addRow([heading[1]]);
  ws.addRow([]);
  ws.addRow(['No. Urut', 'Tanggal Penerimaan/ Pengiriman', 'Surat Masuk', '', '', '', 'Surat Keluar', '', '', '', 'Keterangan']);
  ws.addRow(['', '', 'Nomor', 'Tanggal', 'Pengirim', 'Isi Singkat', 'Nomor', 'Tanggal', 'Ditujukan Kepada', 'Isi Singkat', '']);
  ws.mergeCells('C4:F4');
  ws.mergeCells('G4:J4');
  for (const cell of ['A4:A5', 'B4:B5', 'K4:K5']) ws.mergeCells(cell);
  for (const row of [1, 2, 4, 5]) ws.getRow(row).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [7, 14, 22, 13, 26, 34, 24, 13, 26, 30, 26][i]));
  const d = (s: string) => formatDate(s);
  rows.forEach((x, i) => {
    const inbound = x.kind === 'masuk';
    ws.addRow([i + 1, d(x.day), inbound ? x.number : '', inbound ? d(x.letter_date) : '', inbound ? x.party : '', inbound ? x.subject : '',
      inbound ? '' : x.number, inbound ? '' : d(x.letter_date), inbound ? '' : x.party, inbound ? '' : x.subject, x.remark]);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
